/** The training loop, its listeners (progress, storage, diagnostics) and the per-epoch metrics table. */
package org.creditlab.train;
