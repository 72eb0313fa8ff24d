/**
 * Meulemans et al. 2021 as data and studies: the published configurations of Table 1 and Figures 1D and 3
 * ({@link org.creditlab.papers.dfc.DfcPresets}), the reported numbers ({@link org.creditlab.papers.dfc.DfcReported}), the findings
 * ({@link org.creditlab.papers.dfc.DfcFindings}),
 * the per-epoch diagnostics listener, and the notebook's experiments
 * at the QUICK and FULL scales ({@link org.creditlab.papers.dfc.DfcStudy}).
 */
package org.creditlab.papers.dfc;
