package org.storeuptime.cli.startup;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections of a command that runs once and exits ({@code report}, {@code store}): a connection closed by the
 * caller is kept and handed out again, the rest come from {@code driver}. Such a command asks its few questions one
 * after the other, each on a connection of its own; without a pool each would open a new one (a TCP connection, the
 * start-up exchange and the driver's settings: a few milliseconds each), and a pool's start costs more than that.
 * Up to {@value #KEPT} are kept: a report reads its zones and hours on a second connection while the first streams
 * its polls.
 *
 * <p>A connection handed back in a transaction is rolled back and set to auto-commit first. Safe to use from the
 * report's two threads. {@link #close()} closes the kept connections. Made by
 * {@link StartupConnections#dataSource}.
 */
public final class ReusingDataSource implements DataSource, AutoCloseable {

    /** How many idle connections are kept at most. */
    static final int KEPT = 2;

    private final DataSource driver;
    private final StartupConnections.EarlyConnections early;
    /** The connections handed back and not taken since, ready for the next callers. */
    private final ArrayDeque<Connection> kept = new ArrayDeque<>(KEPT);
    private boolean closed;

    ReusingDataSource(DataSource driver, StartupConnections.EarlyConnections early) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.early = Objects.requireNonNull(early, "early");
    }

    /** A data source of {@code driver}'s connections alone, none opened early. */
    ReusingDataSource(DataSource driver) {
        this(driver, connections -> List.of());
    }

    /**
     * Connects now, so that an unreachable database fails here: keeps the connections opened early for this run
     * when they are the ones asked for, else opens the first one.
     *
     * @throws SQLException when the database cannot be reached
     */
    public void open() throws SQLException {
        List<Connection> opened = early.take(this);
        if (!opened.isEmpty()) {
            keep(opened);
        } else {
            connect();
        }
    }

    /** Opens the first connection now, so that an unreachable database fails here. */
    synchronized void connect() throws SQLException {
        if (kept.isEmpty()) {
            kept.add(driver.getConnection());
        }
    }

    /** Keeps {@code connections}, opened elsewhere for this data source, to hand out first. */
    synchronized void keep(List<Connection> connections) {
        if (kept.size() + connections.size() > KEPT) {
            throw new IllegalStateException("at most " + KEPT + " connections are kept");
        }
        connections.forEach(c -> kept.add(Objects.requireNonNull(c, "connection")));
    }

    /** Keeps {@code connection}, opened elsewhere for this data source, if there is room and this is not closed. */
    void offer(Connection connection) {
        synchronized (this) {
            if (!closed && kept.size() < KEPT) {
                kept.add(connection);
                return;
            }
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // not needed: nothing depends on it
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection physical;
        synchronized (this) {
            physical = kept.poll();
            while (physical != null && physical.isClosed()) {
                physical = kept.poll();
            }
        }
        if (physical == null) {
            physical = driver.getConnection(); // outside the lock: the other thread may hand one back meanwhile
        }
        return handle(physical);
    }

    /**
     * Defines the class of the handles ({@link #getConnection()}'s proxies) now: on a cold JVM that takes a few
     * milliseconds, which the thread connecting early spends while the command line is still being read.
     */
    static void prepareHandles() {
        Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> null);
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
        if (kept.size() < KEPT) {
            kept.add(physical);
        } else {
            physical.close();
        }
    }

    /** Closes the kept connections; those handed out close for good when their users close them. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Connection connection : kept) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the command is done; a failing close changes nothing for it
            }
        }
        kept.clear();
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
