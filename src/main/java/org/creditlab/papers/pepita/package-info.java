/**
 * The PEPITA papers as data and analyses: the experimental settings ({@link org.creditlab.papers.pepita.PepitaPresets},
 * {@link org.creditlab.papers.pepita.Method}), the reported numbers with their provenance
 * ({@link org.creditlab.papers.pepita.PepitaReported}: only numbers read in the authors' saved outputs are verified), and the
 * notebook's runs ({@link org.creditlab.papers.pepita.PepitaStudy}) and figures
 * ({@link org.creditlab.papers.pepita.PepitaFigures}).
 */
package org.creditlab.papers.pepita;
