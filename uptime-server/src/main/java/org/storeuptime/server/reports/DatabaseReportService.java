package org.storeuptime.server.reports;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.StoreReader;
import org.storeuptime.core.ReportFailedException;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportRepository;

/**
 * Runs reports durably with db-scheduler on the reports' own database: a trigger stores the pending report and a
 * one-time execution named after its id; any server process on that database may pick it (db-scheduler's
 * cluster-safe claiming), and when the process running it dies, db-scheduler notices the stopped heartbeat and runs
 * the execution again, which starts the report over under the same id ({@link ReportJob}).
 */
final class DatabaseReportService extends RepositoryBackedReportService {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseReportService.class);

    /** db-scheduler's task running one report; the task instance id is the report id. */
    static final String REPORT_TASK = "uptime-report";
    /** The recurring task of a cron schedule: it triggers a report per fire time. */
    static final String SCHEDULE_TASK = "uptime-scheduled-report";
    /** The recurring task giving every unfinished report an execution (one may be missing after a crash). */
    static final String SWEEP_TASK = "uptime-report-sweep";
    /** The recurring task of a poll retention: it prunes the polls once a day, once per cluster. */
    static final String POLL_PRUNE_TASK = "uptime-poll-prune";
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(30);
    /**
     * db-scheduler's executions and heartbeats run on real time shared by all processes on the database, not on
     * the injected clock (a fixed test clock would make every execution look dead).
     */
    private static final Clock SCHEDULER_CLOCK = Clock.systemUTC();
    /** The longest a health check waits for the database: a monitor must get its 503 quickly. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final ReportJob job;
    private final ReportMetrics metrics;
    private final Clock clock;
    private final DataSource dataSource;
    private final OneTimeTask<Void> reportTask;
    private final Scheduler scheduler;
    private final SchedulerDataSource schedulerDataSource;
    private final HealthProbe health = new HealthProbe(this::databaseAnswers, HEALTH_TIMEOUT);
    private boolean started;
    private boolean closed;

    DatabaseReportService(Settings settings) {
        super(settings.repository, settings.stores);
        this.job = settings.job;
        this.metrics = settings.job.metrics();
        this.clock = settings.clock;
        this.dataSource = settings.dataSource;
        this.reportTask = Tasks.oneTime(REPORT_TASK)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_DELAY))
                .onDeadExecutionRevive()
                .execute((instance, context) -> runReport(instance.getId()));
        RecurringTask<Void> sweepTask = Tasks.recurring(SWEEP_TASK, Schedules.fixedDelay(SWEEP_INTERVAL))
                .execute((instance, context) -> sweep());
        // start tasks are known tasks too: db-scheduler adds them itself
        List<Task<?>> tasks = List.of(reportTask);
        List<RecurringTask<Void>> startTasks = new ArrayList<>(List.of(sweepTask));
        if (settings.schedule != null) {
            ReportSchedule schedule = settings.schedule;
            RecurringTask<Void> scheduleTask = Tasks.recurring(SCHEDULE_TASK, schedule.toCronSchedule())
                    .execute((instance, context) -> triggerScheduled(context, schedule.options()));
            startTasks.add(scheduleTask);
        }
        if (settings.pollPruning != null) {
            // fixed delay: the first run is due when the task is first stored (the first server's start), the next
            // a day after each run ends; a restart keeps the stored time rather than pruning again at once
            PollPruning pruning = settings.pollPruning;
            startTasks.add(Tasks.recurring(POLL_PRUNE_TASK, Schedules.fixedDelay(PollPruning.INTERVAL))
                    .execute((instance, context) -> pruning.run()));
        }
        this.schedulerDataSource = new SchedulerDataSource(settings.dataSource, settings.pollingInterval);
        SchedulerBuilder builder = Scheduler.create(schedulerDataSource, tasks)
                .tableName(settings.tableName)
                .pollingInterval(settings.pollingInterval)
                .heartbeatInterval(settings.heartbeatInterval)
                .missedHeartbeatsLimit(settings.missedHeartbeats)
                .threads(settings.workers)
                .shutdownMaxWait(settings.shutdownGrace)
                .enableImmediateExecution()
                .clock(SCHEDULER_CLOCK::instant)
                .startTasks(startTasks);
        if (settings.executor != null) {
            builder.executorService(settings.executor);
        }
        this.scheduler = builder.build();
    }

    /** What the builder hands over. */
    static final class Settings {
        ReportRepository repository;
        StoreReader stores;
        ReportJob job;
        Clock clock;
        DataSource dataSource;
        String tableName;
        ReportSchedule schedule;
        /** Null without a poll retention. */
        PollPruning pollPruning;
        ExecutorService executor;
        int workers;
        Duration pollingInterval;
        Duration heartbeatInterval;
        int missedHeartbeats;
        Duration shutdownGrace;
    }

    private void runReport(String instanceId) {
        UUID id;
        try {
            id = UUID.fromString(instanceId);
        } catch (IllegalArgumentException e) {
            LOG.error("execution '{}' of task {} is not a report id; dropped", instanceId, REPORT_TASK);
            return;
        }
        // repository failures (the database went away) escape to db-scheduler, which runs it again later
        job.run(id);
    }

    private void triggerScheduled(ExecutionContext context, ReportOptions options) {
        Instant fireTime = context.getExecution().executionTime;
        UUID id = ScheduledReports.reportId(fireTime);
        if (repository.find(id).isEmpty()) {
            try {
                repository.create(id, clock.instant(), null, options);
                metrics.triggered(true);
                LOG.info("scheduled report {} triggered for {}", id, fireTime);
            } catch (IllegalArgumentException e) {
                LOG.debug("scheduled report {} exists already", id);
            }
        }
        scheduleRun(id);
        metrics.countQueue(repository);
    }

    private boolean scheduleRun(UUID id) {
        return scheduler.scheduleIfNotExists(reportTask.instance(id.toString()), SCHEDULER_CLOCK.instant());
    }

    /**
     * Gives every unfinished report without an execution one (after a crash between storing and scheduling), and
     * removes the finished reports the retention does not keep.
     */
    private void sweep() {
        job.prune();
        for (ReportRecord r : repository.unfinished()) {
            if (scheduleRun(r.id())) {
                LOG.info("report {} ({}) had no execution; scheduled it", r.id(), r.state().apiName());
            }
        }
        metrics.countQueue(repository);
    }

    @Override
    public void start() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the report service was closed");
            }
            if (started) {
                return;
            }
            started = true;
        }
        sweep();
        scheduler.start();
    }

    @Override
    ReportRecord queue(ReportRequest request) {
        Objects.requireNonNull(request, "request");
        synchronized (this) {
            if (closed) {
                throw new ReportFailedException("the report service is stopped");
            }
        }
        UUID id = UUID.randomUUID();
        ReportRecord record = DatabaseCalls.call("storing the report",
                () -> repository.create(id, clock.instant(), request));
        metrics.triggered(false);
        DatabaseCalls.call("queueing the report", () -> scheduleRun(id));
        // one DELETE on a table kept small by it: expiry by age does not wait for the next sweep (after the insert,
        // so that a trigger with the database down fails after one connection timeout, not two)
        job.prune();
        metrics.countQueue(repository);
        return record;
    }

    @Override
    public Optional<ReportRecord> find(UUID id) {
        return DatabaseCalls.call("reading the report", () -> super.find(id));
    }

    @Override
    public List<ReportRecord> list(int limit) {
        return DatabaseCalls.call("listing the reports", () -> super.list(limit));
    }

    @Override
    public Optional<byte[]> csv(UUID id) {
        return DatabaseCalls.call("reading the report's CSV", () -> super.csv(id));
    }

    @Override
    public boolean healthy() {
        synchronized (this) {
            if (closed) {
                return false;
            }
        }
        return health.healthy();
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid((int) HEALTH_TIMEOUT.toSeconds());
        } catch (SQLException | RuntimeException e) {
            LOG.warn("health check: the database does not answer: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            health.close();
            if (!started) {
                return;
            }
        }
        // nothing waits for a database that is away any more; then up to the grace period for running reports:
        // those still running stay claimed in the database, and the next process on it runs them again once their
        // heartbeat is seen to have stopped
        schedulerDataSource.close();
        scheduler.stop();
    }
}
