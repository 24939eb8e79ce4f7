package org.storeuptime.core.reports;

import java.util.Locale;

/** Where a report is in its life. */
public enum ReportState {
    /** Triggered, not yet picked up by a worker. */
    PENDING,
    /** A worker is computing it. */
    RUNNING,
    /** Done; its CSV is stored and never changes. */
    COMPLETE,
    /** Given up; {@link ReportRecord#error()} says why. */
    FAILED;

    /** The lower-case name used in the HTTP API and the database: {@code pending}, {@code running}, ... */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an {@link #apiName()}. */
    public static ReportState parse(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    /** Whether it will not change any more. */
    public boolean isFinished() {
        return this == COMPLETE || this == FAILED;
    }
}
