package org.storeuptime.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session of a test JVM ({@code local[2]}, no web UI, bound to loopback, UTC session zone),
 * created on first use and stopped when the JVM exits: starting Spark takes seconds, so test classes share it.
 */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("uptime-spark-tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.session.timeZone", "UTC")
                    // small data: a few shuffle partitions keep the tests quick
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
            SparkSession started = session;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-local-spark"));
        }
        return session;
    }
}
