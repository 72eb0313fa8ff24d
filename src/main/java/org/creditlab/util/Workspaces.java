package org.creditlab.util;

import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J workspaces for the hot loop. Allocating an off-heap array costs far more than the arithmetic on a batch-sized
 * array (it dominated a profile of the training loop), so each training step runs inside a workspace: its temporary
 * arrays come from one block that is reused every step.
 *
 * <p>Arrays created inside a step are invalid after it. Anything that must outlive a step (rule state, optimizer
 * state, update buffers) is created in a constructor or inside {@link #outside(Supplier)}.
 */
public final class Workspaces {
    private static final WorkspaceConfiguration STEP = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.3)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private Workspaces() {}

    /** Opens the workspace of one step (or one step of a rule's own phase); close it when the step ends. */
    public static MemoryWorkspace step(String id) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, "creditlab-" + id);
    }

    /** Runs {@code create} outside any workspace, for arrays that outlive the current step. */
    public static <T> T outside(Supplier<T> create) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return create.get();
        }
    }
}
