package org.storeuptime.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.storeuptime.core.csv.InputFiles;

/**
 * Bench tool: writes a large data set's three CSV files as the Parquet set {@code spark-report --parquet} reads, on
 * every core. {@code spark-report --write-input-parquet} reads the status file in one task (a CSV file is never
 * split, to keep line numbers) and keeps every parsed row until the end; on 100 million polls that is one core
 * for four and a half minutes (264 s of CPU), and on a loaded machine far longer. Here the status file is first
 * split by store id into {@code pieces} files (one sequential pass at disk speed), then each piece is parsed by
 * the core's reader ({@link CsvFileReader}, as {@code spark-report --data} does) in its own task and streamed
 * into its own Parquet file, without keeping rows: 143 s of CPU on both cores, 117 s of wall time at a load
 * average of 3 to 4 (docs/benchmarks.md).
 *
 * <p>Splitting by store keeps all polls of a store in one piece in their file order, so duplicates (first read
 * wins) resolve as in the original file, whatever order Spark later reads the Parquet files in. The splitter
 * handles unquoted CSV only (the generator's and the published files' form) and refuses a file with a quote,
 * where a line break could sit inside a value.
 *
 * <pre>
 * java $SPARK_JAVA_OPTIONS -cp uptime-spark/target/test-classes:uptime-spark/target/uptime-spark.jar:uptime-spark/target/spark-lib/* \
 *     org.storeuptime.spark.ParquetSetWriter --data bench-out/loop-100m --out bench-out/loop-100m-parquet [--pieces 8]
 * </pre>
 */
final class ParquetSetWriter {

    /** Pieces by default: a few per core, so that two cores finish together. */
    static final int DEFAULT_PIECES = 8;

    private static final int BUFFER = 1 << 20;

    private ParquetSetWriter() {
    }

    /**
     * What was written.
     *
     * @param statusRows status rows read (rejected ones included), over all pieces
     * @param hoursRows hours rows read
     * @param zoneRows time zone rows read
     * @param rejected rows the core's readers rejected (not written), over all three files
     * @param pieces how many pieces the status file was split into
     */
    record Summary(long statusRows, long hoursRows, long zoneRows, long rejected, int pieces) {
        Summary {
            if (statusRows < 0 || hoursRows < 0 || zoneRows < 0 || rejected < 0 || pieces < 1) {
                throw new IllegalArgumentException("counts must not be negative and pieces at least 1");
            }
        }
    }

    /**
     * Writes {@code files} as Parquet to {@code out} ({@code out/store_status} with one file per piece,
     * {@code out/menu_hours}, {@code out/timezones}), replacing what is there; the pieces go to {@code work}
     * and are deleted at the end.
     *
     * @throws SparkInputException when a file cannot be read or split, or the core's reader cannot read one as a whole
     */
    static Summary write(SparkSession spark, InputFiles files, String out, Path work, int pieces) {
        if (pieces < 1) {
            throw new IllegalArgumentException("pieces must be at least 1: " + pieces);
        }
        List<Path> statusPieces = split(files.status(), work, pieces);
        try {
            Parsed status = parse(spark, 0, statusPieces);
            Parsed hours = parse(spark, 1, List.of(files.hours()));
            Parsed zones = parse(spark, 2, List.of(files.timezones()));
            Dataset<Row> polls = status.rows().select(col("store_id"),
                    when(col("active"), lit("active")).otherwise(lit("inactive")).as("status"),
                    timestamp_micros(col("micros")).as("timestamp_utc"));
            Dataset<Row> hoursRows = hours.rows().select(col("store_id"), col("day").as("dayOfWeek"),
                    col("start").as("start_time_local"), col("end").as("end_time_local"));
            Dataset<Row> zoneRows = zones.rows().select(col("store_id"), col("zone").as("timezone_str"));
            // SparkInput writes the layout it reads; no shuffle, so each piece stays one Parquet file in order
            SparkInput.of(polls, hoursRows, zoneRows).writeParquet(out);
            return new Summary(status.read().value(), hours.read().value(), zones.read().value(),
                    status.rejected().value() + hours.rejected().value() + zones.rejected().value(), pieces);
        } finally {
            deleteTree(work);
        }
    }

    /** Rows of one kind of file, and the counts its readers report once an action has run. */
    private record Parsed(Dataset<Row> rows, LongAccumulator read, LongAccumulator rejected) {
    }

    /** The files of input {@code index} (0 status, 1 hours, 2 zones), one task each, read by the core's readers. */
    private static Parsed parse(SparkSession spark, int index, List<Path> files) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<String> elements = files.stream().map(f -> index + "\t" + f.toAbsolutePath()).toList();
        LongAccumulator read = jsc.sc().longAccumulator("rows read " + index);
        LongAccumulator rejected = jsc.sc().longAccumulator("rows rejected " + index);
        Dataset<Row> rows = spark.createDataset(jsc.parallelize(elements, elements.size()).rdd(), Encoders.STRING())
                .mapPartitions(new AcceptedRows(read, rejected), Encoders.row(ACCEPTED[index]));
        return new Parsed(rows, read, rejected);
    }

    /** The columns kept of the reader's rows, per input. */
    private static final StructType[] ACCEPTED = {
        new StructType().add("store_id", DataTypes.StringType, false).add("micros", DataTypes.LongType, false)
                .add("active", DataTypes.BooleanType, false),
        new StructType().add("store_id", DataTypes.StringType, false).add("day", DataTypes.IntegerType, false)
                .add("start", DataTypes.StringType, false).add("end", DataTypes.StringType, false),
        new StructType().add("store_id", DataTypes.StringType, false).add("zone", DataTypes.StringType, false)};

    /**
     * The accepted rows of the reader ({@link CsvFileReader}), narrowed to their input's columns before Spark
     * encodes them (a third of the CPU time, against encoding the reader's wide rows and filtering them after).
     * Counts come from each file's counts row (a rejected row is counted there, and left out as the core leaves
     * it out); a file the reader could not read fails the task.
     */
    private record AcceptedRows(LongAccumulator read, LongAccumulator rejected)
            implements MapPartitionsFunction<String, Row> {
        @Override
        public Iterator<Row> call(Iterator<String> files) {
            Iterator<Row> rows = new CsvFileReader().call(files);
            return new Iterator<>() {
                private Row next;

                @Override
                public boolean hasNext() {
                    while (next == null && rows.hasNext()) {
                        next = accepted(rows.next());
                    }
                    return next != null;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Row row = next;
                    next = null;
                    return row;
                }
            };
        }

        /** The narrowed row, or null for a row that is not written (counts are taken on the way). */
        private Row accepted(Row row) {
            switch (row.getString(Column.KIND)) {
                case CsvFileReader.POLL -> {
                    return RowFactory.create(row.get(Column.STORE_ID), row.get(Column.MICROS), row.get(Column.ACTIVE));
                }
                case CsvFileReader.HOURS -> {
                    return RowFactory.create(row.get(Column.STORE_ID), row.get(Column.DAY), row.get(Column.START),
                            row.get(Column.END));
                }
                case CsvFileReader.ZONE -> {
                    return RowFactory.create(row.get(Column.STORE_ID), row.get(Column.ZONE));
                }
                case CsvFileReader.COUNTS -> {
                    read.add(row.getLong(Column.READ));
                    rejected.add(row.getLong(Column.REJECTED));
                    return null;
                }
                case CsvFileReader.ERROR -> throw new SparkInputException(row.getString(Column.REASON));
                default -> {
                    return null; // a rejected row: counted in its file's counts row
                }
            }
        }
    }

    /**
     * Splits a CSV file by store id (the first field, blanks around it ignored) into {@code pieces} files
     * {@code work/piece-N/store_status.csv}, each starting with the file's header line; lines keep their order.
     */
    static List<Path> split(Path file, Path work, int pieces) {
        List<Path> paths = new ArrayList<>(pieces);
        OutputStream[] outs = new OutputStream[pieces];
        try {
            deleteTree(work);
            for (int i = 0; i < pieces; i++) {
                Path dir = work.resolve(String.format(Locale.ROOT, "piece-%03d", i));
                Files.createDirectories(dir);
                paths.add(dir.resolve("store_status.csv"));
                outs[i] = new BufferedOutputStream(Files.newOutputStream(paths.get(i)), BUFFER);
            }
            try (InputStream in = Files.newInputStream(file)) {
                new Splitter(file, outs).run(in);
            }
            for (OutputStream o : outs) {
                o.close();
            }
            return paths;
        } catch (IOException e) {
            closeQuietly(outs);
            deleteTree(work);
            throw new SparkInputException("cannot split " + file + " into " + work + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(outs);
            deleteTree(work);
            throw e;
        }
    }

    /** Routes each line to the piece of its store id; the header goes to every piece. */
    private static final class Splitter {
        private final Path file;
        private final OutputStream[] outs;
        private byte[] carry = new byte[4096];
        private int carryLength;
        private long lineNumber;

        Splitter(Path file, OutputStream[] outs) {
            this.file = file;
            this.outs = outs;
        }

        void run(InputStream in) throws IOException {
            byte[] buffer = new byte[BUFFER];
            int n = in.readNBytes(buffer, 0, 2);
            if (n == 2 && (buffer[0] & 0xff) == 0x1f && (buffer[1] & 0xff) == 0x8b) {
                throw new SparkInputException(file + ": gzip-compressed; the splitter reads plain CSV (gunzip it first)");
            }
            int start = 0;
            while (n > 0) {
                for (int i = start; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '"') {
                        throw new SparkInputException(file + ": line " + (lineNumber + 1)
                                + ": a quoted value; the splitter handles unquoted CSV only");
                    }
                    if (b == '\n') {
                        line(buffer, start, i + 1);
                        start = i + 1;
                    }
                }
                keep(buffer, start, n);
                start = 0;
                n = in.read(buffer);
            }
            if (carryLength > 0) {
                append(new byte[] {'\n'}, 0, 1); // a last line without a line break gets one
                emit(carry, 0, carryLength);
            }
        }

        /** A complete line ends at {@code end} (exclusive) in {@code buffer}; earlier bytes may be carried. */
        private void line(byte[] buffer, int start, int end) throws IOException {
            if (carryLength > 0) {
                append(buffer, start, end);
                emit(carry, 0, carryLength);
                carryLength = 0;
            } else {
                emit(buffer, start, end);
            }
        }

        private void keep(byte[] buffer, int start, int end) {
            if (start < end) {
                append(buffer, start, end);
            }
        }

        private void append(byte[] bytes, int start, int end) {
            int length = end - start;
            if (carryLength + length > carry.length) {
                carry = Arrays.copyOf(carry, Math.max(carry.length * 2, carryLength + length));
            }
            System.arraycopy(bytes, start, carry, carryLength, length);
            carryLength += length;
        }

        private void emit(byte[] bytes, int start, int end) throws IOException {
            lineNumber++;
            if (lineNumber == 1) {
                for (OutputStream o : outs) {
                    o.write(bytes, start, end - start);
                }
                return;
            }
            outs[piece(bytes, start, end, outs.length)].write(bytes, start, end - start);
        }
    }

    /** The piece of a line's store id: a hash of the bytes before the first comma, blanks around them ignored. */
    static int piece(byte[] line, int start, int end, int pieces) {
        int idEnd = start;
        while (idEnd < end && line[idEnd] != ',' && line[idEnd] != '\n' && line[idEnd] != '\r') {
            idEnd++;
        }
        while (start < idEnd && isBlank(line[start])) {
            start++;
        }
        while (idEnd > start && isBlank(line[idEnd - 1])) {
            idEnd--;
        }
        int h = 1;
        for (int i = start; i < idEnd; i++) {
            h = 31 * h + line[i];
        }
        h ^= h >>> 16; // the low bits of a string hash alone spread poorly over few pieces
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return Math.floorMod(h, pieces);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static void closeQuietly(OutputStream[] outs) {
        for (OutputStream o : outs) {
            if (o != null) {
                try {
                    o.close();
                } catch (IOException ignored) {
                    // already failing; the first error is the one to report
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /**
     * {@code --data DIR --out DIR [--pieces N] [--master local[2]] [--work DIR]}: prints the counts and the time to
     * standard error. Exit status 0 done, 1 failed, 2 wrong usage.
     */
    public static void main(String[] args) {
        String data = null;
        String out = null;
        String work = null;
        String master = "local[*]";
        int pieces = DEFAULT_PIECES;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--data" -> data = value;
                    case "--out" -> out = value;
                    case "--work" -> work = value;
                    case "--master" -> master = value;
                    case "--pieces" -> pieces = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (data == null || out == null || pieces < 1) {
                throw new IllegalArgumentException("--data DIR and --out DIR are required, --pieces at least 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("ParquetSetWriter: " + e.getMessage()
                    + " (usage: --data DIR --out DIR [--pieces N] [--master local[2]] [--work DIR])");
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        SparkSession spark = SparkSession.builder().appName("uptime-parquet-set").master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        int status = 0;
        try {
            Summary s = write(spark, InputFiles.inDirectory(Path.of(data)), out,
                    Path.of(work != null ? work : out + ".pieces"), pieces);
            System.err.printf(Locale.ROOT, "wrote %s: %d status rows in %d pieces, %d hours rows, %d zone rows,"
                    + " %d rejected (%.1f s)%n", out, s.statusRows(), s.pieces(), s.hoursRows(), s.zoneRows(),
                    s.rejected(), (System.nanoTime() - started) / 1e9);
        } catch (Exception e) {
            System.err.println("ParquetSetWriter: failed: " + Failures.message(e));
            status = 1;
        } finally {
            spark.stop();
        }
        System.exit(status);
    }

    /**
     * The positions of {@link CsvFileReader#SCHEMA}'s columns by name: its rows come from an executor's function
     * without a schema, so they are read by position.
     */
    private static final class Column {
        static final int KIND = CsvFileReader.SCHEMA.fieldIndex("kind");
        static final int STORE_ID = CsvFileReader.SCHEMA.fieldIndex("store_id");
        static final int MICROS = CsvFileReader.SCHEMA.fieldIndex("micros");
        static final int ACTIVE = CsvFileReader.SCHEMA.fieldIndex("active");
        static final int DAY = CsvFileReader.SCHEMA.fieldIndex("day");
        static final int START = CsvFileReader.SCHEMA.fieldIndex("start");
        static final int END = CsvFileReader.SCHEMA.fieldIndex("end");
        static final int ZONE = CsvFileReader.SCHEMA.fieldIndex("zone");
        static final int READ = CsvFileReader.SCHEMA.fieldIndex("read");
        static final int REJECTED = CsvFileReader.SCHEMA.fieldIndex("rejected");
        static final int REASON = CsvFileReader.SCHEMA.fieldIndex("reason");

        private Column() {
        }
    }
}
