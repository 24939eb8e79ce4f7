package org.storeuptime.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The database connection of a {@code report} or {@code store} run, opened on a thread of its own while picocli reads
 * the command line. On a cold JVM each takes about 0.05 s, most of it loading and running code for the first time,
 * and such a run has nothing else to do before it connects: on two cores they run side by side.
 *
 * <p>It is found from the raw arguments ({@code --jdbc-url}, else {@value DatabaseOptions#URL_VARIABLE} when no input
 * file is named) and the environment's credentials, before anything is checked. The command takes it only when its
 * own, checked settings ask for the same connection ({@link #take}); otherwise, and when the command never asks (a
 * usage error, {@code --help}), it is closed. A failure to connect is kept for the command, which reports it as if
 * it had connected itself: one attempt, one message.
 */
final class EarlyConnection implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;

    private Connection connection;
    private Exception failure;
    private boolean done;
    private boolean closed;

    private EarlyConnection(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts connecting when {@code command} is one that reads a database through one connection and {@code args}
     * name a PostgreSQL URL for it; null otherwise.
     */
    static EarlyConnection start(CliEnvironment env, String command, String... args) {
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
            url = DatabaseOptions.blankToNull(env.environment().get(DatabaseOptions.URL_VARIABLE));
        }
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return null;
        }
        String user = DatabaseOptions.blankToNull(env.environment().get(DatabaseOptions.USER_VARIABLE));
        String password = DatabaseOptions.blankToNull(env.environment().get(DatabaseOptions.PASSWORD_VARIABLE));
        DataSource driver;
        try {
            driver = DatabaseOptions.driver(url, user, password);
        } catch (IllegalArgumentException e) {
            return null; // the command says what is wrong with the URL
        }
        EarlyConnection early = new EarlyConnection(url, user, password);
        Thread thread = new Thread(() -> early.connect(driver), "uptime-connect");
        thread.setDaemon(true); // never keeps a finished run waiting, say on an unreachable host
        thread.start();
        return early;
    }

    private void connect(DataSource driver) {
        Connection opened = null;
        Exception failed = null;
        try {
            opened = driver.getConnection();
        } catch (SQLException | RuntimeException e) {
            failed = e;
        }
        synchronized (this) {
            if (closed) {
                closeQuietly(opened);
            } else {
                connection = opened;
                failure = failed;
            }
            done = true;
            notifyAll();
        }
    }

    /**
     * The connection, once open, when the command's settings are those it was opened with; null when they differ
     * (it is closed then) or it was taken already.
     *
     * @throws SQLException the failure to connect, as the driver gave it
     */
    synchronized Connection take(String url, String user, String password) throws SQLException {
        if (closed || !Objects.equals(this.url, url) || !Objects.equals(this.user, user)
                || !Objects.equals(this.password, password)) {
            close();
            return null;
        }
        while (!done) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                return null;
            }
        }
        closed = true; // taken: nothing more to hand out or close
        Connection taken = connection;
        connection = null;
        if (failure instanceof SQLException sql) {
            throw sql;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
        return taken;
    }

    /** Closes the connection unless it was taken; one still opening is closed as soon as it is open. */
    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(connection);
        connection = null;
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
