/**
 * Kunin et al. 2020, "Two Routes to Scalable Credit Assignment without Weight Symmetry": the rules compared
 * ({@link org.creditlab.papers.kunin.Method}), settings ({@link org.creditlab.papers.kunin.KuninPresets}), runs
 * ({@link org.creditlab.papers.kunin.KuninStudy}, {@link org.creditlab.papers.kunin.ResNetDepth}), figures, reported
 * numbers and findings.
 */
package org.creditlab.papers.kunin;
