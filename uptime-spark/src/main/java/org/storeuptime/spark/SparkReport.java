package org.storeuptime.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportWindow;
import org.storeuptime.core.StoreWindowUptime;
import org.storeuptime.core.TimeInterval;
import org.storeuptime.core.WindowUptime;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.core.csv.ReportRow;

/**
 * A report computed on Spark: one row per store with the report CSV's columns, {@code store_id} and the six
 * figures as {@code decimal(10,2)} (minutes for the last hour, hours for the last day and week), or three per
 * window of a report with windows, rounded by the core exactly as the CSV writes them. The rows are computed lazily, when written or used.
 */
public final class SparkReport {

    private final Instant now;
    private final ReportOptions options;
    private final List<ReportWindow> windows;
    /** With windows: the CSV's columns and the exact figures after them ({@link Columns#report}). */
    private final Dataset<Row> computed;
    private final Dataset<Row> rows;

    SparkReport(Instant now, ReportOptions options, List<ReportWindow> windows, Dataset<Row> computed) {
        this.now = now;
        this.options = options;
        this.windows = List.copyOf(windows);
        this.computed = computed;
        List<String> columns = ReportCsv.columns(windows);
        this.rows = windows.isEmpty() ? computed
                : computed.select(columns.stream().map(c -> computed.col("`" + c + "`")).toArray(Column[]::new));
    }

    /** Where the windows end. */
    public Instant now() {
        return now;
    }

    /** How it is computed. */
    public ReportOptions options() {
        return options;
    }

    /** The windows asked for, in column order; empty for the classic three. */
    public List<ReportWindow> windows() {
        return windows;
    }

    /**
     * The rows, in no particular order: partitioned by store, each partition sorted by store id. Columns as
     * {@link ReportCsv#COLUMNS}, or with windows as {@link ReportCsv#columns(List)}: {@code store_id}, then per window
     * the uptime and downtime hours ({@code decimal(12,2)}) and the uptime percent ({@code decimal(5,2)}, null where
     * the CSV leaves it empty), rounded by the core as the CSV writes them.
     */
    public Dataset<Row> rows() {
        return rows;
    }

    /**
     * The rows of a report with windows on the driver, with the exact figures the CSV is written from.
     *
     * @throws IllegalStateException for a report of the classic windows (see {@link #collect()})
     */
    public List<StoreWindowUptime> collectWindows() {
        if (windows.isEmpty()) {
            throw new IllegalStateException("a report of the classic windows: collect() its rows");
        }
        int exact = 1 + 3 * windows.size();
        int perWindow = Columns.EXACT.size();
        List<StoreWindowUptime> list = new ArrayList<>();
        for (Row row : computed.collectAsList()) {
            List<WindowUptime> figures = new ArrayList<>(windows.size());
            for (int w = 0; w < windows.size(); w++) {
                int at = exact + perWindow * w;
                figures.add(new WindowUptime(windows.get(w), TimeInterval.of(instant(row.getLong(at + 2)),
                        instant(row.getLong(at + 3))), Duration.ofNanos(row.getLong(at) * 1_000L),
                        Duration.ofNanos(row.getLong(at + 1) * 1_000L)));
            }
            list.add(new StoreWindowUptime(row.getString(0), figures));
        }
        list.sort(Comparator.comparing(StoreWindowUptime::storeId));
        return list;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /**
     * The rows on the driver, sorted by store id as the CSV is. For fleets too large for that, see {@link #writeParquet}.
     *
     * @throws IllegalStateException for a report with windows (see {@link #collectWindows()})
     */
    public List<ReportRow> collect() {
        if (!windows.isEmpty()) {
            throw new IllegalStateException("a report with windows: collectWindows() its rows");
        }
        List<ReportRow> list = new ArrayList<>();
        for (Row row : rows.collectAsList()) {
            list.add(new ReportRow(row.getString(0), row.getDecimal(1), row.getDecimal(2), row.getDecimal(3),
                    row.getDecimal(4), row.getDecimal(5), row.getDecimal(6)));
        }
        list.sort((a, b) -> a.storeId().compareTo(b.storeId()));
        return list;
    }

    /**
     * Writes the report CSV to {@code out} (flushed, not closed) with the core's writer: one file sorted by store,
     * byte-identical to {@code uptime report} on the same data. The rows are collected on the driver.
     *
     * @return how many rows were written
     */
    public long writeCsv(OutputStream out) {
        Objects.requireNonNull(out, "out");
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (!windows.isEmpty()) {
            List<StoreWindowUptime> collected = collectWindows();
            ReportCsv.writeWindows(windows, collected, writer);
            return collected.size();
        }
        List<ReportRow> collected = collect();
        ReportCsv.writeRows(collected, writer);
        return collected.size();
    }

    /**
     * Writes the report CSV to a local {@code file}, all or nothing (a temporary file renamed into place).
     *
     * @return how many rows were written
     */
    public long writeCsv(Path file) throws IOException {
        if (!windows.isEmpty()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            long count = writeCsv(bytes);
            ReportCsv.writeFile(bytes.toByteArray(), file);
            return count;
        }
        List<ReportRow> collected = collect();
        ReportCsv.writeRowsFile(collected, file);
        return collected.size();
    }

    /**
     * Writes the rows as Parquet into {@code dir} (any Hadoop path), replacing what is there: one file per
     * partition, each sorted by store id, nothing collected on the driver.
     */
    public void writeParquet(String dir) {
        rows.write().mode(SaveMode.Overwrite).parquet(dir);
    }
}
