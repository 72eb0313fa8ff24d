package org.creditlab.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The executor named by the environment, and messages that name the variable when a setting is wrong. */
class ExecutorsTest {
    @Test
    void theEnvironmentChoosesTheExecutor() {
        assertInstanceOf(SerialExecutor.class, Executors.fromEnvironment("serial", null, null));
        assertEquals("3 local workers", Executors.fromEnvironment("local:3", null, null).describe());
        assertEquals("2 local workers", Executors.fromEnvironment(null, "2", null).describe());
        assertInstanceOf(ThreadExecutor.class, Executors.fromEnvironment("", "", ""), "local workers by default");
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores + " local worker" + (cores == 1 ? "" : "s"), Executors.fromEnvironment(null, null, null).describe(),
                "one per core by default");
        assertEquals("3 worker processes", Executors.fromEnvironment("processes", "3", null).describe());
        assertEquals("1 worker process", Executors.fromEnvironment("Processes:1", null, null).describe());
        assertInstanceOf(SlurmExecutor.class, Executors.fromEnvironment("SLURM", null, "0"));
    }

    @Test
    void aNotebookChoosesTheExecutorForItsProcessAndCanGoBack() {
        try {
            Executors.use(Executors.local(3));
            assertEquals("3 local workers", Executors.standard().describe(), "the one chosen, whatever the environment says");
            Executors.use(Executors.processes(2));
            assertEquals("2 worker processes", Executors.standard().describe());
            Executors.use(Executors.serial());
            assertInstanceOf(SerialExecutor.class, Executors.standard());
        } finally {
            Executors.use(null);
        }
        assertEquals(Executors.fromEnvironment(System.getenv(Executors.EXECUTOR_VARIABLE), System.getenv(Executors.WORKERS_VARIABLE),
                System.getenv(Executors.RETRIES_VARIABLE)).describe(), Executors.standard().describe(), "null goes back to the environment's");
    }

    @Test
    void aWrongSettingNamesTheVariableAndTheChoices() {
        String bad = assertThrows(IllegalArgumentException.class, () -> Executors.fromEnvironment("cluster", null, null)).getMessage();
        assertTrue(bad.contains("CREDITLAB_EXECUTOR='cluster'") && bad.contains("local, local:<workers>, serial, processes, processes:<workers> or slurm"), bad);
        String zero = assertThrows(IllegalArgumentException.class, () -> Executors.fromEnvironment(null, "0", null)).getMessage();
        assertTrue(zero.contains("CREDITLAB_WORKERS='0'"), zero);
        String retries = assertThrows(IllegalArgumentException.class, () -> Executors.fromEnvironment(null, null, "-1")).getMessage();
        assertTrue(retries.contains("CREDITLAB_RETRIES='-1'"), retries);
    }

    @Test
    void slurmSettingsComeByNameAndAnUnknownOneIsNamed() {
        SlurmConfig c = SlurmConfig.defaults().with(Map.of("partition", "short", "max-parallel", "8", "memory", "4G"), "slurm.properties");
        assertEquals("short", c.partition());
        assertEquals(8, c.maxParallel());
        assertEquals("4G", c.memory());
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> SlurmConfig.defaults().with(Map.of("queue", "x"), "slurm.properties")).getMessage();
        assertTrue(unknown.contains("slurm.properties: unknown SLURM setting 'queue'") && unknown.contains("partition"), unknown);
        String number = assertThrows(IllegalArgumentException.class,
                () -> SlurmConfig.defaults().with(Map.of("retries", "two"), "the command line")).getMessage();
        assertTrue(number.contains("'retries' must be a whole number, got 'two'"), number);
    }
}
