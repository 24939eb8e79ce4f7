package org.storeuptime.core.csv.internal;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.Closure;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.Store;
import org.storeuptime.core.csv.InputFileException;
import org.storeuptime.core.csv.ReadCounts;
import org.storeuptime.core.csv.RejectedRow;

/**
 * Streaming readers of the input files (the three of both published editions, and the optional planned
 * closures).
 *
 * <p>Each reader checks the header (columns may come in any order; extra columns are ignored), then passes
 * every valid row to a handler and every invalid one, with its line number, field and reason, to a
 * rejection consumer, and returns the counts. A file that cannot be read as a whole (missing, not UTF-8, a
 * missing or wrong header, broken quoting) throws {@link InputFileException}. Files are UTF-8, with or
 * without a byte order mark, plain or gzip-compressed (recognised by content, whatever the name); blank lines
 * are skipped.
 *
 * <p>Internal: the one row reader behind {@link org.storeuptime.core.csv.InputLoader}, uptime-jdbc's importer
 * and uptime-spark's file reader, so that all three accept and reject exactly the same rows. The package is
 * exported to those modules only; users read files through {@code InputLoader} (or the importer).
 */
public final class InputCsv {

    private static final Columns STATUS = new Columns(List.of(
            List.of("store_id"), List.of("status"), List.of("timestamp_utc")));
    private static final Columns HOURS = new Columns(List.of(
            List.of("store_id"), List.of("dayOfWeek", "day"), List.of("start_time_local"), List.of("end_time_local")));
    private static final Columns TIMEZONES = new Columns(List.of(
            List.of("store_id"), List.of("timezone_str")));
    private static final Columns CLOSURES = new Columns(List.of(
            List.of("store_id"), List.of("start_local"), List.of("end_local"), List.of("reason")));

    /** What a closure's bounds accept, for messages. */
    static final String EXPECTED_LOCAL_BOUND = "expected a local date YYYY-MM-DD (its 00:00) or date-time "
            + "YYYY-MM-DD HH:MM[:SS] (a space or T between)";

    private static final java.util.regex.Pattern LOCAL_BOUND = java.util.regex.Pattern.compile(
            "([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false) // so that line numbers stay exact; blank lines are skipped here
            .get();

    private static final int MAX_QUOTED_VALUE = 60;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private InputCsv() {
    }

    /**
     * Reads a status file ({@code store_id,status,timestamp_utc}).
     *
     * @throws InputFileException when the file as a whole cannot be read
     */
    public static ReadCounts readStatus(Path file, StatusRowHandler handler, Consumer<RejectedRow> rejected) {
        try (Reader in = open(file)) {
            return readStatus(in, name(file), handler, rejected);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Reads status rows from {@code in}, naming it {@code fileName} in messages; does not close it. */
    public static ReadCounts readStatus(Reader in, String fileName, StatusRowHandler handler,
            Consumer<RejectedRow> rejected) {
        return readStatus(in, fileName, handler, rejected, false);
    }

    /** Like {@link #readStatus(Reader, String, StatusRowHandler, Consumer)}; {@code withValues}: rejected rows carry the value at fault. */
    public static ReadCounts readStatus(Reader in, String fileName, StatusRowHandler handler,
            Consumer<RejectedRow> rejected, boolean withValues) {
        Objects.requireNonNull(handler, "handler");
        return read(in, fileName, STATUS, rejected, (line, values, fields) -> {
            String storeId = values[0].strip();
            String badId = InputLimits.storeIdProblem(storeId);
            if (badId != null) {
                return new RejectedRow(fileName, line, fields[0], badId);
            }
            String status = values[1];
            boolean active;
            if (status.equals("active")) {
                active = true;
            } else if (status.equals("inactive")) {
                active = false;
            } else {
                String normalized = status.strip().toLowerCase(Locale.ROOT);
                if (!normalized.equals("active") && !normalized.equals("inactive")) {
                    return new RejectedRow(fileName, line, fields[1],
                            "unknown status " + quote(status) + " (expected active or inactive)");
                }
                active = normalized.equals("active");
            }
            long micros = CsvTimestamps.parseMicros(values[2]);
            if (micros == CsvTimestamps.INVALID) {
                return new RejectedRow(fileName, line, fields[2],
                        "cannot parse " + quote(values[2]) + " (" + CsvTimestamps.EXPECTED_TIMESTAMP + ")");
            }
            if (!InputLimits.inRange(micros)) {
                return new RejectedRow(fileName, line, fields[2],
                        quote(values[2]) + " is outside the years 1 to 9999 (UTC)");
            }
            handler.accept(line, storeId, micros, active);
            return null;
        }, withValues);
    }

    /**
     * Reads a business hours file ({@code store_id,dayOfWeek,start_time_local,end_time_local}, or {@code day}
     * for {@code dayOfWeek}). Day 0 is Monday, 6 Sunday. An end of {@code 24:00} means the end of the day.
     *
     * @throws InputFileException when the file as a whole cannot be read
     */
    public static ReadCounts readHours(Path file, HoursRowHandler handler, Consumer<RejectedRow> rejected) {
        try (Reader in = open(file)) {
            return readHours(in, name(file), handler, rejected);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Reads business hours rows from {@code in}, naming it {@code fileName} in messages; does not close it. */
    public static ReadCounts readHours(Reader in, String fileName, HoursRowHandler handler,
            Consumer<RejectedRow> rejected) {
        return readHours(in, fileName, handler, rejected, false);
    }

    /** Like {@link #readHours(Reader, String, HoursRowHandler, Consumer)}; {@code withValues}: rejected rows carry the value at fault. */
    public static ReadCounts readHours(Reader in, String fileName, HoursRowHandler handler,
            Consumer<RejectedRow> rejected, boolean withValues) {
        Objects.requireNonNull(handler, "handler");
        return read(in, fileName, HOURS, rejected, (line, values, fields) -> {
            String storeId = values[0].strip();
            String badId = InputLimits.storeIdProblem(storeId);
            if (badId != null) {
                return new RejectedRow(fileName, line, fields[0], badId);
            }
            int day;
            try {
                day = Integer.parseInt(values[1].strip());
            } catch (NumberFormatException e) {
                return new RejectedRow(fileName, line, fields[1],
                        "cannot parse " + quote(values[1]) + " (expected a day of week 0 = Monday to 6 = Sunday)");
            }
            if (day < 0 || day > 6) {
                return new RejectedRow(fileName, line, fields[1],
                        "day " + day + " is outside 0 (Monday) to 6 (Sunday)");
            }
            LocalTime start = CsvTimestamps.parseTime(values[2], false);
            if (start == null) {
                return new RejectedRow(fileName, line, fields[2],
                        "cannot parse " + quote(values[2]) + " (" + CsvTimestamps.EXPECTED_TIME + ")");
            }
            LocalTime end = CsvTimestamps.parseTime(values[3], true);
            if (end == null) {
                return new RejectedRow(fileName, line, fields[3],
                        "cannot parse " + quote(values[3]) + " (" + CsvTimestamps.EXPECTED_TIME + ", or 24:00)");
            }
            handler.accept(line, storeId, OpeningPeriod.of(day, start, end));
            return null;
        }, withValues);
    }

    /**
     * Reads a time zones file ({@code store_id,timezone_str}) of IANA zone ids such as {@code America/Chicago}.
     *
     * @throws InputFileException when the file as a whole cannot be read
     */
    public static ReadCounts readTimeZones(Path file, TimeZoneRowHandler handler, Consumer<RejectedRow> rejected) {
        try (Reader in = open(file)) {
            return readTimeZones(in, name(file), handler, rejected);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Reads time zone rows from {@code in}, naming it {@code fileName} in messages; does not close it. */
    public static ReadCounts readTimeZones(Reader in, String fileName, TimeZoneRowHandler handler,
            Consumer<RejectedRow> rejected) {
        Objects.requireNonNull(handler, "handler");
        Map<String, ZoneId> zones = new HashMap<>();
        return read(in, fileName, TIMEZONES, rejected, (line, values, fields) -> {
            String storeId = values[0].strip();
            String badId = InputLimits.storeIdProblem(storeId);
            if (badId != null) {
                return new RejectedRow(fileName, line, fields[0], badId);
            }
            String id = values[1].strip();
            ZoneId zone = zones.get(id);
            if (zone == null) {
                // Only IANA region ids, exactly as the database reader accepts them.
                zone = Store.ianaZone(id).orElse(null);
                if (zone == null) {
                    return new RejectedRow(fileName, line, fields[1],
                            "unknown time zone id " + quote(values[1]) + " (" + Store.ZONE_EXPECTATION + ")");
                }
                zones.put(id, zone);
            }
            handler.accept(line, storeId, zone);
            return null;
        });
    }

    /**
     * Reads a planned closures file ({@code store_id,start_local,end_local,reason}): bounds in the store's local
     * wall clock as {@code YYYY-MM-DD} (that day's 00:00) or {@code YYYY-MM-DD HH:MM[:SS]} (a space or {@code T}
     * between), {@code store_id} {@code *} for every store, {@code reason} free text (may be empty). A row whose end
     * is not after its start is rejected.
     *
     * @throws InputFileException when the file as a whole cannot be read
     */
    public static ReadCounts readClosures(Path file, ClosureRowHandler handler, Consumer<RejectedRow> rejected) {
        try (Reader in = open(file)) {
            return readClosures(in, name(file), handler, rejected);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Reads planned closure rows from {@code in}, naming it {@code fileName} in messages; does not close it. */
    public static ReadCounts readClosures(Reader in, String fileName, ClosureRowHandler handler,
            Consumer<RejectedRow> rejected) {
        return readClosures(in, fileName, handler, rejected, false);
    }

    /** Like {@link #readClosures(Reader, String, ClosureRowHandler, Consumer)}; {@code withValues}: rejected rows carry the value at fault. */
    public static ReadCounts readClosures(Reader in, String fileName, ClosureRowHandler handler,
            Consumer<RejectedRow> rejected, boolean withValues) {
        Objects.requireNonNull(handler, "handler");
        return read(in, fileName, CLOSURES, rejected, (line, values, fields) -> {
            String storeId = values[0].strip();
            String badId = InputLimits.storeIdProblem(storeId);
            if (badId != null) {
                return new RejectedRow(fileName, line, fields[0], badId);
            }
            LocalDateTime start = localBound(values[1]);
            if (start == null) {
                return new RejectedRow(fileName, line, fields[1],
                        "cannot parse " + quote(values[1]) + " (" + EXPECTED_LOCAL_BOUND + ")");
            }
            LocalDateTime end = localBound(values[2]);
            if (end == null) {
                return new RejectedRow(fileName, line, fields[2],
                        "cannot parse " + quote(values[2]) + " (" + EXPECTED_LOCAL_BOUND + ")");
            }
            if (!end.isAfter(start)) {
                return new RejectedRow(fileName, line, fields[2], "end " + quote(values[2])
                        + " is not after start " + quote(values[1]) + " (expected a closure of some length)");
            }
            handler.accept(line, Closure.of(storeId, start, end, values[3].strip()));
            return null;
        }, withValues);
    }

    /**
     * A closure bound as {@link #readClosures} reads it, for readers of other formats; {@code null} when it cannot
     * be parsed (see {@link #EXPECTED_LOCAL_BOUND}).
     */
    static @Nullable LocalDateTime localBound(String raw) {
        java.util.regex.Matcher m = LOCAL_BOUND.matcher(raw.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            if (date.getYear() < 1) {
                return null;
            }
            if (m.group(4) == null) {
                return date.atStartOfDay();
            }
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            return date.atTime(LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), second));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * The values of one closure row checked exactly as {@link #readClosures} checks them, for readers of other
     * formats (a JSON body, a database row) that must accept and reject the same closures.
     *
     * @throws IllegalArgumentException naming the field at fault and what was expected
     */
    public static Closure closure(String storeId, String startLocal, String endLocal, String reason) {
        String id = Objects.requireNonNull(storeId, "storeId").strip();
        String badId = InputLimits.storeIdProblem(id);
        if (badId != null) {
            throw new IllegalArgumentException("store_id: " + badId);
        }
        LocalDateTime start = localBound(Objects.requireNonNull(startLocal, "startLocal"));
        if (start == null) {
            throw new IllegalArgumentException("start_local: cannot parse " + quote(startLocal) + " ("
                    + EXPECTED_LOCAL_BOUND + ")");
        }
        LocalDateTime end = localBound(Objects.requireNonNull(endLocal, "endLocal"));
        if (end == null) {
            throw new IllegalArgumentException("end_local: cannot parse " + quote(endLocal) + " ("
                    + EXPECTED_LOCAL_BOUND + ")");
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end_local: " + quote(endLocal) + " is not after start_local "
                    + quote(startLocal));
        }
        return Closure.of(id, start, end, Objects.requireNonNull(reason, "reason").strip());
    }

    /**
     * The values of one business-hours row checked exactly as {@link #readHours} checks them, for readers of
     * other formats (Parquet, a warehouse table) that must accept and reject the same rows.
     *
     * @param dayOfWeek 0 = Monday to 6 = Sunday
     * @param start the local opening time ({@code HH:mm:ss}, {@code HH:mm} or with fractional seconds)
     * @param end the local closing time, the same formats or {@code 24:00}
     * @throws IllegalArgumentException naming the value at fault and what was expected
     */
    public static OpeningPeriod openingPeriod(int dayOfWeek, @Nullable String start, @Nullable String end) {
        if (dayOfWeek < 0 || dayOfWeek > 6) {
            throw new IllegalArgumentException("day " + dayOfWeek + " is outside 0 (Monday) to 6 (Sunday)");
        }
        LocalTime from = start == null ? null : CsvTimestamps.parseTime(start, false);
        if (from == null) {
            throw new IllegalArgumentException("start_time_local: cannot parse " + quote(String.valueOf(start))
                    + " (" + CsvTimestamps.EXPECTED_TIME + ")");
        }
        LocalTime to = end == null ? null : CsvTimestamps.parseTime(end, true);
        if (to == null) {
            throw new IllegalArgumentException("end_time_local: cannot parse " + quote(String.valueOf(end))
                    + " (" + CsvTimestamps.EXPECTED_TIME + ", or 24:00)");
        }
        return OpeningPeriod.of(dayOfWeek, from, to);
    }

    /**
     * A time zone id checked exactly as {@link #readTimeZones} checks it: only IANA region ids such as
     * {@code America/Chicago}, surrounding blanks removed.
     *
     * @throws IllegalArgumentException naming the id when it is not one
     */
    public static ZoneId timeZone(@Nullable String id) {
        return Store.ianaZone(id == null ? "" : id).orElseThrow(() -> new IllegalArgumentException(
                "unknown time zone id " + quote(String.valueOf(id)) + " (expected an IANA id like America/Chicago)"));
    }

    /** The name a file goes by in messages: its file name. */
    public static String name(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /**
     * Opens {@code file} as strictly decoded UTF-8; a gzip file (recognised by its first two bytes, whatever
     * its name) is decompressed on the fly, so {@code store_status.csv.gz} reads like the CSV inside it.
     */
    private static Reader open(Path file) {
        InputStream raw = null;
        try {
            raw = Files.newInputStream(file);
            return decode(raw);
        } catch (IOException e) {
            if (raw != null) {
                try {
                    raw.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw unreadable(file, e);
        }
    }

    /**
     * A file's bytes as the {@code read*} methods expect them: gzip-compressed or not (recognised by the first two
     * bytes), strictly decoded UTF-8 whose errors name their line. For readers of files that are not on the local
     * file system (such as the Spark module's, on Hadoop file systems); closing the reader closes {@code raw}.
     */
    public static Reader decode(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
        in.reset();
        return new StrictUtf8Reader(gzip ? new GZIPInputStream(in, 1 << 16) : in);
    }

    private static InputFileException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InputFileException(name(file), name(file) + ": no such file: " + file.toAbsolutePath(), e);
        }
        return new InputFileException(name(file), name(file) + ": cannot read " + file.toAbsolutePath() + ": "
                + reason(e), e);
    }

    /** The operating system's words for a failed read, not the exception's class name. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Checks one row's values (in {@link Columns} order); returns why it is rejected, or null when it was passed on. */
    @FunctionalInterface
    private interface RowReader {
        @Nullable RejectedRow read(long line, String[] values, String[] fields);
    }

    private static ReadCounts read(Reader source, String file, Columns columns, Consumer<RejectedRow> rejected,
            RowReader rows) {
        return read(source, file, columns, rejected, rows, false);
    }

    /**
     * Live ingestion's rows name the value at fault too ({@link RejectedRow#value}); the files' rows keep theirs
     * without, as they always were.
     */
    private static ReadCounts read(Reader source, String file, Columns columns, Consumer<RejectedRow> rejected,
            RowReader rows, boolean withValues) {
        Objects.requireNonNull(source, "in");
        Objects.requireNonNull(file, "fileName");
        Objects.requireNonNull(rejected, "rejected");
        long line = 1;
        try {
            Reader in = skipByteOrderMark(source);
            CSVParser parser = CSVParser.parse(in, FORMAT);
            Iterator<CSVRecord> records = parser.iterator();
            Header header = null;
            while (header == null) {
                line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    throw new InputFileException(file, file + ": the file is empty; expected a header with the columns "
                            + columns.describe());
                }
                CSVRecord first = records.next();
                if (!isBlank(first)) {
                    header = columns.match(file, line, first);
                }
            }
            int[] index = header.index();
            String[] fields = header.fields();
            String[] values = new String[index.length];
            long read = 0;
            long rejects = 0;
            while (true) {
                line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                if (isBlank(record)) {
                    continue;
                }
                read++;
                RejectedRow rejection;
                if (record.size() != header.size()) {
                    rejection = new RejectedRow(file, line, null, "expected " + header.size() + " columns ("
                            + String.join(",", header.names()) + ") but found " + record.size());
                } else {
                    rejection = null;
                    for (int k = 0; k < index.length && rejection == null; k++) {
                        values[k] = record.get(index[k]);
                        String tooLong = InputLimits.fieldTooLong(values[k]);
                        if (tooLong != null) {
                            rejection = new RejectedRow(file, line, fields[k], tooLong);
                        }
                    }
                    if (rejection == null) {
                        rejection = rows.read(line, values, fields);
                    }
                }
                if (rejection != null) {
                    if (withValues && rejection.field() != null && rejection.value() == null) {
                        for (int k = 0; k < fields.length; k++) {
                            if (fields[k].equals(rejection.field()) && values[k] != null) {
                                rejection = new RejectedRow(file, line, rejection.field(), values[k],
                                        rejection.reason());
                                break;
                            }
                        }
                    }
                    rejects++;
                    rejected.accept(rejection);
                }
            }
            return new ReadCounts(file, read, rejects);
        } catch (UncheckedIOException | IOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof StrictUtf8Reader.BadUtf8Exception bad) {
                throw new InputFileException(file, file + ":" + bad.line() + ": not UTF-8 text (invalid bytes "
                        + bad.bytes() + ")", cause);
            }
            if (cause instanceof CharacterCodingException) {
                throw new InputFileException(file, file + ":" + line + ": not UTF-8 text", cause);
            }
            throw new InputFileException(file, file + ":" + line + ": cannot read the CSV: " + cause.getMessage(), cause);
        }
    }

    private static boolean isBlank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    private static Reader skipByteOrderMark(Reader in) throws IOException {
        Reader reader = in.markSupported() ? in : new BufferedReader(in, 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    /** A value as quoted in a message, shortened when long. */
    static String quote(String value) {
        String shown = value.length() > MAX_QUOTED_VALUE ? value.substring(0, MAX_QUOTED_VALUE) + "..." : value;
        return "'" + shown + "'";
    }

    /** The expected columns of a file; each may go by several names (the first is the preferred one). */
    private record Columns(List<List<String>> names) {

        String describe() {
            List<String> parts = new ArrayList<>();
            for (List<String> aliases : names) {
                parts.add(aliases.size() == 1 ? aliases.get(0)
                        : aliases.get(0) + " (or " + String.join(" or ", aliases.subList(1, aliases.size())) + ")");
            }
            return String.join(",", parts);
        }

        Header match(String file, long line, CSVRecord record) {
            List<String> found = new ArrayList<>(record.size());
            for (String value : record) {
                found.add(value.strip());
            }
            int[] index = new int[names.size()];
            String[] fields = new String[names.size()];
            List<String> missing = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                index[k] = -1;
                for (int i = 0; i < found.size() && index[k] < 0; i++) {
                    for (String alias : names.get(k)) {
                        if (found.get(i).equalsIgnoreCase(alias)) {
                            if (found.subList(i + 1, found.size()).stream().anyMatch(alias::equalsIgnoreCase)) {
                                throw new InputFileException(file, file + ":" + line + ": the header names column "
                                        + alias + " twice; expected the columns " + describe());
                            }
                            index[k] = i;
                            fields[k] = found.get(i);
                        }
                    }
                }
                if (index[k] < 0) {
                    missing.add(names.get(k).get(0));
                }
            }
            if (!missing.isEmpty()) {
                throw new InputFileException(file, file + ":" + line + ": wrong header " + quote(String.join(",", found))
                        + ": expected the columns " + describe() + " (missing " + String.join(", ", missing) + ")");
            }
            return new Header(found, index, fields);
        }
    }

    /** The header as found: all its names, and where each expected column is. */
    private record Header(List<String> names, int[] index, String[] fields) {
        int size() {
            return names.size();
        }
    }
}
