package org.storeuptime.core;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

/**
 * One row of a store's business hours: open on {@code day} from {@code start} to {@code end}, local wall
 * clock time.
 *
 * <p>An {@code end} before {@code start} runs overnight into the next day; an {@code end} equal to
 * {@code start} means open 24 hours from {@code start}; an {@code end} of {@code 23:59:59} or later means
 * until midnight.
 *
 * @param day the local weekday the period starts on
 * @param start the local opening time
 * @param end the local closing time
 */
public record OpeningPeriod(DayOfWeek day, LocalTime start, LocalTime end) {

    /** Ends at or after this mean "until the end of the day". */
    static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    public OpeningPeriod {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** A period on {@code day} from {@code start} to {@code end}. */
    public static OpeningPeriod of(DayOfWeek day, LocalTime start, LocalTime end) {
        return new OpeningPeriod(day, start, end);
    }

    /**
     * A period as the CSV files write it: {@code dayOfWeek} 0 = Monday … 6 = Sunday.
     *
     * @throws IllegalArgumentException when the day is outside 0–6
     */
    public static OpeningPeriod of(int dayOfWeek, LocalTime start, LocalTime end) {
        if (dayOfWeek < 0 || dayOfWeek > 6) {
            throw new IllegalArgumentException("day of week " + dayOfWeek + " is outside 0 (Monday) to 6 (Sunday)");
        }
        return new OpeningPeriod(DayOfWeek.of(dayOfWeek + 1), start, end);
    }

    /** The day as the CSV files write it: 0 = Monday … 6 = Sunday. */
    public int dayIndex() {
        return day.getValue() - 1;
    }
}
