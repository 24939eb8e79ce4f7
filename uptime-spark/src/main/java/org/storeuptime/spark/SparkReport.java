package org.storeuptime.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.core.csv.ReportRow;

/**
 * A report computed on Spark: one row per store with the report CSV's columns, {@code store_id} and the six
 * figures as {@code decimal(10,2)} (minutes for the last hour, hours for the last day and week), rounded by the
 * core exactly as the CSV writes them. The rows are computed lazily, when written or used.
 */
public final class SparkReport {

    private final Instant now;
    private final ReportOptions options;
    private final Dataset<Row> rows;

    SparkReport(Instant now, ReportOptions options, Dataset<Row> rows) {
        this.now = now;
        this.options = options;
        this.rows = rows;
    }

    /** Where the windows end. */
    public Instant now() {
        return now;
    }

    /** How it is computed. */
    public ReportOptions options() {
        return options;
    }

    /**
     * The rows, in no particular order: partitioned by store, each partition sorted by store id. Columns as
     * {@link ReportCsv#COLUMNS}.
     */
    public Dataset<Row> rows() {
        return rows;
    }

    /** The rows on the driver, sorted by store id as the CSV is. For fleets too large for that, see {@link #writeParquet}. */
    public List<ReportRow> collect() {
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
        List<ReportRow> collected = collect();
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        ReportCsv.writeRows(collected, writer);
        return collected.size();
    }

    /**
     * Writes the report CSV to a local {@code file}, all or nothing (a temporary file renamed into place).
     *
     * @return how many rows were written
     */
    public long writeCsv(Path file) throws IOException {
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
