/**
 * The cross-rule benchmark: every registered classification rule on the same network, data, epochs and seeds, each
 * with the same random-search budget over its learning rate (and the one or two metaparameters it declares), chosen
 * on a validation split, then run with every seed and evaluated on the test set. {@link
 * org.creditlab.benchmark.BenchmarkPresets} holds the settings as data, {@link org.creditlab.benchmark.BenchmarkStudy}
 * the runs, {@link org.creditlab.benchmark.BenchmarkTable} the table computed from them,
 * {@link org.creditlab.benchmark.BenchmarkFigures} the charts, {@link org.creditlab.benchmark.BenchmarkReported}
 * BioTorch's published numbers and {@link org.creditlab.benchmark.BenchmarkFindings} the claims checked against ours.
 */
package org.creditlab.benchmark;
