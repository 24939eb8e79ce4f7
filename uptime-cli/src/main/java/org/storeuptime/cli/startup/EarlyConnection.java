package org.storeuptime.cli.startup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.storeuptime.core.Store;

/**
 * The database connections of a {@code report} or {@code store} run, opened on a thread of its own while picocli
 * reads the command line. On a cold JVM each takes about 0.05 s, most of it loading and running code for the first
 * time, and such a run has nothing else to do before it connects: on two cores they run side by side. A report
 * gets two connections, as it reads its zones and hours on a second one while the first streams the polls; then the
 * thread prepares what the command needs first.
 *
 * <p>It is found from the raw arguments ({@code --jdbc-url}, else the environment's URL when no input file is
 * named) and the environment's credentials, before anything is checked. The command takes it only when its
 * own, checked settings ask for the same connection ({@link #take}); otherwise, and when the command never asks (a
 * usage error, {@code --help}), it is closed. A failure to connect is kept for the command, which reports it as if
 * it had connected itself: one attempt, one message.
 */
final class EarlyConnection implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    /** How many connections to open: 2 for a report, 1 for a store view. */
    private final int wanted;

    private final List<Connection> connections = new ArrayList<>(2);
    /** Where the second connection goes when it opens after the first was taken; null before. */
    private Consumer<Connection> laterConnections;
    private Exception failure;
    private boolean done;
    private boolean closed;

    private EarlyConnection(String url, String user, String password, int wanted) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.wanted = wanted;
    }

    /**
     * Starts connecting when {@code command} is one that reads a database through one connection and {@code args}
     * name a PostgreSQL URL for it; null otherwise.
     */
    static EarlyConnection start(String command, String[] args, String environmentUrl,
            String user, String password) {
        if (!"report".equals(command) && !"store".equals(command)) {
            return null;
        }
        String url = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data", "--status", "--hours", "--timezones", "--help", "-h" -> {
                    return null;
                }
                case "--jdbc-url" -> url = i + 1 < args.length ? args[i + 1] : null;
                default -> {
                    if (arg.startsWith("--jdbc-url=")) {
                        url = arg.substring("--jdbc-url=".length());
                    } else if (arg.startsWith("--data=") || arg.startsWith("--status=")
                            || arg.startsWith("--hours=") || arg.startsWith("--timezones=")) {
                        return null;
                    }
                }
            }
        }
        if (url == null) {
            url = environmentUrl;
        }
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return null;
        }
        EarlyConnection early = new EarlyConnection(url, user, password, "report".equals(command) ? 2 : 1);
        Thread thread = new Thread(early::connect, "uptime-connect");
        thread.setDaemon(true); // never keeps a finished run waiting, say on an unreachable host
        thread.start();
        return early;
    }

    private void connect() {
        DataSource driver;
        Connection first;
        try {
            driver = StartupConnections.driver(url, user, password);
            first = driver.getConnection();
        } catch (SQLException | RuntimeException e) {
            // a URL the driver refuses included: the command says what is wrong with it first
            publish(null, e);
            return;
        }
        // the command may go on with the first while the second opens
        publish(first, null);
        if (wanted > 1) {
            openSecond(driver);
        }
        // While the command line is still being read: the class of the connections' handles, and the time zone
        // data, which the zones of every store are checked against and converted with first thing.
        ReusingDataSource.prepareHandles();
        Store.ianaZone(Store.DEFAULT_ZONE.getId()).ifPresent(zone -> zone.getRules());
    }

    /** Opens the second connection: kept, handed to the command that took the first, or closed. */
    private void openSecond(DataSource driver) {
        try {
            Connection second = driver.getConnection();
            Consumer<Connection> receiver;
            synchronized (this) {
                receiver = laterConnections;
                if (receiver == null && !closed) {
                    connections.add(second);
                    second = null;
                }
            }
            if (second != null) {
                if (receiver != null) {
                    receiver.accept(second);
                } else {
                    closeQuietly(second);
                }
            }
        } catch (SQLException | RuntimeException e) {
            // the report opens its second connection itself, and fails there if it must
        }
    }

    private synchronized void publish(Connection connection, Exception failed) {
        if (closed) {
            closeQuietly(connection);
        } else if (connection != null) {
            connections.add(connection);
        }
        failure = failed;
        done = true;
        notifyAll();
    }

    /**
     * The connections open so far (at least the first, waiting for it) when the command's settings are those they
     * were opened with; empty when they differ (they are closed then) or were taken already. A second connection
     * that opens later goes to {@code later}.
     *
     * @throws SQLException the failure to connect, as the driver gave it
     */
    synchronized List<Connection> take(String url, String user, String password, Consumer<Connection> later)
            throws SQLException {
        if (closed || !Objects.equals(this.url, url) || !Objects.equals(this.user, user)
                || !Objects.equals(this.password, password)) {
            close();
            return List.of();
        }
        while (!done) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                return List.of();
            }
        }
        closed = true; // taken: nothing more to hand out or close
        laterConnections = Objects.requireNonNull(later, "later");
        List<Connection> taken = List.copyOf(connections);
        connections.clear();
        if (failure instanceof SQLException sql) {
            throw sql;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
        return taken;
    }

    /** Closes the connections unless they were taken; those still opening are closed as soon as they are open. */
    @Override
    public synchronized void close() {
        closed = true;
        connections.forEach(EarlyConnection::closeQuietly);
        connections.clear();
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // never used: nothing of the run depends on it
            }
        }
    }
}
