package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollStatus;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;

/** The worked example of docs/migrating.md, so that the figures printed there stay those of the engine. */
class MigrationGuideExampleTest {

    private static final Instant NOW = Instant.parse("2023-03-14T17:00:00Z");
    private static final Set<Instant> INACTIVE = Set.of(
            Instant.parse("2023-03-09T20:10:00Z"),   // Thursday 14:10 CST
            Instant.parse("2023-03-13T16:10:00Z"),   // Monday 11:10 CDT
            Instant.parse("2023-03-13T17:10:00Z"),   // Monday 12:10 CDT
            Instant.parse("2023-03-14T15:10:00Z"));  // Tuesday 10:10 CDT

    private static StoreDataSet example() {
        StoreDataSet.Builder b = StoreDataSet.builder().timeZone("store-1", ZoneId.of("America/Chicago"));
        for (DayOfWeek day : new DayOfWeek[] {DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY}) {
            b.openingPeriod("store-1", new OpeningPeriod(day, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        }
        b.openingPeriod("store-1", new OpeningPeriod(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)));
        for (Instant t = Instant.parse("2023-03-06T00:10:00Z"); t.isBefore(NOW); t = t.plus(Duration.ofHours(1))) {
            b.poll("store-1", t, INACTIVE.contains(t) ? PollStatus.INACTIVE : PollStatus.ACTIVE);
        }
        return b.build();
    }

    private static String row(ReportOptions options) {
        String csv = new String(ReportCsv.toBytes(UptimeEngine.builder().options(options).build()
                .report(example(), NOW)), StandardCharsets.UTF_8);
        return csv.lines().skip(1).findFirst().orElseThrow();
    }

    @Test
    void nearestPollAsPrintedInTheGuide() {
        assertThat(row(ReportOptions.DEFAULTS)).isEqualTo("store-1,60.00,6.33,32.00,0.00,1.67,4.00");
    }

    @Test
    void carryForwardAsPrintedInTheGuide() {
        assertThat(row(ReportOptions.DEFAULTS.withExtrapolation(Extrapolation.CARRY_FORWARD)))
                .isEqualTo("store-1,50.00,5.83,32.00,10.00,2.17,4.00");
    }
}
