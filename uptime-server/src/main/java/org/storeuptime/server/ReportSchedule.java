package org.storeuptime.server;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
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
