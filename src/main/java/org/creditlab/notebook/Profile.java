package org.creditlab.notebook;

import java.util.Locale;

/**
 * How much a notebook computes. QUICK (the default) runs on real data at reduced scale in minutes; FULL runs the
 * paper's scale, for a user with time or a bigger machine. Chosen by the environment variable CREDITLAB_PROFILE
 * (or the system property creditlab.profile).
 */
public enum Profile {
    QUICK,
    FULL;

    public static Profile current() {
        String v = System.getProperty("creditlab.profile", System.getenv("CREDITLAB_PROFILE"));
        if (v == null || v.isBlank()) {
            return QUICK;
        }
        try {
            return valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CREDITLAB_PROFILE must be QUICK or FULL, got '" + v + "'", e);
        }
    }

    /** {@code quick} in the QUICK profile, {@code full} in FULL: {@code profile.pick(5, 100)} epochs. */
    public <T> T pick(T quick, T full) {
        return this == QUICK ? quick : full;
    }

    public int pick(int quick, int full) {
        return this == QUICK ? quick : full;
    }
}
