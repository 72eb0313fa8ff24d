/** Runs on disk: configuration, metrics, checkpoints and status, all written atomically. */
package org.creditlab.results;
