/**
 * Rules that keep backprop's structure but replace the weights' transport Wᵀ by something a neuron could have: fixed
 * random feedback (FA), direct projections of the output error or the target (DFA, DRTP), sign-concordant feedback
 * (uSF, brSF, frSF), and feedback learned from regularisation primitives (weight mirror, information, symmetric and
 * activation alignment, Kolen-Pollack). All of them walk the shared {@link org.creditlab.rules.BackwardPass}.
 */
package org.creditlab.rules.feedback;
