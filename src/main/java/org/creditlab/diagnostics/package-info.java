/**
 * Pure functions that measure learning (angles between updates or matrices, norm ratios, correlations) and the
 * listeners that record them per epoch. Rules are read through the seam's capability interfaces
 * ({@code HasFeedback}, {@code HasProjection}), never through a rule family.
 */
package org.creditlab.diagnostics;
