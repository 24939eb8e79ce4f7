package org.storeuptime.server;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.storeuptime.core.Closure;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollStatus;
import org.storeuptime.core.StoreDataSet;

/**
 * The web page's data: 60 stores with ten days of roughly hourly polls up to {@link #LATEST}, across the start of
 * daylight saving time in the USA (Sunday 2023-03-12), with runs of inactive polls (outages), overnight hours, a
 * store open all week, one without a zone and duplicate polls.
 */
final class WebTestData {

    /** The latest poll: the default {@code now}. */
    static final Instant LATEST = Instant.parse("2023-03-14T17:05:00Z");
    /** A store in America/Chicago with outages; its week holds the 23-hour Sunday. */
    static final String CHICAGO = "chi-0001";
    static final int STORES = 60;

    private WebTestData() {
    }

    static String id(int s) {
        String[] prefixes = {"chi", "nyc", "den", "lax", "ber", "del"};
        return prefixes[s % prefixes.length] + "-" + String.format("%04d", 1 + s / prefixes.length);
    }

    static StoreDataSet stores() {
        String[] zones = {"America/Chicago", "America/New_York", "America/Denver", "America/Los_Angeles",
            "Europe/Berlin", "Asia/Kolkata"};
        StoreDataSet.Builder b = StoreDataSet.builder();
        for (int s = 0; s < STORES; s++) {
            String id = id(s);
            if (s != 7) {
                b.timeZone(id, ZoneId.of(zones[s % zones.length]));
            }
            if (s % 10 == 3) {
                // overnight: 22:00 to 06:00 the next morning
                for (DayOfWeek day : DayOfWeek.values()) {
                    b.openingPeriod(id, new OpeningPeriod(day, LocalTime.of(22, 0), LocalTime.of(6, 0)));
                }
            } else if (s % 10 != 9) {
                // s % 10 == 9: no hours, open all week
                for (DayOfWeek day : DayOfWeek.values()) {
                    if (day == DayOfWeek.SUNDAY && s % 4 == 1) {
                        continue;
                    }
                    LocalTime open = LocalTime.of(day == DayOfWeek.SATURDAY ? 10 : 8 + s % 2, 0);
                    b.openingPeriod(id, new OpeningPeriod(day, open, LocalTime.of(12, 30)));
                    b.openingPeriod(id, new OpeningPeriod(day, LocalTime.of(13, 0), LocalTime.of(21 - s % 3, 0)));
                }
            }
            for (int h = 0; h < 240; h++) {
                Instant t = LATEST.minusSeconds(h * 3600L + (s * 173L + h * 29L) % 1500);
                int cycle = (h + s * 5) % (31 + s % 17);
                boolean down = cycle < 1 + s % 4 || (h * 31 + s) % 97 == 0;
                b.poll(id, t, down ? PollStatus.INACTIVE : PollStatus.ACTIVE);
                if (s == 0 && h % 50 == 7) {
                    b.poll(id, t, down ? PollStatus.INACTIVE : PollStatus.ACTIVE);
                }
            }
        }
        // a planned closure of one store: the Friday afternoon before the latest poll, local time
        b.closure(Closure.of(CHICAGO, LocalDateTime.parse("2023-03-10T13:00"), LocalDateTime.parse("2023-03-10T17:30"),
                "inventory"));
        return b.build();
    }
}
