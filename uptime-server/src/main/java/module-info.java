/**
 * The embeddable HTTP API of Store Uptime on Javalin: {@link org.storeuptime.server.UptimeRoutes} to mount in a
 * host's own app, the report services ({@link org.storeuptime.server.ReportServiceBuilder}) and the standalone
 * {@link org.storeuptime.server.UptimeServer}.
 *
 * <p>uptime-jdbc and db-scheduler are optional ({@code requires static}): a host that passes an
 * {@code UptimeDatabase} or a cron schedule adds them itself; routes over an in-memory data set need neither.
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

    // Nothing is opened: the JSON bodies are maps and Jackson trees, never reflected on.
    exports org.storeuptime.server;
}
