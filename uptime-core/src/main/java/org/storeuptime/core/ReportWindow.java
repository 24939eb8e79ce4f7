package org.storeuptime.core;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A report window other than the classic three: rolling ({@code 30d}, {@code 6h}, {@code 2w}, {@code hour},
 * {@code day}, {@code week}), a local calendar month ({@code month} so far, {@code previous-month},
 * {@code 2024-09}), a range of local dates ({@code 2024-09-01/2024-09-15}, the second date not included) or a
 * range of instants ({@code 2024-09-01T00:00:00Z/2024-09-02T12:00:00Z}).
 *
 * <p>A window is resolved per store by {@link #range(ZoneId, Instant)}: local dates become instants in the
 * store's zone by {@code ZonedDateTime.of} (a midnight in a spring-forward gap moves later), so a calendar window
 * starts and ends at a different instant in each zone; every window is cut at {@code now}. Immutable; equal when
 * written alike.
 */
public final class ReportWindow {

    /** The longest window accepted. */
    public static final Duration MAX_LENGTH = Duration.ofDays(3660);

    /** The accepted forms, as listed in every message about a window that is not one of them. */
    public static final String ACCEPTED_FORMS = "accepted forms: <N>h, <N>d, <N>w (N >= 1, at most 3,660 days), "
            + "hour, day, week, month, previous-month, YYYY-MM, YYYY-MM-DD/YYYY-MM-DD (local dates, the second "
            + "not included), YYYY-MM-DDTHH:MM:SS[.ffffff]Z/YYYY-MM-DDTHH:MM:SS[.ffffff]Z";

    /** The widest UTC offset java.time allows; local times are within this of their instant in every zone. */
    private static final ZoneOffset EAST = ZoneOffset.MAX;
    private static final ZoneOffset WEST = ZoneOffset.MIN;

    private static final Pattern ROLLING = Pattern.compile("([1-9][0-9]*)([hdw])");
    private static final Pattern MONTH = Pattern.compile("([0-9]{4})-([0-9]{2})");
    private static final Pattern DATES = Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2})/([0-9]{4}-[0-9]{2}-[0-9]{2})");
    private static final String INSTANT = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,6})?Z";
    private static final Pattern INSTANTS = Pattern.compile("(" + INSTANT + ")/(" + INSTANT + ")");

    private enum Kind { ROLLING, MONTH_SO_FAR, PREVIOUS_MONTH, CALENDAR_MONTH, LOCAL_DATES, INSTANTS }

    private final String text;
    private final Kind kind;
    /** Set for the kind that uses it only. */
    private final @Nullable Duration length;
    private final @Nullable LocalDate fromDate;
    private final @Nullable LocalDate toDate;
    private final @Nullable Instant fromInstant;
    private final @Nullable Instant toInstant;

    private ReportWindow(String text, Kind kind, @Nullable Duration length, @Nullable LocalDate fromDate,
            @Nullable LocalDate toDate, @Nullable Instant fromInstant, @Nullable Instant toInstant) {
        this.text = text;
        this.kind = kind;
        this.length = length;
        this.fromDate = fromDate;
        this.toDate = toDate;
        this.fromInstant = fromInstant;
        this.toInstant = toInstant;
    }

    /**
     * The window written as {@code text}, exactly (lower case; {@code T} and {@code Z} upper case in instants).
     *
     * @throws IllegalArgumentException in one line naming the window, what is wrong and the {@link #ACCEPTED_FORMS}
     */
    public static ReportWindow parse(String text) {
        Objects.requireNonNull(text, "window");
        switch (text) {
            case "hour":
                return rolling(text, Duration.ofHours(1));
            case "day":
                return rolling(text, Duration.ofDays(1));
            case "week":
                return rolling(text, Duration.ofDays(7));
            case "month":
                return new ReportWindow(text, Kind.MONTH_SO_FAR, null, null, null, null, null);
            case "previous-month":
                return new ReportWindow(text, Kind.PREVIOUS_MONTH, null, null, null, null, null);
            default:
                break;
        }
        Matcher m = ROLLING.matcher(text);
        if (m.matches()) {
            if (m.group(1).length() > 7) {
                throw bad(text, "longer than 3,660 days");
            }
            long n = Long.parseLong(m.group(1));
            long hours = n * switch (m.group(2)) {
                case "h" -> 1;
                case "d" -> 24;
                default -> 24 * 7;
            };
            if (hours > MAX_LENGTH.toHours()) {
                throw bad(text, "longer than 3,660 days");
            }
            return rolling(text, Duration.ofHours(hours));
        }
        if (text.matches("0+[hdw]")) {
            throw bad(text, "a window of length zero");
        }
        if (text.matches("0[0-9]+[hdw]")) {
            throw bad(text, "N is written without leading zeros");
        }
        m = MONTH.matcher(text);
        if (m.matches()) {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) {
                throw bad(text, "month " + m.group(2) + " is not 01 to 12");
            }
            if (year < 1) {
                throw bad(text, "the year must be 0001 to 9999");
            }
            LocalDate first = LocalDate.of(year, month, 1);
            return new ReportWindow(text, Kind.CALENDAR_MONTH, null, first, first.plusMonths(1), null, null);
        }
        m = DATES.matcher(text);
        if (m.matches()) {
            LocalDate from = date(text, m.group(1));
            LocalDate to = date(text, m.group(2));
            if (!to.isAfter(from)) {
                throw bad(text, "the second date must be after the first");
            }
            if (ChronoUnit.DAYS.between(from, to) > MAX_LENGTH.toDays()) {
                throw bad(text, "longer than 3,660 days");
            }
            return new ReportWindow(text, Kind.LOCAL_DATES, null, from, to, null, null);
        }
        m = INSTANTS.matcher(text);
        if (m.matches()) {
            Instant from = instant(text, m.group(1));
            Instant to = instant(text, m.group(2));
            return instants(text, from, to);
        }
        throw bad(text, "not a window");
    }

    /**
     * The windows written as {@code texts}, in order.
     *
     * @throws IllegalArgumentException when one is not a window, or two have the same {@link #label()}
     */
    public static List<ReportWindow> parseAll(List<String> texts) {
        List<ReportWindow> windows = new ArrayList<>(texts.size());
        for (String text : texts) {
            windows.add(parse(text));
        }
        requireDistinctLabels(windows);
        return List.copyOf(windows);
    }

    /** @throws IllegalArgumentException when two of {@code windows} have the same {@link #label()} */
    static void requireDistinctLabels(List<ReportWindow> windows) {
        Map<String, ReportWindow> byLabel = new HashMap<>();
        for (ReportWindow window : windows) {
            ReportWindow other = byLabel.putIfAbsent(window.label(), window);
            if (other != null) {
                throw bad(window.text, other.text.equals(window.text) ? "asked for twice"
                        : "its label " + window.label() + " is that of window '" + other.text + "' too");
            }
        }
    }

    /** The last {@code n} hours, written {@code <n>h}. */
    public static ReportWindow lastHours(int n) {
        return parse(positive(n) + "h");
    }

    /** The last {@code n} days of 24 hours, written {@code <n>d}. */
    public static ReportWindow lastDays(int n) {
        return parse(positive(n) + "d");
    }

    /** The last {@code n} weeks of 7 days, written {@code <n>w}. */
    public static ReportWindow lastWeeks(int n) {
        return parse(positive(n) + "w");
    }

    /** The store's local calendar month so far, written {@code month}. */
    public static ReportWindow monthSoFar() {
        return parse("month");
    }

    /** The whole local calendar month before the one {@code now} falls in, written {@code previous-month}. */
    public static ReportWindow previousMonth() {
        return parse("previous-month");
    }

    /** The local calendar month {@code month}, written like {@code 2024-09}. */
    public static ReportWindow calendarMonth(YearMonth month) {
        Objects.requireNonNull(month, "month");
        return parse(String.format(Locale.ROOT, "%04d-%02d", month.getYear(), month.getMonthValue()));
    }

    /** Local dates {@code from} (included) to {@code to} (not included), written {@code from/to}. */
    public static ReportWindow localDates(LocalDate from, LocalDate to) {
        return parse(Objects.requireNonNull(from, "from") + "/" + Objects.requireNonNull(to, "to"));
    }

    /** The UTC range {@code [from, to)}, the same for every store, written {@code from/to} (microseconds). */
    public static ReportWindow instants(Instant from, Instant to) {
        return parse(Objects.requireNonNull(from, "from").truncatedTo(ChronoUnit.MICROS) + "/"
                + Objects.requireNonNull(to, "to").truncatedTo(ChronoUnit.MICROS));
    }

    private static ReportWindow rolling(String text, Duration length) {
        return new ReportWindow(text, Kind.ROLLING, length, null, null, null, null);
    }

    private static ReportWindow instants(String text, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw bad(text, "the second instant must be after the first");
        }
        if (Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
            throw bad(text, "longer than 3,660 days");
        }
        return new ReportWindow(text, Kind.INSTANTS, null, null, null, from, to);
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("window length must be at least 1: " + n);
        }
        return n;
    }

    private static LocalDate date(String text, String date) {
        try {
            LocalDate parsed = LocalDate.parse(date);
            if (parsed.getYear() < 1) {
                throw bad(text, "the year must be 0001 to 9999");
            }
            return parsed;
        } catch (DateTimeException e) {
            throw bad(text, "'" + date + "' is not a date");
        }
    }

    private static Instant instant(String text, String instant) {
        try {
            // Instant.parse also takes 24:00:00 (the next day) and a leap second 23:59:60, which no written form has
            if (Integer.parseInt(instant.substring(11, 13)) > 23 || instant.charAt(14) > '5' || instant.charAt(17) > '5') {
                throw bad(text, "'" + instant + "' is not an instant");
            }
            Instant parsed = Instant.parse(instant);
            if (parsed.isBefore(UptimeEngine.EARLIEST_NOW)) {
                throw bad(text, "'" + instant + "' is not an instant in the years 1 to 9999");
            }
            return parsed;
        } catch (DateTimeException e) {
            throw bad(text, "'" + instant + "' is not an instant");
        }
    }

    private static IllegalArgumentException bad(String text, String problem) {
        return new IllegalArgumentException("window '" + printable(text) + "': " + problem + "; " + ACCEPTED_FORMS);
    }

    /** The text as shown in a one-line message: shortened, line breaks and other controls escaped. */
    private static String printable(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < 60; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "\\u%04x", (int) c) : c);
        }
        return b.length() < text.length() ? b + "..." : b.toString();
    }

    /** The window as written, such as {@code 30d} or {@code 2024-09}. */
    public String text() {
        return text;
    }

    /**
     * The name of the window's report columns: its text lower-cased, each run of characters other than
     * {@code a-z0-9} replaced by one {@code _}, leading and trailing {@code _} dropped ({@code 2024-09} →
     * {@code 2024_09}, {@code previous-month} → {@code previous_month}).
     */
    public String label() {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(lower.length());
        boolean pending = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (pending && b.length() > 0) {
                    b.append('_');
                }
                pending = false;
                b.append(c);
            } else {
                pending = true;
            }
        }
        return b.toString();
    }

    /**
     * The window's length as written, before it is cut at {@code now} and whatever the zone: {@code N} hours, days
     * or weeks; 31 days for {@code month} and {@code previous-month} (the longest a calendar month can be); the
     * days of a calendar month or between two local dates, 24 hours each; the time between two instants. A local
     * window's range can be an hour longer or shorter where a daylight-saving change falls in it.
     */
    public Duration nominalLength() {
        return switch (kind) {
            case ROLLING -> Objects.requireNonNull(length);
            case MONTH_SO_FAR, PREVIOUS_MONTH -> Duration.ofDays(31);
            case INSTANTS -> Duration.between(Objects.requireNonNull(fromInstant), Objects.requireNonNull(toInstant));
            default -> Duration.ofDays(ChronoUnit.DAYS.between(Objects.requireNonNull(fromDate),
                    Objects.requireNonNull(toDate)));
        };
    }

    /**
     * The shortest considered range of this window in any zone, for a report with {@code lookback}: at most
     * {@code 7d + lookback}, which a window reaching to within a lookback of {@code now} always considers (SEMANTICS.md,
     * "Which polls count"); else the window's length plus two lookbacks, a local window's length taken two days
     * short of its days for the offsets and gaps its midnights may have.
     */
    Duration shortestConsideredRange(Duration lookback) {
        Duration week = Duration.ofDays(7).plus(lookback);
        Duration length = switch (kind) {
            case ROLLING, MONTH_SO_FAR -> week;
            case INSTANTS -> Duration.between(Objects.requireNonNull(fromInstant), Objects.requireNonNull(toInstant));
            case PREVIOUS_MONTH -> Duration.ofDays(28 - 2);
            default -> Duration.ofDays(Math.max(0, ChronoUnit.DAYS.between(Objects.requireNonNull(fromDate),
                    Objects.requireNonNull(toDate)) - 2));
        };
        Duration range = length.plus(lookback).plus(lookback);
        return range.compareTo(week) < 0 ? range : week;
    }

    /** Whether the window depends on the store's zone (a calendar month or local dates). */
    public boolean isLocal() {
        return kind != Kind.ROLLING && kind != Kind.INSTANTS;
    }

    /**
     * The window's instants for a store in {@code zone} in a report ending at {@code now}, cut at {@code now}: a
     * window starting at or after {@code now} is the empty {@code [now, now)}.
     */
    public TimeInterval range(ZoneId zone, Instant now) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(now, "now");
        Instant start;
        Instant end;
        switch (kind) {
            case ROLLING -> {
                start = now.minus(length);
                end = now;
            }
            case INSTANTS -> {
                start = fromInstant;
                end = toInstant;
            }
            case MONTH_SO_FAR -> {
                start = midnight(YearMonth.from(now.atZone(zone)).atDay(1), zone);
                end = now;
            }
            case PREVIOUS_MONTH -> {
                LocalDate first = YearMonth.from(now.atZone(zone)).atDay(1);
                start = midnight(first.minusMonths(1), zone);
                end = midnight(first, zone);
            }
            default -> {
                start = midnight(fromDate, zone);
                end = midnight(toDate, zone);
            }
        }
        return cut(start, end, now);
    }

    /**
     * A UTC range holding {@link #range} for every zone: what a report must read polls for (local windows are
     * widened by the widest offsets java.time allows).
     */
    TimeInterval bounds(Instant now) {
        Instant start;
        Instant end;
        switch (kind) {
            case ROLLING, INSTANTS -> {
                return range(ZoneOffset.UTC, now);
            }
            case MONTH_SO_FAR -> {
                start = YearMonth.from(now.atOffset(WEST)).atDay(1).atStartOfDay().toInstant(EAST);
                end = now;
            }
            case PREVIOUS_MONTH -> {
                start = YearMonth.from(now.atOffset(WEST)).atDay(1).minusMonths(1).atStartOfDay().toInstant(EAST);
                // a gap after the midnight can move it later by at most a day
                end = YearMonth.from(now.atOffset(EAST)).atDay(1).plusDays(1).atStartOfDay().toInstant(WEST);
            }
            default -> {
                start = fromDate.atStartOfDay().toInstant(EAST);
                // a gap after the midnight can move it later by at most a day
                end = toDate.plusDays(1).atStartOfDay().toInstant(WEST);
            }
        }
        return cut(start, end, now);
    }

    private static Instant midnight(LocalDate date, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.of(date, LocalTime.MIDNIGHT), zone).toInstant();
    }

    private static TimeInterval cut(Instant start, Instant end, Instant now) {
        Instant s = start.isAfter(now) ? now : start;
        Instant e = end.isAfter(now) ? now : end;
        return TimeInterval.of(s, e.isBefore(s) ? s : e);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportWindow other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The window as written. */
    @Override
    public String toString() {
        return text;
    }
}
