package org.storeuptime.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.csv.LiveInput;
import org.storeuptime.core.csv.RejectedRow;
import org.storeuptime.jdbc.UptimeDatabase;
import org.storeuptime.jdbc.WriteResult;
import org.storeuptime.server.reports.StoreUptimeMetrics;

/**
 * The live-ingestion routes (API.md "Live ingestion"): {@code POST /polls}, {@code PUT /stores/{id}/hours},
 * {@code PUT /stores/{id}/timezone}, {@code POST /closures} and {@code DELETE /closures}, behind the ingest token.
 *
 * <p>A body is read as a stream through the same reader and validator as the import ({@link LiveInput}), up to
 * {@value #MAX_BODY_BYTES} bytes, and written in one transaction; the answer comes after the commit, so a 200 means
 * durable. At most {@code maxBatches} bodies are handled at once; beyond it the answer is 429 at once (never a
 * queue), so memory stays bounded by {@code maxBatches} bodies.
 */
final class IngestRoutes {

    /** The largest body: 16 MiB. */
    static final long MAX_BODY_BYTES = 16L << 20;
    /** Rejected rows listed in an answer; the rest are counted. */
    static final int LISTED_REJECTED = 100;
    private static final String BODY = "body";
    private static final Set<String> CSV_OR_NDJSON = Set.of("text/csv", "application/x-ndjson");
    private static final Set<String> CSV_OR_JSON = Set.of("text/csv", "application/json");

    private final MountedRoutes routes;
    private final @Nullable UptimeDatabase database;
    private final Clock clock;
    private final Semaphore inFlight;
    private final @Nullable Counter stored;
    private final @Nullable Counter duplicate;
    private final @Nullable Counter rejected;
    private final @Nullable Timer batches;

    private IngestRoutes(MountedRoutes routes, @Nullable UptimeDatabase database, Clock clock, int maxBatches,
            @Nullable MeterRegistry registry) {
        this.routes = routes;
        this.database = database;
        this.clock = clock;
        this.inFlight = new Semaphore(maxBatches);
        this.stored = registry == null ? null : counter(registry, "stored");
        this.duplicate = registry == null ? null : counter(registry, "duplicate");
        this.rejected = registry == null ? null : counter(registry, "rejected");
        this.batches = registry == null ? null : Timer.builder(StoreUptimeMetrics.INGEST_BATCH)
                .description("one live-ingestion batch, from its first byte to its commit")
                .publishPercentileHistogram().register(registry);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(StoreUptimeMetrics.INGEST_POLLS).tag("outcome", outcome)
                .description("polls received by live ingestion").register(registry);
    }

    /**
     * Adds the routes; without {@code database} every one answers 409 saying why.
     *
     * @param maxBatches bodies handled at once, beyond which the answer is 429
     */
    static void addTo(MountedRoutes routes, JavalinConfig config, @Nullable LiveIngestion target, Clock clock,
            int maxBatches, @Nullable MeterRegistry registry) {
        IngestRoutes ingest = new IngestRoutes(routes, target == null ? null : target.database(), clock, maxBatches,
                registry);
        routes.ingestRoute(config, "/polls", Map.of(HandlerType.POST, ingest::polls));
        routes.ingestRoute(config, "/stores/{id}/hours", Map.of(HandlerType.PUT, ingest::hours));
        routes.ingestRoute(config, "/stores/{id}/timezone", Map.of(HandlerType.PUT, ingest::timeZone));
        routes.ingestRoute(config, "/closures", Map.of(HandlerType.POST, ingest::addClosures,
                HandlerType.DELETE, ingest::removeClosure));
    }

    private void polls(Context ctx) throws IOException {
        UptimeDatabase db = database(ctx);
        contentType(ctx, CSV_OR_NDJSON, "text/csv (the store_status.csv header) or application/x-ndjson");
        admitted(ctx, () -> {
            long start = System.nanoTime();
            Stored stored = storeRows(ctx, (body, rows, rejections) ->
                    LiveInput.readPolls(body, BODY, clock, rows, rejections), db.polls()::write);
            if (batches != null) {
                this.stored.increment(stored.result().stored());
                duplicate.increment(stored.result().duplicates());
                rejected.increment(stored.rejected());
                batches.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        });
    }

    private void hours(Context ctx) throws IOException {
        UptimeDatabase db = database(ctx);
        String storeId = storeId(ctx);
        contentType(ctx, CSV_OR_JSON, "text/csv (the menu_hours.csv header) or application/json");
        admitted(ctx, () -> {
            Rejections rejections = new Rejections();
            List<OpeningPeriod> periods;
            try (Reader body = body(ctx)) {
                periods = LiveInput.readHours(body, BODY, storeId, rejections);
            }
            if (rejections.count > 0) {
                // hours replace all of a store's hours: a partial set would be wrong, so nothing is replaced
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("error", rejections.count + " row" + (rejections.count == 1 ? "" : "s")
                        + " rejected; the store's hours were not replaced");
                answer.put("rejected", rejections.listed);
                answer.put("rejected_count", rejections.count);
                routes.json(ctx, 400, answer);
                return;
            }
            db.stores().replaceHours(storeId, periods);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("store_id", storeId);
            answer.put("periods", periods.size());
            routes.json(ctx, 200, answer);
        });
    }

    private void timeZone(Context ctx) throws IOException {
        UptimeDatabase db = database(ctx);
        String storeId = storeId(ctx);
        contentType(ctx, Set.of("application/json"), "application/json");
        admitted(ctx, () -> {
            ZoneId zone;
            try (Reader body = body(ctx)) {
                zone = LiveInput.readTimeZone(body, BODY, storeId);
            }
            db.stores().replaceTimeZone(storeId, zone);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("store_id", storeId);
            answer.put("timezone_str", zone.getId());
            routes.json(ctx, 200, answer);
        });
    }

    private void addClosures(Context ctx) throws IOException {
        UptimeDatabase db = database(ctx);
        contentType(ctx, CSV_OR_NDJSON, "text/csv (the closures.csv header) or application/x-ndjson");
        admitted(ctx, () -> storeRows(ctx, (body, rows, rejections) ->
                LiveInput.readClosures(body, BODY, rows, rejections), db.closures()::add));
    }

    /** How a route reads its rows from the body: good ones to {@code rows}, bad ones to {@code rejections}. */
    private interface RowReader<T> {
        void read(Reader body, Consumer<T> rows, Consumer<RejectedRow> rejections) throws IOException;
    }

    /** What one batch stored, and how many of its rows were rejected. */
    private record Stored(WriteResult result, long rejected) {
    }

    /**
     * Reads a batch from the body, stores its good rows in one write (one transaction) and answers what was stored,
     * what was already there and which rows were rejected.
     */
    private <T> Stored storeRows(Context ctx, RowReader<T> reader, Function<List<T>, WriteResult> write)
            throws IOException {
        List<T> rows = new ArrayList<>();
        Rejections rejections = new Rejections();
        try (Reader body = body(ctx)) {
            reader.read(body, rows::add, rejections);
        }
        WriteResult result = rows.isEmpty() ? new WriteResult(0, 0) : write.apply(rows);
        routes.json(ctx, 200, written(result, rejections));
        return new Stored(result, rejections.count);
    }

    private void removeClosure(Context ctx) {
        UptimeDatabase db = database(ctx);
        String storeId = required(ctx, "store_id");
        LocalDateTime start = localBound(ctx, "start_local");
        LocalDateTime end = localBound(ctx, "end_local");
        if (!db.closures().remove(storeId, start, end)) {
            throw new ApiException(404, "no closure of store " + storeId + " from " + start + " to " + end);
        }
        ctx.status(204);
    }

    private UptimeDatabase database(Context ctx) {
        if (database == null) {
            throw new ApiException(409, "ingestion needs a database: this server reads files (start it with "
                    + "--jdbc-url to ingest)");
        }
        return database;
    }

    private static String storeId(Context ctx) {
        String id = ctx.pathParam("id").strip();
        if (id.isEmpty()) {
            throw ApiException.badRequest("the store id in the path is empty");
        }
        return id;
    }

    private static void contentType(Context ctx, Set<String> accepted, String expected) {
        String type = ctx.contentType();
        String bare = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!accepted.contains(bare)) {
            throw new ApiException(415, "Content-Type " + (type == null ? "missing" : "'" + type + "'")
                    + ": expected " + expected);
        }
    }

    /** Work that needs a body and the database, within the bound of bodies in flight. */
    private interface Work {
        void run() throws IOException;
    }

    private void admitted(Context ctx, Work work) throws IOException {
        if (ctx.contentLength() > MAX_BODY_BYTES) {
            throw new ApiException(413, "request body is larger than " + MAX_BODY_BYTES + " bytes (16 MiB)");
        }
        if (!inFlight.tryAcquire()) {
            // never a queue: a client told to come back keeps its batch, the server keeps its memory
            ctx.header("Retry-After", "1");
            throw new ApiException(429, "too many batches in flight; send this one again after Retry-After");
        }
        try {
            work.run();
        } catch (IOException | RuntimeException e) {
            // the limit shows up as itself, or wrapped by the reader that met it (an InputFileException, say)
            if (hasCause(e, BodyTooLarge.class)) {
                throw new ApiException(413, "request body is larger than " + MAX_BODY_BYTES + " bytes (16 MiB)");
            }
            throw e;
        } finally {
            inFlight.release();
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The body as strict UTF-8 text, read as it arrives, cut at {@link #MAX_BODY_BYTES}. */
    private static Reader body(Context ctx) throws IOException {
        InputStream in = new LimitedInputStream(ctx.req().getInputStream(), MAX_BODY_BYTES);
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static Map<String, Object> written(WriteResult result, Rejections rejections) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("stored", result.stored());
        answer.put("duplicates", result.duplicates());
        answer.put("rejected", rejections.listed);
        answer.put("rejected_count", rejections.count);
        return answer;
    }

    private static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("missing query parameter " + name);
        }
        return value.strip();
    }

    /** A closure bound as closures.csv writes it: {@code YYYY-MM-DD} or {@code YYYY-MM-DD HH:MM[:SS]} (or T). */
    static LocalDateTime localBound(Context ctx, String name) {
        String value = required(ctx, name);
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay();
            }
            return LocalDateTime.parse(value.replace(' ', 'T'));
        } catch (DateTimeException e) {
            throw ApiException.badRequest(name + " '" + value
                    + "': expected YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS] in the store's local time");
        }
    }

    /** The rejected rows of one body: all counted, the first {@value #LISTED_REJECTED} listed. */
    private static final class Rejections implements Consumer<RejectedRow> {
        final List<Map<String, Object>> listed = new ArrayList<>();
        long count;

        @Override
        public void accept(RejectedRow row) {
            if (count++ < LISTED_REJECTED) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("line", row.line());
                entry.put("field", row.field());
                entry.put("value", row.value());
                entry.put("reason", row.reason());
                listed.add(entry);
            }
        }
    }

    /** Past the body limit. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
    }

    /** A stream that fails with {@link BodyTooLarge} past {@code limit} bytes. */
    private static final class LimitedInputStream extends FilterInputStream {
        private long left;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new BodyTooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw new BodyTooLarge();
            }
            return n;
        }
    }
}
