package org.storeuptime.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportState;
import org.storeuptime.server.reports.ReportSchedule;
import org.storeuptime.server.reports.ReportService;

/**
 * Reports generated on a cron schedule (the celery-beat counterpart), here in memory. The cron syntax is
 * db-scheduler's: six fields, {@code second minute hour day-of-month month day-of-week}; {@code *&#47;5 * * * * *}
 * fires every five seconds, {@code 0 0 * * * *} every hour. With a database ({@code ReportServiceBuilder.database})
 * the same schedule fires once per cluster, not once per process.
 *
 * <pre>mvn -q -pl examples -am test-compile exec:java -Dexec.mainClass=org.storeuptime.examples.ScheduledReport \
 *     -Dexec.args="'*&#47;5 * * * * *' 2"</pre>
 */
public final class ScheduledReport {

    private ScheduledReport() {
    }

    /** Runs the schedule until {@code count} scheduled reports are complete (or {@code timeout}); returns them. */
    static List<ReportRecord> run(ReportSource source, String cron, int count, Duration timeout, PrintStream out)
            throws InterruptedException {
        ReportService service = ReportService.builder().source(source).schedule(ReportSchedule.cron(cron)).build();
        service.start();
        Set<UUID> seen = new LinkedHashSet<>();
        List<ReportRecord> complete = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (complete.size() < count && System.nanoTime() < deadline) {
                for (ReportRecord r : service.list(50)) {
                    if (r.state() == ReportState.COMPLETE && seen.add(r.id())) {
                        complete.add(r);
                        out.println("report " + r.id() + " complete at " + r.finishedAt() + ": " + r.storeCount()
                                + " stores, windows ending " + r.now() + ", " + service.csv(r.id()).orElseThrow().length
                                + " bytes of CSV");
                    }
                }
                Thread.sleep(100);
            }
        } finally {
            service.close();
        }
        return complete;
    }

    public static void main(String[] args) throws InterruptedException {
        String cron = args.length > 0 ? args[0] : "*/5 * * * * *";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        System.err.println("generating " + count + " reports on the schedule '" + cron + "'");
        run(SampleData.load(100), cron, count, Duration.ofMinutes(10), System.out);
    }
}
