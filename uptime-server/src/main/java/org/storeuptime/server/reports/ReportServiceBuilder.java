package org.storeuptime.server.reports;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.StoreReader;
import org.storeuptime.core.reports.InMemoryReportRepository;
import org.storeuptime.core.reports.ReportRepository;
import org.storeuptime.core.reports.ReportRetention;
import org.storeuptime.jdbc.UptimeDatabase;

/**
 * Configures a {@link ReportService}. Every setting has a default except where the data comes from: a
 * {@link #source(ReportSource) source} (in memory) or a {@link #database database}.
 *
 * <p>In memory, reports run on a bounded pool of this process and are lost on restart. With a database, report
 * state and CSVs live in it and reports run as db-scheduler executions in its {@code scheduled_tasks} table (created
 * by {@link UptimeDatabase#migrate()}): any process on the database serves any report, and a report whose process
 * died is run again by another (or the next) one after {@code heartbeatInterval * missedHeartbeats}.
 */
public final class ReportServiceBuilder {

    private ReportSource source;
    private StoreReader stores;
    private UptimeDatabase database;
    private Duration pollingInterval = Duration.ofSeconds(2);
    private Duration heartbeatInterval = Duration.ofSeconds(10);
    private int missedHeartbeats = 6;
    private ReportRepository repository;
    private Clock clock = Clock.systemUTC();
    private ExecutorService executor;
    private int workers = 2;
    private int queueCapacity = 100;
    private ReportSchedule schedule;
    private Path reportsDirectory;
    private Duration shutdownGrace = Duration.ofSeconds(30);
    private Duration progressInterval = Duration.ofMillis(250);
    private ReportRetry retry = ReportRetry.DEFAULT;
    private ReportRetention retention = ReportRetention.DEFAULT;
    private PollRetention pollRetention;
    private MeterRegistry meterRegistry;

    ReportServiceBuilder() {
    }

    /** Where reports read stores and polls: required in memory; in database mode it replaces the database's. */
    public ReportServiceBuilder source(ReportSource source) {
        this.source = Objects.requireNonNull(source, "source");
        return this;
    }

    /**
     * Where the one-store views ({@code /stores} routes) read stores and polls. Default: the database's
     * {@link UptimeDatabase#storeReader()} with a database, else the {@link #source} when it is a
     * {@link StoreReader} (a {@code StoreDataSet} is); without either, the store routes answer 404.
     */
    public ReportServiceBuilder stores(StoreReader stores) {
        this.stores = Objects.requireNonNull(stores, "stores");
        return this;
    }

    /**
     * Keeps report state and CSVs in {@code database} (whose schema must be migrated, see
     * {@link UptimeDatabase#migrate()}), reads stores and polls from it unless a {@link #source} is given, and runs
     * reports durably with db-scheduler on its data source.
     */
    public ReportServiceBuilder database(UptimeDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
        return this;
    }

    /** With a database: how often this process looks for reports triggered elsewhere or left behind (default 2 s). */
    public ReportServiceBuilder pollingInterval(Duration interval) {
        this.pollingInterval = positive(interval, "polling interval");
        return this;
    }

    /**
     * With a database: how often a running report's process tells the database it is alive (default 10 s); a report
     * whose process missed {@link #missedHeartbeats} of them is run again.
     */
    public ReportServiceBuilder heartbeatInterval(Duration interval) {
        this.heartbeatInterval = positive(interval, "heartbeat interval");
        return this;
    }

    /** With a database: missed heartbeats before a report's process is taken for dead (default 6, at least 4). */
    public ReportServiceBuilder missedHeartbeats(int missed) {
        if (missed < 4) {
            throw new IllegalArgumentException("missed heartbeats must be at least 4: " + missed);
        }
        this.missedHeartbeats = missed;
        return this;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    /** Where report state and CSVs are kept in memory mode (default: a new {@link InMemoryReportRepository}). */
    public ReportServiceBuilder repository(ReportRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
        return this;
    }

    /** The clock of reports' timestamps (created, started, finished) and of in-memory schedules. */
    public ReportServiceBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Runs reports on the caller's executor instead of the service's own pool; the caller shuts it down. In memory,
     * a bounded executor is the caller's responsibility; a rejected report is marked failed.
     */
    public ReportServiceBuilder executor(ExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /** How many reports run at once on the service's own pool (default 2). */
    public ReportServiceBuilder workers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.workers = workers;
        return this;
    }

    /** How many triggered reports may wait for a worker in memory (default 100); beyond it triggers fail. */
    public ReportServiceBuilder queueCapacity(int queueCapacity) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1: " + queueCapacity);
        }
        this.queueCapacity = queueCapacity;
        return this;
    }

    /** Generates reports on a cron schedule (default: none). */
    public ReportServiceBuilder schedule(ReportSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        return this;
    }

    /** Also writes every report this process completes to {@code directory} as {@code store_report_<id>.csv}. */
    public ReportServiceBuilder reportsDirectory(Path directory) {
        this.reportsDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** How long {@link ReportService#close()} lets running reports finish (default 30 seconds). */
    public ReportServiceBuilder shutdownGrace(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("shutdown grace must not be negative: " + grace);
        }
        this.shutdownGrace = grace;
        return this;
    }

    /** The least time between two progress updates of one report (default 250 ms). */
    public ReportServiceBuilder progressInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("progress interval must not be negative: " + interval);
        }
        this.progressInterval = interval;
        return this;
    }

    /**
     * How often a report is tried when its database fails in a way that may pass: a lost or refused connection, a
     * server shutting down, a serialization failure or deadlock (default {@link ReportRetry#DEFAULT}: 5 attempts,
     * waiting 1, 2, 4, 8 s). The report fails, saying how many attempts it made, only after the last one.
     */
    public ReportServiceBuilder retry(ReportRetry retry) {
        this.retry = Objects.requireNonNull(retry, "retry");
        return this;
    }

    /**
     * How many finished reports are kept, and for how long (default {@link ReportRetention#DEFAULT}: 500, 30 days),
     * in memory or in the database; older ones and their CSVs are removed after each finished report and
     * periodically. Pending and running reports are never removed.
     */
    public ReportServiceBuilder retention(ReportRetention retention) {
        this.retention = Objects.requireNonNull(retention, "retention");
        return this;
    }

    /**
     * With a database: removes the polls older than the latest poll minus {@link PollRetention#keep()} once a day
     * (default: never), with {@link UptimeDatabase#prune(Duration, Duration, boolean)} run by the same db-scheduler
     * as the reports: when this service first starts on the database, then a day after each prune, once per cluster
     * however many servers share the database. Each prune is logged at INFO with what it removed, a failure at WARN
     * (the service goes on; the next day's prune tries again). Give every server on the database the same retention:
     * whichever runs the task uses its own.
     *
     * @throws IllegalArgumentException from {@link #build()} when {@code retention} keeps less than the
     *     {@link #schedule schedule}'s reports need (its lookback is longer than the retention's)
     * @throws IllegalStateException from {@link #build()} without a {@link #database database}
     */
    public ReportServiceBuilder pollRetention(PollRetention retention) {
        this.pollRetention = Objects.requireNonNull(retention, "retention");
        return this;
    }

    /**
     * Records the reports' meters into {@code registry}, the host's own or the Prometheus registry of
     * {@code uptime serve} (default: none, nothing is recorded): reports triggered, completed, failed and retried,
     * their duration (a histogram) and stores, and the queue of pending reports. {@link StoreUptimeMetrics} names
     * them; {@code docs/server.md} lists them.
     */
    public ReportServiceBuilder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /** The service, not started yet. */
    public ReportService build() {
        ReportsDirectory folder = reportsDirectory == null ? null : new ReportsDirectory(reportsDirectory);
        ReportMetrics metrics = ReportMetrics.on(meterRegistry);
        if (pollRetention != null && database == null) {
            throw new IllegalStateException("a poll retention prunes a database's polls: set a database too");
        }
        if (database != null) {
            if (repository != null) {
                throw new IllegalStateException("a database keeps its own reports: do not set a repository too");
            }
            DatabaseReportService.Settings settings = new DatabaseReportService.Settings();
            settings.repository = database.reportRepository();
            settings.stores = stores != null ? stores : DatabaseCalls.storeReader(database.storeReader());
            settings.job = new ReportJob(settings.repository, source != null ? source : database.reportSource(),
                    source == null, clock, folder, progressInterval.toNanos(), retry, retention, metrics);
            settings.clock = clock;
            settings.dataSource = database.dataSource();
            settings.tableName = quoted(database.schema()) + ".scheduled_tasks";
            settings.schedule = schedule;
            if (pollRetention != null) {
                settings.pollPruning = new PollPruning(database, coveringSchedule(pollRetention), clock,
                        meterRegistry);
            }
            settings.executor = executor;
            settings.workers = workers;
            settings.pollingInterval = pollingInterval;
            settings.heartbeatInterval = heartbeatInterval;
            settings.missedHeartbeats = missedHeartbeats;
            settings.shutdownGrace = shutdownGrace;
            return new DatabaseReportService(settings);
        }
        if (source == null) {
            throw new IllegalStateException("a report service needs a source (or a database)");
        }
        ReportRepository repo = repository != null ? repository : new InMemoryReportRepository();
        ReportJob job = new ReportJob(repo, source, clock, folder, progressInterval.toNanos(), retry, retention,
                metrics);
        boolean own = executor == null;
        ExecutorService pool = own ? boundedPool(workers, queueCapacity) : executor;
        StoreReader storeReader = stores != null ? stores : source instanceof StoreReader r ? r : null;
        return new InMemoryReportService(repo, job, clock, pool, own, shutdownGrace, schedule, storeReader);
    }

    /** {@code retention}, checked against the schedule's reports too: they must stay the same after a prune. */
    private PollRetention coveringSchedule(PollRetention retention) {
        if (schedule == null) {
            return retention;
        }
        try {
            return retention.coveringLookback(schedule.options().lookback());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("poll retention with the schedule's lookback: " + e.getMessage(), e);
        }
    }

    /** A PostgreSQL quoted identifier: schema names are used as is, like the JDBC adapter does. */
    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static ExecutorService boundedPool(int workers, int queueCapacity) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "uptime-report-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), threads, new ThreadPoolExecutor.AbortPolicy());
    }
}
