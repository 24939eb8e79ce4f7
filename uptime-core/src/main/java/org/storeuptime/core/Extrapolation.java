package org.storeuptime.core;

import java.util.Locale;

/** How the status between polls is filled in. */
public enum Extrapolation {
    /**
     * The default: every instant takes the status of the nearest considered poll; the switch happens at the
     * midpoint between two polls. Before the first poll the first status holds, after the last the last.
     */
    NEAREST_POLL("nearest-poll"),
    /**
     * A status holds from its poll until the next poll. Before the first considered poll the first poll's
     * status holds, so that uptime + downtime still equals business time.
     */
    CARRY_FORWARD("carry-forward");

    private final String optionName;

    Extrapolation(String optionName) {
        this.optionName = optionName;
    }

    /** The name used in report metadata, the CLI and the HTTP API. */
    public String optionName() {
        return optionName;
    }

    /**
     * Parses an option name such as {@code nearest-poll} or {@code carry-forward} (case and {@code _} versus
     * {@code -} ignored).
     */
    public static Extrapolation parse(String name) {
        String normalized = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Extrapolation e : values()) {
            if (e.optionName.equals(normalized)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown extrapolation '" + name + "' (expected nearest-poll or carry-forward)");
    }
}
