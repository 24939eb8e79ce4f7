package org.storeuptime.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A TCP proxy from {@code 127.0.0.1:<random port>} to the test database, which a test can {@link #cut()}: every
 * open connection is dropped and new ones are refused until {@link #restore()}. That is the test database
 * "going down" and coming back, for this test's connections only; the shared server is never touched.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.to(TestDatabase.get())) {
 *     DataSource viaProxy = proxy.dataSource();
 *     proxy.cut();      // the database is "down"
 *     proxy.restore();  // and back
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {

    private final TestDatabase database;
    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcp-proxy");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean down;

    private TcpProxy(TestDatabase database, InetSocketAddress target) throws IOException {
        this.database = database;
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** A proxy to the host and port of {@code database}'s URL, listening on a random loopback port. */
    public static TcpProxy to(TestDatabase database) {
        Properties parsed = Driver.parseURL(database.url(), null);
        if (parsed == null) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + database.url());
        }
        // a URL may list several hosts; the tests use the first
        String host = parsed.getProperty("PGHOST").split(",")[0];
        int port = Integer.parseInt(parsed.getProperty("PGPORT").split(",")[0]);
        try {
            return new TcpProxy(database, new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the TCP proxy: " + e.getMessage(), e);
        }
    }

    /** The port the proxy listens on. */
    public int port() {
        return server.getLocalPort();
    }

    /** The test database's JDBC URL (with credentials and session settings) through this proxy. */
    public String url() {
        return database.urlWithSettings().replaceFirst("^jdbc:postgresql://[^/]*/",
                "jdbc:postgresql://127.0.0.1:" + port() + "/");
    }

    /** A non-pooled data source on the test database through this proxy. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url());
        ds.setConnectTimeout(5);
        return ds;
    }

    /** Drops every open connection and refuses new ones: the database is gone for the clients of this proxy. */
    public void cut() {
        down = true;
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    /** Accepts and forwards connections again. */
    public void restore() {
        down = false;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (down) {
                // accepted and closed at once: the client sees the server hang up, as when it is stopping
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            sockets.add(client);
            sockets.add(upstream);
            threads.execute(() -> pump(client, upstream));
            threads.execute(() -> pump(upstream, client));
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a side went away: so does the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do: it is closed either way
        }
    }

    /** Stops listening and drops every connection. */
    @Override
    public void close() {
        down = true;
        try {
            server.close();
        } catch (IOException e) {
            // closed either way
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        threads.shutdownNow();
    }
}
