package org.creditlab.results;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The state of a stored run, written last after each epoch so that it is the truth about what the folder holds.
 *
 * @param state      "running" (interrupted runs stay in this state), "complete" or "diverged"
 * @param epochsDone epochs whose metrics and checkpoint are stored
 * @param message    why a run diverged, or empty
 */
public record RunStatus(String state, int epochsDone, String message) {
    public static final String RUNNING = "running";
    public static final String COMPLETE = "complete";
    public static final String DIVERGED = "diverged";

    @JsonIgnore
    public boolean isComplete() {
        return COMPLETE.equals(state);
    }

    @JsonIgnore
    public boolean isDiverged() {
        return DIVERGED.equals(state);
    }
}
