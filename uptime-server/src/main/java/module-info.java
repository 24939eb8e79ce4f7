/**
 * The embeddable HTTP API of Store Uptime on Javalin: {@link org.storeuptime.server.UptimeRoutes} to mount in a
 * host's own app and the standalone {@link org.storeuptime.server.UptimeServer} (package
 * {@code org.storeuptime.server}), and the report jobs behind them (package {@code org.storeuptime.server.reports}:
 * {@link org.storeuptime.server.reports.ReportService}, its builder, schedules, retries and retention). The HTTP
 * package uses the reports package, never the other way round.
 *
 * <p>uptime-jdbc and db-scheduler are optional ({@code requires static}): a host that passes an
 * {@code UptimeDatabase} or a cron schedule adds them itself; routes over an in-memory data set need neither.
 * Both packages are {@code @NullMarked}: nothing is {@code null} unless marked {@code @Nullable}.
 */
module org.storeuptime.server {
    requires transitive org.storeuptime.core;
    requires transitive io.javalin;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;
    // MeterRegistry is in the builders' signatures; a host that passes its own registry requires micrometer.core
    // itself (not "transitive": javac warns against that for an automatic module, which micrometer-core is)
    requires micrometer.core;
    requires static org.storeuptime.jdbc;
    requires static com.github.kagkarlsson.scheduler;
    // annotations only, not needed at run time
    requires static org.jspecify;

    // Nothing is opened: the JSON bodies are maps and Jackson trees, never reflected on.
    exports org.storeuptime.server;
    exports org.storeuptime.server.reports;
}
