package org.storeuptime.cli.startup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The start-up tuning of the command line's short database runs ({@code report}, {@code store}), behind one seam:
 * the connections are opened on a thread of their own while picocli reads the command line
 * ({@link EarlyConnection}), and the run reuses them instead of starting a pool ({@link ReusingDataSource}). The
 * rest of the command line sees a {@link DataSource} and nothing of how it was made fast; without this seam the
 * same run would open its connections itself, one after the other, with the same result.
 *
 * <pre>{@code
 * try (StartupConnections startup = StartupConnections.start(command, args, urlVariable, user, password)) {
 *     ... parse the command line ...
 *     try (ReusingDataSource connections = startup.dataSource(url, user, password)) {
 *         connections.open();   // the early connections when they are the ones asked for
 *         ... run ...
 *     }
 * }
 * }</pre>
 */
public final class StartupConnections implements AutoCloseable {

    private final EarlyConnection early;

    private StartupConnections(EarlyConnection early) {
        this.early = early;
    }

    /**
     * Starts connecting when {@code command} is {@code report} or {@code store} and {@code args} name a PostgreSQL
     * database for it ({@code --jdbc-url}, else {@code environmentUrl} when no input file is named), with the
     * environment's credentials; otherwise nothing is started. Nothing is checked here: the command takes the
     * connections only when its own, checked settings ask for the same ones.
     */
    public static StartupConnections start(String command, String[] args, String environmentUrl,
            String user, String password) {
        return new StartupConnections(EarlyConnection.start(command, args, environmentUrl, user, password));
    }

    /** No start-up tuning: the runs open their connections themselves. */
    public static StartupConnections none() {
        return new StartupConnections(null);
    }

    /**
     * The data source of a run on {@code url} with the credentials given apart (null: none, or those of the URL):
     * one connection from the driver, handed out again whenever its user closes it. It connects on
     * {@link ReusingDataSource#open()}, taking the early connections when they are the ones asked for.
     *
     * @throws IllegalArgumentException when the driver does not take the URL (its message repeats the URL)
     */
    public ReusingDataSource dataSource(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        PGSimpleDataSource driver = driver(url, user, password);
        return new ReusingDataSource(driver, connections -> early == null ? List.<Connection>of()
                : early.take(url, user, password, connections::offer));
    }

    /** Closes the early connections unless a run took them. */
    @Override
    public void close() {
        if (early != null) {
            early.close();
        }
    }

    /**
     * The driver's data source for {@code url} with the credentials given apart.
     *
     * @throws IllegalArgumentException when the driver does not take the URL
     */
    static PGSimpleDataSource driver(String url, String user, String password) {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setURL(url);
        if (user != null) {
            driver.setUser(user);
        }
        if (password != null) {
            driver.setPassword(password);
        }
        return driver;
    }

    /** Where a run's data source finds the connections opened for it early; empty when there are none. */
    @FunctionalInterface
    interface EarlyConnections {
        List<Connection> take(ReusingDataSource connections) throws SQLException;
    }
}
