/** Kunin et al. 2020, "Two Routes to Scalable Credit Assignment without Weight Symmetry": presets and reported numbers. */
package org.creditlab.papers.kunin;
