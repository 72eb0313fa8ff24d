/** Optimizers (SGD with momentum, Adam), clipping, learning-rate schedules and update noise, one optimizer per parameter group. */
package org.creditlab.optim;
