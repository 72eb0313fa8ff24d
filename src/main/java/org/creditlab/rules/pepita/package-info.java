/**
 * PEPITA (Dellaferrera and Kreiman, ICML 2022) and the variants of its follow-up (Srinivasan et al., ICLR 2024):
 * learning from two forward passes, the second on the input modulated by a fixed projection F of the output error.
 * No backward pass: {@link org.creditlab.rules.pepita.Pepita} runs {@code network.forwardLike} on x ± F·e, reusing the
 * first pass's dropout masks, and writes each weight layer's update from the two traces' records. F is a buffer, or a
 * product of factors (parameters of group "feedback") trained by weight mirroring.
 */
package org.creditlab.rules.pepita;
