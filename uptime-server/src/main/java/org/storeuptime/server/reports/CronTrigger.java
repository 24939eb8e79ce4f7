package org.storeuptime.server.reports;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires a cron schedule in this process (no database): db-scheduler's {@link CronSchedule} computes the next fire
 * time from the injected clock, a single timer thread waits for it. Fire times missed while the process was busy
 * or asleep are skipped, not replayed.
 */
final class CronTrigger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CronTrigger.class);

    private final CronSchedule schedule;
    private final Clock clock;
    private final Consumer<Instant> fire;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> next;
    private boolean closed;

    CronTrigger(ReportSchedule schedule, Clock clock, Consumer<Instant> fire) {
        this.schedule = schedule.toCronSchedule();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.fire = Objects.requireNonNull(fire, "fire");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "uptime-schedule");
            t.setDaemon(true);
            return t;
        });
    }

    synchronized void start() {
        scheduleAfter(clock.instant());
    }

    /** The first fire time strictly after {@code after}. */
    Instant nextFireTime(Instant after) {
        return schedule.getNextExecutionTime(ExecutionComplete.simulatedSuccess(after));
    }

    private synchronized void scheduleAfter(Instant after) {
        if (closed) {
            return;
        }
        Instant fireTime = nextFireTime(after);
        long delay = Math.max(0, Duration.between(clock.instant(), fireTime).toMillis());
        next = timer.schedule(() -> run(fireTime), delay, TimeUnit.MILLISECONDS);
    }

    private void run(Instant fireTime) {
        try {
            fire.accept(fireTime);
        } catch (RuntimeException e) {
            LOG.error("scheduled report at {} failed to start: {}", fireTime, e.getMessage(), e);
        }
        Instant now = clock.instant();
        scheduleAfter(now.isAfter(fireTime) ? now : fireTime);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel(false);
        }
        timer.shutdownNow();
    }
}
