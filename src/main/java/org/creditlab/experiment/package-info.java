/** Experiments as immutable configurations whose hash identifies a stored run; the runner that trains, resumes or loads them. */
package org.creditlab.experiment;
