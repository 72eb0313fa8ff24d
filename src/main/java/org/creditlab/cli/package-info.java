/**
 * The command line ({@code CreditLab}): train, run, sweep, runs (list, verify, reset, remove, record), rules, bench,
 * bench-dfc, headlines, benchmark (run, table, time), data and kernel.
 */
package org.creditlab.cli;
