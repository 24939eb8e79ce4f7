package org.storeuptime.core.csv.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Parses the timestamps and local times of the input files.
 *
 * <p>The status file holds millions of timestamps like {@code 2023-01-22 12:09:39.388884 UTC}, so that form
 * is parsed by hand without allocating; ISO-8601 with offsets and other rarer forms fall back to java.time.
 */
final class CsvTimestamps {

    /** Returned instead of a value when a text cannot be parsed; no real input is this far in the past. */
    static final long INVALID = Long.MIN_VALUE;

    static final String EXPECTED_TIMESTAMP =
            "expected yyyy-MM-dd HH:mm:ss[.ffffff] UTC or ISO-8601 like 2024-10-14T23:55:18.727055Z";

    static final String EXPECTED_TIME = "expected HH:mm:ss or HH:mm, 00:00 to 23:59:59";

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;

    private static final DateTimeFormatter ISO_WITH_OPTIONAL_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .parseLenient()
            .appendOffset("+HH:MM:ss", "Z")
            .parseStrict()
            .optionalEnd()
            .toFormatter()
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    private CsvTimestamps() {
    }

    /**
     * Microseconds since the epoch of a timestamp, digits beyond the microsecond truncated; {@link #INVALID}
     * when it cannot be parsed. A timestamp without offset or zone is taken as UTC (the column is
     * {@code timestamp_utc}).
     */
    static long parseMicros(String text) {
        long fast = parseCommon(text);
        return fast != INVALID ? fast : parseOther(text);
    }

    /**
     * The common form {@code yyyy-MM-dd[ T]HH:mm:ss[.f*][ UTC|Z]} by hand; {@link #INVALID} for anything
     * else, which then goes to java.time.
     */
    private static long parseCommon(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return INVALID;
        }
        char sep = s.charAt(10);
        if (sep != ' ' && sep != 'T') {
            return INVALID;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return INVALID;
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return INVALID;
        }
        int i = 19;
        long micros = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                if (i - start < 6) {
                    micros = micros * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            if (i == start || i - start > 9) {
                return INVALID; // the documented forms have 1 to 9 fractional digits
            }
            for (int k = Math.min(i - start, 6); k < 6; k++) {
                micros *= 10;
            }
        }
        if (!isUtcSuffix(s, i, n)) {
            return INVALID;
        }
        long days = epochDay(year, month, day);
        long seconds = days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        return seconds * MICROS_PER_SECOND + micros;
    }

    /** Nothing, {@code Z}, {@code UTC} or {@code  UTC} (any case) from {@code i} to the end. */
    private static boolean isUtcSuffix(String s, int i, int n) {
        if (i == n) {
            return true;
        }
        if (n - i == 1) {
            char c = s.charAt(i);
            return c == 'Z' || c == 'z';
        }
        int start = s.charAt(i) == ' ' ? i + 1 : i;
        return n - start == 3 && s.regionMatches(true, start, "UTC", 0, 3);
    }

    private static long parseOther(String raw) {
        String s = raw.strip();
        if (s.length() > 3 && s.regionMatches(true, s.length() - 3, "UTC", 0, 3)) {
            s = s.substring(0, s.length() - 3).strip() + "Z";
        }
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        // +hhmm is common in exports but java.time's lenient offset parsing wants +hh:mm
        int n = s.length();
        if (n > 5 && (s.charAt(n - 5) == '+' || s.charAt(n - 5) == '-') && digits(s, n - 4, 4) >= 0
                && s.indexOf('T') > 0 && s.indexOf('T') < n - 5) {
            s = s.substring(0, n - 2) + ':' + s.substring(n - 2);
        }
        if (s.equals(raw)) {
            // already tried in parseCommon unless it has an offset or an odd time: java.time decides
            return parseWithJavaTime(s);
        }
        long fast = parseCommon(s);
        return fast != INVALID ? fast : parseWithJavaTime(s);
    }

    private static long parseWithJavaTime(String s) {
        if (s.length() < 5 || digits(s, 0, 4) < 0 || s.charAt(4) != '-') {
            return INVALID; // java.time would take signed and longer years such as +10000-01-01
        }
        int dot = s.indexOf('.');
        if (dot >= 0 && (dot + 1 == s.length() || !isDigit(s.charAt(dot + 1)))) {
            return INVALID; // java.time would take "12:09:39." as a time
        }
        try {
            TemporalAccessor parsed = ISO_WITH_OPTIONAL_OFFSET.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            OffsetDateTime time = parsed instanceof OffsetDateTime odt ? odt
                    : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
            if (time.getOffset().getTotalSeconds() % 60 != 0) {
                return INVALID; // lenient offset parsing also takes +02:00:30, which no documented form has
            }
            long seconds = time.toEpochSecond();
            return Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), time.getNano() / 1_000);
        } catch (DateTimeException | ArithmeticException e) {
            return INVALID;
        }
    }

    /**
     * A local time {@code HH:mm:ss}, {@code HH:mm} or with fractional seconds; {@code null} when it cannot be
     * parsed. {@code 24:00} is the end of the day ({@link LocalTime#MAX}) when {@code allowEndOfDay}.
     */
    static @Nullable LocalTime parseTime(String raw, boolean allowEndOfDay) {
        String s = raw.strip();
        if (s.length() > 1 && s.charAt(1) == ':') {
            s = "0" + s; // 9:30 for 09:30
        }
        int n = s.length();
        if ((n == 8 || n == 5) && s.charAt(2) == ':' && (n == 5 || s.charAt(5) == ':')) {
            int hour = digits(s, 0, 2);
            int minute = digits(s, 3, 2);
            int second = n == 8 ? digits(s, 6, 2) : 0;
            if (hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59) {
                return LocalTime.of(hour, minute, second);
            }
            if (allowEndOfDay && hour == 24 && minute == 0 && second == 0) {
                return LocalTime.MAX;
            }
            return null;
        }
        if (s.endsWith(".")) {
            return null;
        }
        try {
            return LocalTime.parse(s, DateTimeFormatter.ISO_LOCAL_TIME);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Days since 1970-01-01 of a valid proleptic Gregorian date (the algorithm of {@link LocalDate#toEpochDay}). */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!isLeap(year)) {
                total--;
            }
        }
        return total - 719_528L;
    }

    private static boolean isLeap(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }
}
