/** Pure functions that measure learning: angles between updates or matrices, norm ratios. */
package org.creditlab.diagnostics;
