package org.storeuptime.core.csv;

import java.io.Reader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.storeuptime.core.PollStatus;
import org.storeuptime.core.csv.internal.FlatJson;
import org.storeuptime.core.csv.internal.InputCsv;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import org.storeuptime.core.Closure;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.StorePoll;

/**
 * Reads what live ingestion receives: polls, one store's business hours and time zone, closures, as CSV with the
 * input file's header or as JSON (NDJSON for polls and closures), validated row by row exactly as the input files
 * are (same reasons, same fields). The format is told by the first character: <code>{</code> or <code>[</code>
 * starts JSON, anything else is a CSV header (hours may have blanks before their <code>[</code>). Line numbers
 * count the body's lines from 1 (a CSV header is line 1).
 *
 * <p>CSV goes through the file import's own row reader ({@code InputCsv}), so a bad row has the same reason and
 * field as in a file; an NDJSON line is checked for its fields, then read as that one row of the same CSV.
 */
public final class LiveInput {

    /** How far ahead of the clock a poll may be; a later one is rejected. */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);

    private static final List<String> POLL_FIELDS = List.of("store_id", "status", "timestamp_utc");
    private static final List<String> HOURS_FIELDS = List.of("store_id", "dayOfWeek", "start_time_local",
            "end_time_local");
    private static final List<String> CLOSURE_FIELDS = List.of("store_id", "start_local", "end_local", "reason");

    private LiveInput() {
    }

    /**
     * Reads polls from {@code in} (CSV {@code store_id,status,timestamp_utc} or NDJSON objects with those fields),
     * as a stream: each good row goes to {@code accepted} as soon as it is read, each bad one to {@code rejected}.
     * A poll more than {@link #MAX_AHEAD} after {@code clock}'s instant is rejected (field timestamp_utc).
     *
     * @param name what to call the input in rejected rows and messages (for example {@code "body"}, {@code "-"})
     * @throws InputFileException when the input as a whole cannot be read (empty, a wrong CSV header, not UTF-8)
     */
    public static ReadCounts readPolls(Reader in, String name, Clock clock, Consumer<StorePoll> accepted,
            Consumer<RejectedRow> rejected) {
        long latest = micros(clock.instant().plus(MAX_AHEAD));
        long[] ahead = {0};
        // a poll too far ahead is turned down after the row reader accepted it: counted here, named like the rest
        java.util.function.Function<Long, org.storeuptime.core.csv.internal.StatusRowHandler> handler = line ->
                (row, storeId, micros, active) -> {
                    if (micros > latest) {
                        ahead[0]++;
                        rejected.accept(new RejectedRow(name, line < 0 ? row : line, "timestamp_utc",
                                instant(micros).toString(), "more than " + MAX_AHEAD.toMinutes()
                                        + " minutes ahead of the server's clock (" + clock.instant() + ")"));
                        return;
                    }
                    accepted.accept(StorePoll.of(storeId, instant(micros),
                            active ? PollStatus.ACTIVE : PollStatus.INACTIVE));
                };
        PushbackReader source = new PushbackReader(in, 1);
        if (isJson(source, name)) {
            ReadCounts counts = ndjson(source, name, POLL_FIELDS, rejected, (line, values, rowRejected) ->
                    InputCsv.readStatus(csv(POLL_FIELDS, values), name, handler.apply(line), rowRejected, true));
            return new ReadCounts(name, counts.read(), counts.rejected() + ahead[0]);
        }
        ReadCounts counts = InputCsv.readStatus(source, name, handler.apply(-1L), rejected, true);
        return new ReadCounts(name, counts.read(), counts.rejected() + ahead[0]);
    }

    /**
     * Reads one store's business hours (CSV with the {@code menu_hours.csv} header, or a JSON array of objects with
     * {@code dayOfWeek}, {@code start_time_local}, {@code end_time_local}; {@code store_id} is optional in JSON and
     * must be {@code storeId} when present, in either format). An empty input or {@code []} is an empty list.
     *
     * @return the good rows' periods (duplicates removed), in input order
     * @throws InputFileException when the input as a whole cannot be read
     */
    public static List<OpeningPeriod> readHours(Reader in, String name, String storeId,
            Consumer<RejectedRow> rejected) {
        Set<OpeningPeriod> periods = new LinkedHashSet<>();
        org.storeuptime.core.csv.internal.HoursRowHandler handler = (line, id, period) -> {
            if (!id.equals(storeId)) {
                rejected.accept(new RejectedRow(name, line, "store_id", id, "another store than the route's ("
                        + storeId + ")"));
                return;
            }
            periods.add(period);
        };
        String text = readAll(in, name);
        if (text.isBlank()) {
            return List.of();
        }
        if (text.strip().startsWith("[")) {
            List<FlatJson.Item> items;
            try {
                items = FlatJson.array(text, 1);
            } catch (IllegalArgumentException e) {
                throw new InputFileException(name, name + ": " + e.getMessage());
            }
            for (FlatJson.Item item : items) {
                Map<String, String> fields = new java.util.LinkedHashMap<>(item.fields());
                fields.putIfAbsent("store_id", storeId);
                List<String> values = checked(name, item.line(), HOURS_FIELDS, fields, rejected);
                if (values != null) {
                    InputCsv.readHours(csv(HOURS_FIELDS, values), name, relined(handler, item.line()),
                            relined(rejected, item.line()), true);
                }
            }
        } else {
            InputCsv.readHours(new StringReader(text), name, handler, rejected, true);
        }
        return List.copyOf(periods);
    }

    /**
     * Reads one store's time zone: a JSON object {@code {"timezone_str": "Europe/Berlin"}} ({@code store_id}
     * optional, must be {@code storeId} when present).
     *
     * @throws InputFileException naming the field when it is missing, not a string or not a known zone id
     */
    public static ZoneId readTimeZone(Reader in, String name, String storeId) {
        Map<String, String> fields;
        try {
            fields = FlatJson.object(readAll(in, name), 1);
        } catch (IllegalArgumentException e) {
            throw new InputFileException(name, name + ": " + e.getMessage());
        }
        for (String field : fields.keySet()) {
            if (!field.equals("timezone_str") && !field.equals("store_id")) {
                throw new InputFileException(name, name + ": unknown field " + field
                        + " (expected timezone_str and optionally store_id)");
            }
        }
        String id = fields.get("store_id");
        if (id != null && !id.strip().equals(storeId)) {
            throw new InputFileException(name, name + ": store_id: " + id + " is another store than the route's ("
                    + storeId + ")");
        }
        String zone = fields.get("timezone_str");
        if (zone == null) {
            throw new InputFileException(name, name + ": timezone_str: missing (expected an IANA id like "
                    + "America/Chicago)");
        }
        try {
            return InputCsv.timeZone(zone.strip());
        } catch (IllegalArgumentException e) {
            throw new InputFileException(name, name + ": timezone_str: " + e.getMessage());
        }
    }

    /**
     * Reads closures (CSV with the {@code closures.csv} header, or NDJSON objects with {@code store_id},
     * {@code start_local}, {@code end_local}, optional {@code reason}), as a stream like {@link #readPolls}.
     *
     * @throws InputFileException when the input as a whole cannot be read
     */
    public static ReadCounts readClosures(Reader in, String name, Consumer<Closure> accepted,
            Consumer<RejectedRow> rejected) {
        PushbackReader source = new PushbackReader(in, 1);
        if (isJson(source, name)) {
            return ndjson(source, name, CLOSURE_FIELDS, rejected, (line, values, rowRejected) ->
                    InputCsv.readClosures(csv(CLOSURE_FIELDS, values), name, (row, closure) -> accepted.accept(closure),
                            rowRejected, true));
        }
        return InputCsv.readClosures(source, name, (row, closure) -> accepted.accept(closure), rejected, true);
    }

    /** Reads one NDJSON row, given as the values of its fields in order, with its line's rejected rows. */
    private interface NdjsonRow {
        void read(long line, List<String> values, Consumer<RejectedRow> rejected);
    }

    /** Whether the first character is <code>{</code> or <code>[</code>; it is put back to be read again. */
    private static boolean isJson(PushbackReader in, String name) {
        try {
            int c = in.read();
            if (c < 0) {
                return false; // empty: the CSV reader says so
            }
            in.unread(c);
            // a blank first line before JSON is rare; the CSV reader handles any other start
            return c == '{' || c == '[';
        } catch (IOException e) {
            throw unreadable(name, 1, e);
        }
    }

    private static ReadCounts ndjson(Reader in, String name, List<String> columns, Consumer<RejectedRow> rejected,
            NdjsonRow row) {
        BufferedReader lines = new BufferedReader(in);
        long line = 0;
        long read = 0;
        long[] rejects = {0};
        Consumer<RejectedRow> counting = r -> {
            rejects[0]++;
            rejected.accept(r);
        };
        try {
            for (String text; (text = lines.readLine()) != null; ) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                read++;
                Map<String, String> fields;
                try {
                    fields = FlatJson.object(text, line);
                } catch (IllegalArgumentException e) {
                    counting.accept(new RejectedRow(name, line, null, e.getMessage()));
                    continue;
                }
                List<String> values = checked(name, line, columns, fields, counting);
                if (values != null) {
                    row.read(line, values, relined(counting, line));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(name, line + 1, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        }
        return new ReadCounts(name, read, rejects[0]);
    }

    /** The values of {@code columns} in {@code fields}; null after naming a missing or unknown field. */
    private static List<String> checked(String name, long line, List<String> columns, Map<String, String> fields,
            Consumer<RejectedRow> rejected) {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!columns.contains(field.getKey())) {
                rejected.accept(new RejectedRow(name, line, field.getKey(), field.getValue(),
                        "unknown field (expected " + String.join(", ", columns) + ")"));
                return null;
            }
        }
        List<String> values = new ArrayList<>(columns.size());
        for (String column : columns) {
            String value = fields.get(column);
            if (value == null && !column.equals("reason")) {
                rejected.accept(new RejectedRow(name, line, column, null, "missing"));
                return null;
            }
            values.add(value == null ? "" : value);
        }
        return values;
    }

    /** One data row under its header, quoted as CSV, for the file import's row reader. */
    private static Reader csv(List<String> columns, List<String> values) {
        StringBuilder text = new StringBuilder(String.join(",", columns)).append('\n');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append('"').append(values.get(i).replace("\"", "\"\"")).append('"');
        }
        return new StringReader(text.append('\n').toString());
    }

    /** {@code rejected} with the one-row CSV's line (2) replaced by the body's. */
    private static Consumer<RejectedRow> relined(Consumer<RejectedRow> rejected, long line) {
        return r -> rejected.accept(new RejectedRow(r.file(), line, r.field(), r.value(), r.reason()));
    }

    private static org.storeuptime.core.csv.internal.HoursRowHandler relined(
            org.storeuptime.core.csv.internal.HoursRowHandler handler, long line) {
        return (row, id, period) -> handler.accept(line, id, period);
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static String readAll(Reader in, String name) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw unreadable(name, 1, e);
        }
        return text.toString();
    }

    private static InputFileException unreadable(String name, long line, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new InputFileException(name, name + ":" + line + ": not UTF-8 text", e);
        }
        return new InputFileException(name, name + ": cannot be read: " + e.getMessage(), e);
    }
}
