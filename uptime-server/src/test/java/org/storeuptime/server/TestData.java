package org.storeuptime.server;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollStatus;
import org.storeuptime.core.StoreDataSet;

/** Small deterministic data sets for server tests. */
public final class TestData {

    private TestData() {
    }

    /** {@code stores} stores with hourly polls over ten days, mixed zones, hours and statuses. */
    public static StoreDataSet stores(int stores) {
        return builder(stores).build();
    }

    /** The builder of {@link #stores}, for a test that adds to it (closures, say). */
    public static StoreDataSet.Builder builder(int stores) {
        StoreDataSet.Builder b = StoreDataSet.builder();
        Instant end = Instant.parse("2023-01-25T18:13:22.479220Z");
        String[] zones = {"America/Chicago", "America/New_York", "Asia/Kolkata", "Europe/Berlin"};
        for (int s = 0; s < stores; s++) {
            String id = Long.toString(1_000_000_000_000L + s * 7919L);
            if (s % 5 != 0) {
                b.timeZone(id, ZoneId.of(zones[s % zones.length]));
            }
            if (s % 3 != 0) {
                for (DayOfWeek day : DayOfWeek.values()) {
                    b.openingPeriod(id, new OpeningPeriod(day, LocalTime.of(8 + s % 3, 0), LocalTime.of(20, 30)));
                }
            }
            for (int h = 0; h < 240; h++) {
                Instant t = end.minusSeconds(h * 3600L + (s * 37L) % 1800);
                b.poll(id, t, (h + s) % 7 == 0 ? PollStatus.INACTIVE : PollStatus.ACTIVE);
            }
        }
        return b;
    }
}
