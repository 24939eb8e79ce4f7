package org.storeuptime.examples;

import io.javalin.Javalin;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.server.UptimeRoutes;
import org.storeuptime.server.reports.ReportService;

/**
 * Mounting the uptime API inside a host's own Javalin application, under {@code /uptime}, next to the host's
 * routes. The routes start the report service with the server and close it when the server stops.
 *
 * <pre>mvn -q -pl examples -am test-compile exec:java -Dexec.mainClass=org.storeuptime.examples.EmbeddedApp</pre>
 * then {@code curl -X POST http://127.0.0.1:7070/uptime/trigger_report}.
 */
public final class EmbeddedApp {

    private EmbeddedApp() {
    }

    /** The host application: its own routes plus the uptime API under {@code /uptime}. */
    static Javalin create(ReportService reports) {
        return Javalin.create(config -> {
            config.routes.get("/", ctx -> ctx.result("the host application"));
            config.routes.get("/orders", ctx -> ctx.contentType("application/json").result("[{\"order\": 1}]"));
            UptimeRoutes.register(config, "/uptime", reports);
        });
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7070;
        StoreDataSet data = SampleData.load(100);
        ReportService reports = ReportService.builder().source(data).build();
        Javalin app = create(reports).start("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        System.err.println("host app on http://127.0.0.1:" + app.port() + "/ ; uptime API under http://127.0.0.1:"
                + app.port() + "/uptime (e.g. POST /uptime/trigger_report); Ctrl-C stops");
    }
}
