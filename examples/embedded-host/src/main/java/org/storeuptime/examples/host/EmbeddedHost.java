package org.storeuptime.examples.host;

import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollStatus;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.server.UptimeRoutes;
import org.storeuptime.server.reports.ReportService;

/**
 * A host application whose build depends on {@code uptime-server} alone: its own route plus the uptime API under
 * {@code /uptime}, over stores and polls the host holds in memory (here made up in code; a real host fills the
 * {@link StoreDataSet.Builder} from its own data). No database, no scheduler, no command line.
 *
 * <pre>mvn -q -pl examples/embedded-host -am test-compile exec:java -Dexec.mainClass=org.storeuptime.examples.host.EmbeddedHost</pre>
 */
public final class EmbeddedHost {

    private EmbeddedHost() {
    }

    /** Three stores in three zones, polled every 30 minutes for two days up to {@code end}. */
    public static StoreDataSet data(Instant end) {
        StoreDataSet.Builder data = StoreDataSet.builder()
                .timeZone("berlin", ZoneId.of("Europe/Berlin"))
                .timeZone("chicago", ZoneId.of("America/Chicago"))
                .timeZone("kathmandu", ZoneId.of("Asia/Kathmandu"));
        for (int day = 0; day < 7; day++) {
            data.openingPeriod("berlin", OpeningPeriod.of(day, LocalTime.of(8, 0), LocalTime.of(20, 0)));
            data.openingPeriod("kathmandu", OpeningPeriod.of(day, LocalTime.of(22, 0), LocalTime.of(6, 0)));
        }
        // chicago has no hours: open 24/7
        int polls = (int) (Duration.ofDays(2).toMinutes() / 30);
        for (int i = 0; i < polls; i++) {
            Instant at = end.minus(Duration.ofMinutes(30L * i));
            data.poll("berlin", at, i % 7 == 3 ? PollStatus.INACTIVE : PollStatus.ACTIVE);
            data.poll("chicago", at, i % 2 == 0 ? PollStatus.ACTIVE : PollStatus.INACTIVE);
            data.poll("kathmandu", at, i < 10 ? PollStatus.INACTIVE : PollStatus.ACTIVE);
        }
        return data.build();
    }

    /** The host: its own route, and the uptime API under {@code /uptime} behind {@code apiToken}. */
    public static Javalin create(ReportService reports, String apiToken) {
        return Javalin.create(config -> {
            config.routes.get("/", ctx -> ctx.result("the host"));
            UptimeRoutes.register(config, "/uptime", reports, apiToken);
        });
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7070;
        ReportService reports = ReportService.builder().source(data(Instant.now())).build();
        Javalin app = create(reports, "secret").start("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        System.err.println("host on http://127.0.0.1:" + app.port() + "/ ; uptime API under /uptime with the token"
                + " 'secret' (e.g. curl -X POST -H 'Authorization: Bearer secret' http://127.0.0.1:" + app.port()
                + "/uptime/trigger_report); Ctrl-C stops");
    }
}
