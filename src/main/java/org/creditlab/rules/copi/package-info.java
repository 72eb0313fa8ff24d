/**
 * COPI, constrained parameter inference (Ahmad, Schrader and van Gerven, TMLR 2023): decorrelated layer inputs
 * ({@link org.creditlab.nn.Decorrelation}), weights that infer their own update from local activity and a top-down
 * perturbation, the paper's decorrelated-backprop baseline, and the analyses of its figures (linear-readout receptive
 * fields, network compression).
 */
package org.creditlab.rules.copi;
