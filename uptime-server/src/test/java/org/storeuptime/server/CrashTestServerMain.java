package org.storeuptime.server;

import java.time.Duration;
import java.time.Instant;
import org.postgresql.ds.PGSimpleDataSource;
import org.storeuptime.core.ReportSource;
import org.storeuptime.jdbc.UptimeDatabase;
import org.storeuptime.server.reports.ReportService;

/**
 * A server process for the crash-recovery test: database mode with a short heartbeat, and a source that sleeps
 * after each store so a report runs long enough to be killed midway. Prints {@code LISTENING <port>} when ready.
 *
 * <p>Arguments: JDBC URL (with credentials), schema, milliseconds to sleep per store, and optionally an ingest
 * token, which turns live ingestion on into that schema (for the ingestion crash test).
 */
public final class CrashTestServerMain {

    private CrashTestServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        UptimeDatabase database = UptimeDatabase.builder(dataSource).schema(args[1]).build();
        long sleepPerStore = Long.parseLong(args[2]);
        ReportService service = ReportService.builder()
                .database(database)
                .source(new SlowSource(database.reportSource(), sleepPerStore))
                .heartbeatInterval(Duration.ofMillis(500))
                .missedHeartbeats(4)
                .pollingInterval(Duration.ofMillis(300))
                .progressInterval(Duration.ZERO)
                .build();
        UptimeServer.Builder builder = UptimeServer.builder(service).port(0);
        if (args.length > 3) {
            builder.ingestToken(args[3]).ingestInto(LiveIngestion.into(database));
        }
        UptimeServer server = builder.build().start();
        System.out.println("LISTENING " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static final class SlowSource extends DelegatingSource {
        private final long sleepPerStore;

        SlowSource(ReportSource delegate, long sleepPerStore) {
            super(delegate);
            this.sleepPerStore = sleepPerStore;
        }

        @Override
        public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
            delegate.forEachStore(from, to, (store, polls) -> {
                consumer.accept(store, polls);
                try {
                    Thread.sleep(sleepPerStore);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            });
        }
    }
}
