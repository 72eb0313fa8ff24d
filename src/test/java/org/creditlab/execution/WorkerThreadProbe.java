package org.creditlab.execution;

import org.creditlab.util.Nd4jNatives;

/** Run in a child JVM by {@link WorkerThreadsTest}: prints the OpenMP threads of its main thread and of a worker. */
public final class WorkerThreadProbe {
    private WorkerThreadProbe() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("main=" + Nd4jNatives.openMpThreadsOfThisThread());
        int[] worker = new int[1];
        Thread t = ThreadExecutor.workerThread(() -> worker[0] = Nd4jNatives.openMpThreadsOfThisThread());
        t.start();
        t.join();
        System.out.println("worker=" + worker[0]);
    }
}
