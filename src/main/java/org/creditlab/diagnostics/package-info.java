/**
 * Pure functions that measure learning (angles between updates or matrices, norm ratios, correlations) and the
 * listeners that record them per epoch. Rules are read through the seam's capability interfaces
 * ({@code HasFeedback}, {@code HasProjection}) where one exists; DFC's listeners and analyses read {@code rules.dfc}'s
 * public types, and COPI's analyses {@code rules.copi}'s.
 */
package org.creditlab.diagnostics;
