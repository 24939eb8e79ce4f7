package org.storeuptime.server.reports;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.ReportOptions;

/**
 * When reports are generated automatically: a cron expression in db-scheduler's (Spring-style) syntax with six
 * fields, {@code second minute hour day-of-month month day-of-week}, evaluated in {@code zone}. Examples:
 * {@code 0 0 * * * *} at the start of every hour, {@code 0 *&#47;15 * * * *} every 15 minutes,
 * {@code 0 30 6 * * MON-FRI} at 06:30 on weekdays.
 *
 * <p>Needs db-scheduler (an optional dependency of uptime-server) on the class path: without it the constructor
 * throws {@link IllegalStateException}.
 *
 * @param cron the cron expression
 * @param zone the zone its wall-clock times are in (default UTC)
 * @param options how the scheduled reports are computed
 */
public record ReportSchedule(String cron, ZoneId zone, ReportOptions options) {

    private static final String CRON_PARSER = "com.github.kagkarlsson.scheduler.task.schedule.CronSchedule";

    public ReportSchedule {
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(options, "options");
        cron = cron.strip();
        if (cron.split("\\s+").length != 6) {
            throw new IllegalArgumentException("cron expression '" + cron
                    + "' must have 6 fields: second minute hour day-of-month month day-of-week, e.g. '0 0 * * * *'");
        }
        requireCronParser();
        try {
            new CronSchedule(cron, zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cron expression '" + cron + "': " + e.getMessage(), e);
        }
        if (neverFires(cron.split("\\s+"))) {
            // db-scheduler would wait for it forever, logging an error at every start
            throw new IllegalArgumentException("cron '" + cron + "' never fires (no such date)");
        }
    }

    /** The longest month lengths, February with its 29th. */
    private static final int[] MONTH_DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final List<String> MONTH_NAMES =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

    /**
     * Whether every day of month the expression names is past the end of every month it names (31 February): such
     * an expression parses, yet has no fire time. Fields with wildcards or {@code L}/{@code W} always fire.
     */
    private static boolean neverFires(String[] fields) {
        BitSet days = values(fields[3], 1, 31, List.of());
        BitSet months = values(fields[4], 1, 12, MONTH_NAMES);
        if (days == null || months == null || days.isEmpty()) {
            return false;
        }
        int firstDay = days.nextSetBit(0);
        for (int m = months.nextSetBit(0); m >= 0; m = months.nextSetBit(m + 1)) {
            if (firstDay <= MONTH_DAYS[m - 1]) {
                return false;
            }
        }
        return true;
    }

    /** The values a field of numbers, ranges and steps names; {@code null} for anything else (*, ?, L, W). */
    private static @Nullable BitSet values(String field, int min, int max, List<String> names) {
        BitSet set = new BitSet();
        for (String part : field.toUpperCase(Locale.ROOT).split(",")) {
            Matcher m = FIELD_PART.matcher(part);
            if (!m.matches()) {
                return null;
            }
            Integer from = value(m.group(1), names);
            Integer to = m.group(2) == null ? from : value(m.group(2), names);
            int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            if (from == null || to == null || step < 1) {
                return null;
            }
            if (m.group(2) == null && m.group(3) != null) {
                to = max;
            }
            for (int v = Math.max(from, min); v <= Math.min(to, max); v += step) {
                set.set(v);
            }
        }
        return set;
    }

    /** One part of a field: a value (a number or a month's name), optionally a range, optionally a step. */
    private static final Pattern FIELD_PART =
            Pattern.compile("([0-9]{1,2}|[A-Z]{3})(?:-([0-9]{1,2}|[A-Z]{3}))?(?:/([0-9]{1,2}))?");

    private static @Nullable Integer value(String token, List<String> names) {
        if (Character.isDigit(token.charAt(0))) {
            return Integer.parseInt(token);
        }
        int i = names.indexOf(token);
        return i < 0 ? null : i + 1;
    }

    /** Reports with the default options, on a cron expression evaluated in UTC. */
    public static ReportSchedule cron(String cron) {
        return new ReportSchedule(cron, ZoneOffset.UTC, ReportOptions.DEFAULTS);
    }

    /**
     * db-scheduler is an optional dependency of uptime-server (a host that schedules reports adds it): without it a
     * schedule fails here, saying so, instead of with a NoClassDefFoundError.
     */
    private static void requireCronParser() {
        try {
            Class.forName(CRON_PARSER, false, ReportSchedule.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("report schedules need db-scheduler, whose cron parser reads them: add"
                    + " com.github.kagkarlsson:db-scheduler to the application (see docs/server.md)", e);
        }
    }

    /** db-scheduler's schedule for it. */
    CronSchedule toCronSchedule() {
        return new CronSchedule(cron, zone);
    }
}
