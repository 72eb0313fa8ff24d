/**
 * Running many independent experiments: serially, on this machine's cores (threads of this process by default, or one
 * single-threaded worker JVM per run), or as a SLURM job array. Every run goes through the store, so the results are the same whichever way they
 * were produced, and a run finished elsewhere is loaded like any stored run.
 */
package org.creditlab.execution;
