/** Backpropagation, the reference rule. */
package org.creditlab.rules.backprop;
