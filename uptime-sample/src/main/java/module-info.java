/**
 * Generates realistic status, business hours and time zone files of any size, for demos, tests and benchmarks.
 */
module org.storeuptime.sample {
    requires transitive org.storeuptime.core;

    exports org.storeuptime.sample;
}
