/** The command line: train, list rules, benchmark. */
package org.creditlab.cli;
