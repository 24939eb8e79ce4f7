package org.storeuptime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.core.StorePoll;
import org.storeuptime.core.csv.InputFileException;
import org.storeuptime.core.csv.LiveInput;
import org.storeuptime.core.csv.RejectedRow;
import org.storeuptime.jdbc.PollWriter;
import org.storeuptime.jdbc.UptimeDatabase;
import org.storeuptime.jdbc.WriteResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code uptime ingest}: streams polls from a file or standard input into the database, a batch every
 * {@code --batch} rows or {@code --flush-after} after a batch's first row, whichever comes first.
 *
 * <p>One thread reads and validates the input (the same reader as {@code POST /polls}) into a bounded queue; this
 * one takes rows off it and stores batches. The queue holds at most two batches, so while the database is down
 * the reader stops reading instead of filling memory, and nothing already read is dropped: the batch is kept and
 * written again with backoff. SIGTERM or SIGINT stops the reading; what was read is stored, then it exits 0.
 */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Streams polls (CSV with the store_status.csv header, or NDJSON) from FILE or standard input into the "
                + "database, for example behind 'tail -F'; the first line tells the format.",
            "A batch is stored every --batch rows or --flush-after after its first row, whichever comes first, in one "
                + "transaction; one line per batch goes to standard error (stored, duplicate, rejected with line and "
                + "reason). A poll already stored is a duplicate and changes nothing, so a stream may be sent again.",
            "While the database is unreachable the batch is kept and tried again with backoff; at end of input or on "
                + "SIGTERM/SIGINT what was read is stored and it exits 0."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done (end of input or a signal; also when rows were rejected)",
            "1:failed (database refused the batch, unreadable input or a wrong header)", "2:wrong usage"})
final class IngestCommand implements Callable<Integer> {

    /** Rejected rows named on a batch's line; the rest are counted. */
    static final int NAMED_PER_BATCH = 10;
    /** The first wait before writing a batch again while the database is down, and the longest. */
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(30);
    static final int MAX_BATCH = 100_000;
    /** Connections: the writes and the migration before them. */
    private static final int POOL_SIZE = 2;

    @ParentCommand
    private UptimeCli parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "Store a batch every N rows (1 to " + MAX_BATCH + "; default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--flush-after", paramLabel = "DURATION", defaultValue = "PT1S",
            converter = Converters.FlushDuration.class,
            description = "Store a batch at the latest this long after its first row (ISO-8601; default: "
                    + "${DEFAULT-VALUE}).")
    Duration flushAfter;

    @Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = "-",
            description = "The polls to read; '-' or none: standard input.")
    String file;

    /** Set by SIGTERM/SIGINT (or a test): stop reading, store what was read. */
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    @Override
    public Integer call() throws Exception {
        CliEnvironment env = parent.environment();
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new ParameterException(spec.commandLine(),
                    "--batch " + batchSize + ": expected a number of rows from 1 to " + MAX_BATCH);
        }
        String url = database.url(env);
        if (url == null) {
            throw new ParameterException(spec.commandLine(),
                    "missing the database: give --jdbc-url URL or set " + DatabaseOptions.URL_VARIABLE);
        }
        String name = file.equals("-") ? "-" : file;
        InputStream input = open(env);
        try (DatabaseOptions.OpenDatabase open = database.open(spec, env, url, POOL_SIZE)) {
            UptimeDatabase db = open.database();
            try {
                List<Integer> applied = db.migrate();
                if (!applied.isEmpty()) {
                    env.err().println("migrated schema " + db.schema() + ": applied versions " + applied);
                }
            } catch (RuntimeException e) {
                throw DatabaseOptions.databaseFailure(open, e);
            }
            env.err().println("ingesting " + (name.equals("-") ? "standard input" : name) + " into "
                    + open.description() + ", schema " + db.schema() + ": a batch every " + batchSize
                    + " rows or " + flushAfter + " after its first row");
            return new Stream(env, db.polls(), name, input).run();
        } finally {
            input.close();
        }
    }

    private InputStream open(CliEnvironment env) {
        if (file.equals("-")) {
            return env.in();
        }
        try {
            return Files.newInputStream(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "FILE " + file + ": no such file");
        } catch (IOException e) {
            throw new InputFileException(file, file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Asks a running ingest to stop reading and store what it has read, as SIGTERM does. */
    void requestStop() {
        stopRequested.set(true);
    }

    /** What the reading thread hands over: a poll, a rejected row, or the end of the input. */
    private sealed interface Item {
    }

    private record Accepted(StorePoll poll) implements Item {
    }

    private record Rejected(RejectedRow row) implements Item {
    }

    /** End of input; {@code failure} when the input could not be read further (stored up to there). */
    private record End(RuntimeException failure) implements Item {
    }

    /** One run: the reading thread, the batches and their lines. */
    private final class Stream {
        private final CliEnvironment env;
        private final PollWriter writer;
        private final String name;
        private final InputStream input;
        private final BlockingQueue<Item> queue;
        private final List<StorePoll> polls = new ArrayList<>();
        private final List<RejectedRow> rejected = new ArrayList<>();
        private long batchRows;
        private long batches;
        private long rows;
        private long stored;
        private long duplicates;
        private long rejectedTotal;

        Stream(CliEnvironment env, PollWriter writer, String name, InputStream input) {
            this.env = env;
            this.writer = writer;
            this.name = name;
            this.input = input;
            // two batches: the one being stored and the next being read; beyond it the reader waits
            this.queue = new ArrayBlockingQueue<>(Math.max(2 * batchSize, 16));
        }

        int run() throws InterruptedException {
            Thread reader = new Thread(this::read, "uptime-ingest-reader");
            // the reader may be blocked on standard input when a signal ends the run: it must not keep the JVM up
            reader.setDaemon(true);
            SignalStop signals = SignalStop.install(IngestCommand.this::requestStop);
            try {
                reader.start();
                return consume();
            } finally {
                signals.close();
            }
        }

        private void read() {
            RuntimeException failure = null;
            try (Reader in = new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
                LiveInput.readPolls(in, name, env.clock(), poll -> put(new Accepted(poll)),
                        row -> put(new Rejected(row)));
            } catch (IOException e) {
                failure = new InputFileException(name, name + ": cannot be read: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                failure = e;
            }
            put(new End(failure));
        }

        private void put(Item item) {
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing over a row", e);
            }
        }

        private int consume() throws InterruptedException {
            long deadline = 0;
            while (true) {
                if (stopRequested.get()) {
                    // what the reader handed over already was read: it is stored too
                    for (Item item; (item = queue.poll()) != null; ) {
                        if (item instanceof End) {
                            break;
                        }
                        take(item);
                        if (batchRows >= batchSize) {
                            store();
                        }
                    }
                    store();
                    env.err().println("stopped by a signal: stored what was read");
                    finish();
                    return UptimeCli.DONE;
                }
                Item item;
                if (batchRows == 0) {
                    // nothing held: wait for a row, looking at the stop flag now and then
                    item = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (item != null) {
                        deadline = System.nanoTime() + flushAfter.toNanos();
                    }
                } else {
                    long left = deadline - System.nanoTime();
                    item = left <= 0 ? null : queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)),
                            TimeUnit.NANOSECONDS);
                    if (item == null && System.nanoTime() - deadline >= 0) {
                        store();
                        continue;
                    }
                }
                if (item == null) {
                    continue;
                }
                if (item instanceof End end) {
                    store();
                    finish();
                    if (end.failure() != null) {
                        throw end.failure();
                    }
                    return UptimeCli.DONE;
                }
                take(item);
                if (batchRows >= batchSize) {
                    store();
                }
            }
        }

        private void take(Item item) {
            batchRows++;
            if (item instanceof Accepted accepted) {
                polls.add(accepted.poll());
            } else if (item instanceof Rejected row) {
                rejected.add(row.row());
            }
        }

        /** Stores the batch held, if any, trying again while the database is unreachable, and prints its line. */
        private void store() throws InterruptedException {
            if (batchRows == 0) {
                return;
            }
            batches++;
            WriteResult result = polls.isEmpty() ? new WriteResult(0, 0) : write();
            rows += batchRows;
            stored += result.stored();
            duplicates += result.duplicates();
            rejectedTotal += rejected.size();
            env.err().println("batch " + batches + ": " + batchRows + " rows, " + result.stored() + " stored, "
                    + result.duplicates() + " duplicate, " + rejected.size() + " rejected" + named(rejected));
            polls.clear();
            rejected.clear();
            batchRows = 0;
        }

        private WriteResult write() throws InterruptedException {
            Duration wait = FIRST_RETRY;
            while (true) {
                try {
                    return writer.write(polls);
                } catch (DatabaseException e) {
                    if (!e.isTransient()) {
                        throw e;
                    }
                    if (stopRequested.get()) {
                        throw new DatabaseException("stopped by a signal while the database is unavailable: batch "
                                + batches + " (" + polls.size() + " polls) and what was not read yet are not stored",
                                e);
                    }
                    env.err().println(e.summary() + ": keeping batch " + batches + " (" + polls.size()
                            + " polls), trying again in " + seconds(wait) + " s");
                    sleep(wait);
                    wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
                }
            }
        }

        /** Sleeps {@code wait}, waking early when a stop is asked for. */
        private void sleep(Duration wait) throws InterruptedException {
            long end = System.nanoTime() + wait.toNanos();
            for (long left; (left = end - System.nanoTime()) > 0 && !stopRequested.get(); ) {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        }

        private void finish() {
            PrintStream err = env.err();
            err.println("ingested " + rows + " rows in " + batches + " batch" + (batches == 1 ? "" : "es") + ": "
                    + stored + " stored, " + duplicates + " duplicate, " + rejectedTotal + " rejected");
        }
    }

    /** The rejected rows of a batch for its line: the first {@value #NAMED_PER_BATCH}, then how many more. */
    static String named(List<RejectedRow> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder(": ");
        for (int i = 0; i < Math.min(rows.size(), NAMED_PER_BATCH); i++) {
            RejectedRow row = rows.get(i);
            if (i > 0) {
                line.append("; ");
            }
            line.append("line ").append(row.line()).append(": ");
            if (row.field() != null) {
                line.append(row.field()).append(": ");
            }
            line.append(row.reason());
        }
        if (rows.size() > NAMED_PER_BATCH) {
            line.append("; and ").append(rows.size() - NAMED_PER_BATCH).append(" more");
        }
        return line.toString();
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis / 1000 + "." + millis % 1000 / 100;
    }
}
