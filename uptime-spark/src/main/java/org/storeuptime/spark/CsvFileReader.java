package org.storeuptime.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.UptimeException;
import org.storeuptime.core.csv.internal.InputCsv;
import org.storeuptime.core.csv.ReadCounts;
import org.storeuptime.core.csv.RejectedRow;

/**
 * Reads input CSV files on an executor with the core's own readers ({@link InputCsv}), so that every row is
 * accepted or rejected exactly as {@code uptime report} does, with the same line numbers and messages.
 *
 * <p>A CSV file is read by one task from start to end: splitting it would lose the line numbers (and a quoted
 * value may span lines). The core's readers push rows to a handler; a reading thread hands them to the task's
 * iterator in batches through a small bounded queue, so a file of any size streams.
 *
 * <p>Each element of the input names one file, {@code index<TAB>path}, with index 0 for status, 1 for hours and
 * 2 for time zones, 3 for planned closures (a closure's bounds in {@code start} and {@code end} as
 * {@code LocalDateTime} text, its reason in {@code zone}). The output ({@link #SCHEMA}) holds the accepted rows, the rejected ones, one row of counts per
 * file, and an error row when a file cannot be read as a whole.
 */
final class CsvFileReader implements MapPartitionsFunction<String, Row> {

    private static final long serialVersionUID = 1L;

    static final String POLL = "P";
    static final String HOURS = "H";
    static final String ZONE = "Z";
    static final String CLOSURE = "L";
    static final String REJECTED = "R";
    static final String COUNTS = "C";
    static final String ERROR = "E";

    static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("file_index", DataTypes.IntegerType, false)
            .add("file", DataTypes.StringType, false)
            .add("line", DataTypes.LongType, false)
            .add("store_id", DataTypes.StringType, true)
            .add("micros", DataTypes.LongType, true)
            .add("active", DataTypes.BooleanType, true)
            .add("day", DataTypes.IntegerType, true)
            .add("start", DataTypes.StringType, true)
            .add("end", DataTypes.StringType, true)
            .add("zone", DataTypes.StringType, true)
            .add("field", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, true)
            .add("read", DataTypes.LongType, true)
            .add("rejected", DataTypes.LongType, true);

    private static final int BATCH = 4096;
    private static final int QUEUED_BATCHES = 8;

    @Override
    public Iterator<Row> call(Iterator<String> files) {
        List<String> all = new ArrayList<>();
        files.forEachRemaining(all::add);
        Iterator<String> remaining = all.iterator();
        return new Iterator<>() {
            private Iterator<Row> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && remaining.hasNext()) {
                    current = read(remaining.next());
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private static Iterator<Row> read(String element) {
        int tab = element.indexOf('\t');
        int index = Integer.parseInt(element.substring(0, tab));
        String path = element.substring(tab + 1);
        Path file = new Path(path);
        String name = file.getName();
        return new PushedRows(sink -> parse(index, file, name, sink));
    }

    /** Reads one file, passing its rows to {@code sink}; never throws, a failure becomes an error row. */
    private static void parse(int index, Path file, String name, Consumer<Row> sink) {
        Consumer<RejectedRow> rejected = row -> sink.accept(RowFactory.create(REJECTED, index, name, row.line(), null,
                null, null, null, null, null, null, row.field(), row.reason(), null, null));
        try (Reader in = open(file)) {
            ReadCounts counts = switch (index) {
                case 0 -> InputCsv.readStatus(in, name, (line, storeId, micros, active) -> sink.accept(
                        RowFactory.create(POLL, index, name, line, storeId, micros, active, null, null, null, null,
                                null, null, null, null)), rejected);
                case 1 -> InputCsv.readHours(in, name, (line, storeId, period) -> sink.accept(
                        RowFactory.create(HOURS, index, name, line, storeId, null, null, period.dayIndex(),
                                period.start().toString(), endText(period), null, null, null, null, null)), rejected);
                case 2 -> InputCsv.readTimeZones(in, name, (line, storeId, zone) -> sink.accept(
                        RowFactory.create(ZONE, index, name, line, storeId, null, null, null, null, null, zone.getId(),
                                null, null, null, null)), rejected);
                case 3 -> InputCsv.readClosures(in, name, (line, closure) -> sink.accept(
                        RowFactory.create(CLOSURE, index, name, line, closure.storeId(), null, null, null,
                                closure.start().toString(), closure.end().toString(), closure.reason(), null, null,
                                null, null)), rejected);
                default -> throw new IllegalArgumentException("no input file of index " + index);
            };
            sink.accept(RowFactory.create(COUNTS, index, name, 0L, null, null, null, null, null, null, null, null,
                    null, counts.read(), counts.rejected()));
        } catch (FileNotFoundException e) {
            sink.accept(error(index, name, name + ": no such file: " + file));
        } catch (IOException e) {
            sink.accept(error(index, name, name + ": cannot read " + file + ": " + e));
        } catch (UptimeException e) {
            sink.accept(error(index, name, e.getMessage()));
        }
    }

    /** The end time as text the core's time parser gives back unchanged ({@code 24:00} is {@code LocalTime.MAX}). */
    private static String endText(OpeningPeriod period) {
        return period.end().toString();
    }

    private static Row error(int index, String name, String message) {
        return RowFactory.create(ERROR, index, name, 0L, null, null, null, null, null, null, null, null, message,
                null, null);
    }

    /** The file as the core opens local files: gzip recognised by content, UTF-8 that fails on malformed bytes. */
    private static Reader open(Path file) throws IOException {
        FileSystem fs = file.getFileSystem(new Configuration());
        return InputCsv.decode(fs.open(file));
    }

    /**
     * Rows pushed by a producer running on its own thread, handed over in batches through a bounded queue. When
     * the task ends early (cancelled, or a later stage failed) the producer is told to stop.
     */
    private static final class PushedRows implements Iterator<Row> {
        private static final List<Row> END = new ArrayList<>(0);

        private final BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private volatile boolean stopped;
        private Iterator<Row> batch = java.util.Collections.emptyIterator();
        private boolean ended;

        PushedRows(Consumer<Consumer<Row>> producer) {
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener(new TaskCompletionListener() {
                    @Override
                    public void onTaskCompletion(TaskContext context) {
                        stopped = true;
                    }
                });
            }
            Thread thread = new Thread(() -> {
                List<Row> rows = new ArrayList<>(BATCH);
                try {
                    producer.accept(row -> {
                        rows.add(row);
                        if (rows.size() == BATCH) {
                            put(new ArrayList<>(rows));
                            rows.clear();
                        }
                    });
                    put(new ArrayList<>(rows));
                } catch (Stopped e) {
                    return;
                } catch (RuntimeException | Error e) {
                    // a bug, not bad input (the producer turns input failures into rows): end the task with it
                    List<Row> failure = List.of(RowFactory.create(ERROR, -1, "", 0L, null, null, null, null, null,
                            null, null, null, "reading the input failed: " + e, null, null));
                    try {
                        put(failure);
                    } catch (Stopped ignored) {
                        return;
                    }
                }
                try {
                    put(END);
                } catch (Stopped ignored) {
                    // the task is over; nobody reads the end
                }
            }, "uptime-csv-reader");
            thread.setDaemon(true);
            thread.start();
        }

        private void put(List<Row> rows) {
            try {
                while (!queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                    if (stopped) {
                        throw new Stopped();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
        }

        @Override
        public boolean hasNext() {
            while (!batch.hasNext() && !ended) {
                List<Row> next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                    throw new IllegalStateException("interrupted while reading the input", e);
                }
                if (next == END) {
                    ended = true;
                } else {
                    batch = next.iterator();
                }
            }
            return batch.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return batch.next();
        }
    }

    /** Thrown inside the producer to unwind it once the task is over. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }
}
