package org.storeuptime.server.reports;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.storeuptime.core.DatabaseException;

/**
 * The data source db-scheduler runs on. While the database is away, db-scheduler's own threads (polling,
 * heartbeats, completing executions) wait here for it instead of failing, which db-scheduler would log as a
 * stack trace every polling interval on every thread: the outage is logged once, at WARN, with its trace at
 * DEBUG, and its end at INFO. Other threads (a trigger from an HTTP request) fail at once as before, so that
 * their clients get their 503 quickly.
 */
final class SchedulerDataSource implements DataSource {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(SchedulerDataSource.class);
    /** The prefix of the threads db-scheduler creates itself. */
    private static final String SCHEDULER_THREADS = "db-scheduler-";

    @FunctionalInterface
    private interface Open {
        Connection open() throws SQLException;
    }

    private final DataSource delegate;
    private final Duration retryInterval;
    private volatile boolean closed;
    private boolean down;
    /** When the outage was first seen ({@link System#nanoTime()}). */
    private long downSince;

    SchedulerDataSource(DataSource delegate, Duration retryInterval) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.retryInterval = Objects.requireNonNull(retryInterval, "retryInterval");
    }

    /** From now on nothing waits for the database: the scheduler is stopping. */
    void close() {
        closed = true;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(delegate::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connect(() -> delegate.getConnection(username, password));
    }

    private Connection connect(Open open) throws SQLException {
        boolean waits = Thread.currentThread().getName().startsWith(SCHEDULER_THREADS);
        while (true) {
            long attempt = System.nanoTime();
            try {
                Connection connection = open.open();
                answered(attempt);
                return connection;
            } catch (SQLException e) {
                DatabaseException failure = DatabaseException.of("connecting db-scheduler to the database", e);
                if (!waits || closed || !failure.isTransient()) {
                    throw e;
                }
                away(failure);
                try {
                    Thread.sleep(retryInterval.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(interrupted);
                    throw e;
                }
            }
        }
    }

    private synchronized void away(DatabaseException failure) {
        if (!down) {
            down = true;
            downSince = System.nanoTime();
            LOG.warn("the database is unavailable ({}): scheduled work waits until it answers again", failure.detail());
        }
        LOG.debug("db-scheduler could not connect; trying again in {}", retryInterval, failure);
    }

    /** A connection opened by an attempt that started at {@code attempt}. */
    private void answered(long attempt) {
        synchronized (this) {
            // an attempt begun before the outage was seen may still get through: that is not the end of it
            if (!down || attempt - downSince < 0) {
                return;
            }
            down = false;
        }
        LOG.info("the database answers again; scheduled work goes on");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }
}
