/** Networks as sequences of layers, the traces their forward passes leave, losses, initialisers and parameters. Knows nothing about learning rules. */
package org.creditlab.nn;
