/** Repeated runs: several seeds of one configuration, random and grid searches over metaparameters. */
package org.creditlab.sweep;
