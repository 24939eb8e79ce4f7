package org.storeuptime.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections of a command that runs once and exits ({@code report}, {@code store}): a connection closed by the
 * caller is kept and handed out again, the rest come from {@code driver}. Such a command asks its few questions one
 * after the other, each on a connection of its own; without a pool each would open a new one (a TCP connection, the
 * start-up exchange and the driver's settings: a few milliseconds each), and a pool's start costs more than that.
 *
 * <p>A connection handed back in a transaction is rolled back and set to auto-commit first. Not for concurrent
 * use: one kept connection, taken by one caller at a time. {@link #close()} closes the kept connection.
 */
final class ReusingDataSource implements DataSource, AutoCloseable {

    private final DataSource driver;
    /** The connection handed back last, ready for the next caller; null when none or taken. */
    private Connection kept;

    ReusingDataSource(DataSource driver) {
        this.driver = Objects.requireNonNull(driver, "driver");
    }

    /** Opens the first connection now, so that an unreachable database fails here. */
    synchronized void connect() throws SQLException {
        if (kept == null) {
            kept = driver.getConnection();
        }
    }

    /** Keeps {@code connection}, opened elsewhere for this data source, as the first one to hand out. */
    synchronized void keep(Connection connection) {
        if (kept != null) {
            throw new IllegalStateException("a connection is kept already");
        }
        kept = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        Connection physical = kept;
        kept = null;
        if (physical == null || physical.isClosed()) {
            physical = driver.getConnection();
        }
        return handle(physical);
    }

    /** The caller's connection: closing it hands {@code physical} back instead. */
    private Connection handle(Connection physical) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean closed;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                switch (method.getName()) {
                    case "close":
                        if (!closed) {
                            closed = true;
                            handBack(physical);
                        }
                        return null;
                    case "isClosed":
                        return closed || physical.isClosed();
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "toString":
                        return "reused " + physical;
                    default:
                        if (closed) {
                            throw new SQLException("connection closed");
                        }
                        try {
                            return method.invoke(physical, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private synchronized void handBack(Connection physical) throws SQLException {
        if (physical.isClosed()) {
            return;
        }
        try {
            if (!physical.getAutoCommit()) {
                physical.rollback();
                physical.setAutoCommit(true);
            }
        } catch (SQLException e) {
            physical.close();
            throw e;
        }
        if (kept == null) {
            kept = physical;
        } else {
            physical.close();
        }
    }

    @Override
    public synchronized void close() {
        if (kept != null) {
            try {
                kept.close();
            } catch (SQLException e) {
                // the command is done; a failing close changes nothing for it
            }
            kept = null;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return driver.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return driver.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || driver.isWrapperFor(type);
    }
}
