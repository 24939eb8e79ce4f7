package org.storeuptime.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * One store written as text, so that the rule tests read as tables: zone, business-hours rows, polls and
 * {@code now}, and the report row rounded the way the report CSV rounds.
 */
final class Scenario {

    static final String STORE = "s";

    private Scenario() {
    }

    /**
     * The report row of store {@value #STORE}.
     *
     * @param zone an IANA id, or empty for none (America/Chicago by the rules)
     * @param rows {@code "dayIndex start end"}, comma separated; empty for none (24/7)
     * @param polls {@code "instant status"} in the order they are read, comma separated
     * @param now the report's {@code now}
     */
    static StoreUptime row(String zone, String rows, String polls, String now, ReportOptions options) {
        UptimeReport report = UptimeEngine.builder().options(options).build()
                .report(dataSet(zone, rows, polls), Instant.parse(now));
        return report.rows().get(0);
    }

    static StoreUptime row(String zone, String rows, String polls, String now) {
        return row(zone, rows, polls, now, ReportOptions.DEFAULTS);
    }

    static StoreDataSet dataSet(String zone, String rows, String polls) {
        return builder(zone, rows, polls).build();
    }

    /** The builder of {@link #dataSet}, for more stores or closures. */
    static StoreDataSet.Builder builder(String zone, String rows, String polls) {
        StoreDataSet.Builder builder = StoreDataSet.builder().store(STORE);
        if (!zone.isBlank()) {
            builder.timeZone(STORE, ZoneId.of(zone));
        }
        for (String row : split(rows)) {
            String[] f = row.split(" ");
            builder.openingPeriod(STORE,
                    OpeningPeriod.of(Integer.parseInt(f[0]), LocalTime.parse(f[1]), LocalTime.parse(f[2])));
        }
        for (String poll : split(polls)) {
            String[] f = poll.split(" ");
            builder.poll(STORE, Instant.parse(f[0]), PollStatus.parse(f[1]));
        }
        return builder;
    }

    static List<String> split(String list) {
        return list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(String::strip).toList();
    }

    /**
     * The six figures in the CSV's column order, hour in minutes, day and week in hours, each rounded half-up
     * to two decimals: {@code "uptimeHour uptimeDay uptimeWeek downtimeHour downtimeDay downtimeWeek"}.
     */
    static String rounded(StoreUptime row) {
        return String.join(" ", minutes(row.uptimeLastHour()), hours(row.uptimeLastDay()),
                hours(row.uptimeLastWeek()), minutes(row.downtimeLastHour()), hours(row.downtimeLastDay()),
                hours(row.downtimeLastWeek()));
    }

    static String minutes(Duration d) {
        return divide(d, Duration.ofMinutes(1));
    }

    static String hours(Duration d) {
        return divide(d, Duration.ofHours(1));
    }

    private static String divide(Duration d, Duration unit) {
        return new BigDecimal(d.toNanos()).divide(new BigDecimal(unit.toNanos()), 2, RoundingMode.HALF_UP)
                .toPlainString();
    }
}
