package org.storeuptime.examples;

import java.io.OutputStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollStatus;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.UptimeReport;
import org.storeuptime.core.csv.ReportCsv;

/**
 * The programmatic API on in-memory objects: build a {@link StoreDataSet}, compute a report with the
 * {@link UptimeEngine}, write its CSV. No files, no database, no server.
 *
 * <p>Store {@code 1001} is the worked example of the uptime rules (open Monday 09:00-12:00 in Chicago, inactive at
 * 10:14, active at 11:15, now = 12:00 local). Store {@code 1002} is open 24/7 (no hours) in the default zone.
 *
 * <pre>mvn -q -pl examples -am test-compile exec:java -Dexec.mainClass=org.storeuptime.examples.ProgrammaticReport</pre>
 */
public final class ProgrammaticReport {

    private ProgrammaticReport() {
    }

    /** Builds the data set in code. */
    static StoreDataSet dataSet() {
        return StoreDataSet.builder()
                .timeZone("1001", ZoneId.of("America/Chicago"))
                .openingPeriod("1001", OpeningPeriod.of(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)))
                .poll("1001", Instant.parse("2023-01-23T16:14:00Z"), PollStatus.INACTIVE)
                .poll("1001", Instant.parse("2023-01-23T17:15:00Z"), PollStatus.ACTIVE)
                .poll("1002", Instant.parse("2023-01-23T10:00:00Z"), PollStatus.ACTIVE)
                .poll("1002", Instant.parse("2023-01-23T14:00:00Z"), PollStatus.INACTIVE)
                .build();
    }

    /** Computes the report ending at 2023-01-23T18:00:00Z and writes its CSV to {@code out}. */
    static UptimeReport run(OutputStream out) {
        UptimeReport report = UptimeEngine.create().report(dataSet(), Instant.parse("2023-01-23T18:00:00Z"));
        ReportCsv.write(report, out);
        return report;
    }

    public static void main(String[] args) {
        UptimeReport report = run(System.out);
        System.out.flush();
        System.err.println(report.rows().size() + " stores, windows ending at " + report.now());
    }
}
