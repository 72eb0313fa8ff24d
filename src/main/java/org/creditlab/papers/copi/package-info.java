/**
 * The COPI paper (Ahmad, Schrader and van Gerven, "Constrained Parameter Inference as a Principle for Learning",
 * TMLR 2023): its presets per profile ({@link org.creditlab.papers.copi.CopiPresets},
 * {@link org.creditlab.papers.copi.Method}), the notebook's runs ({@link org.creditlab.papers.copi.CopiStudy}), the
 * authors' reported numbers as data, and the tables and figures of {@code notebooks/copi.ipynb}.
 */
package org.creditlab.papers.copi;
