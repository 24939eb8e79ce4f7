package org.storeuptime.core;

/** Where a report's {@code now} came from. */
public enum NowSource {
    /** Given with the request. */
    GIVEN("given"),
    /** The latest poll of any store, the default. */
    LATEST_POLL("latest-poll"),
    /** The engine's clock: the default when there is no poll at all. */
    CLOCK("clock");

    private final String optionName;

    NowSource(String optionName) {
        this.optionName = optionName;
    }

    /** The name used in report metadata: {@code given}, {@code latest-poll} or {@code clock}. */
    public String optionName() {
        return optionName;
    }
}
