/**
 * Deep Feedback Control (Meulemans et al., NeurIPS 2021, arXiv:2106.07887): the controlled network's dynamics
 * ({@link org.creditlab.rules.dfc.Dynamics}), the three forward-learning variants DFC, DFC-SS and DFC-SSA, the
 * feedback ("sleep") phase, and the paper's measures (Conditions 1 and 2, stability, Gauss-Newton and minimum-norm
 * updates). The rule is {@link org.creditlab.rules.dfc.DeepFeedbackControl}, configured by
 * {@link org.creditlab.rules.dfc.DfcSpec} (registered as "dfc"). Outside this package, the analyses are reached only
 * through the facade {@link org.creditlab.rules.dfc.DfcAnalysis} and {@link org.creditlab.rules.dfc.ControlledAnalysis};
 * the simulation's internals are package-private.
 */
package org.creditlab.rules.dfc;
