package org.storeuptime.core;

import java.util.Locale;

/** What a status poll said about a store: open for orders or not. */
public enum PollStatus {
    /** The store accepted orders when polled. */
    ACTIVE("active"),
    /** The store did not accept orders when polled. */
    INACTIVE("inactive");

    private final String csvValue;

    PollStatus(String csvValue) {
        this.csvValue = csvValue;
    }

    /** The value as written in {@code store_status.csv}: {@code active} or {@code inactive}. */
    public String csvValue() {
        return csvValue;
    }

    /**
     * Parses {@code active} / {@code inactive}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the value when it is neither
     */
    public static PollStatus parse(String text) {
        if (text != null) {
            String value = text.strip().toLowerCase(Locale.ROOT);
            if (value.equals("active")) {
                return ACTIVE;
            }
            if (value.equals("inactive")) {
                return INACTIVE;
            }
        }
        throw new IllegalArgumentException("unknown status '" + text + "' (expected active or inactive)");
    }
}
