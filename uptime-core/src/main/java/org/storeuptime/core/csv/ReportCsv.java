package org.storeuptime.core.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.storeuptime.core.ReportWindow;
import org.storeuptime.core.StoreUptime;
import org.storeuptime.core.StoreWindowUptime;
import org.storeuptime.core.UptimeReport;
import org.storeuptime.core.WindowUptime;

/**
 * Writes and reads report CSVs exactly as the uptime rules define them: the header
 * {@code store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week},
 * one row per store sorted by store id, hour figures in minutes and day and week figures in hours, each
 * rounded half-up to two decimals with a {@code .} whatever the locale, UTF-8, {@code \n} line ends and
 * RFC 4180 quoting. A report asking for {@link ReportWindow}s has three columns per window instead
 * ({@link #columns(List)}).
 */
public final class ReportCsv {

    /** The header's columns. */
    public static final List<String> COLUMNS = List.of("store_id", "uptime_last_hour", "uptime_last_day",
            "uptime_last_week", "downtime_last_hour", "downtime_last_day", "downtime_last_week");

    /** The header line as written. */
    private static final String HEADER = String.join(",", COLUMNS) + "\n";

    /**
     * The formats, in a class of their own: most reports are written without the printer (their ids need no
     * quotes), and commons-csv's formats take a command-line report milliseconds to set up.
     */
    private static final class Formats {
        static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
        static final CSVFormat READ = CSVFormat.RFC4180.builder().get();
    }

    private ReportCsv() {
    }

    /**
     * Writes the report to {@code out} (not closed; flushed): the classic CSV, or with its windows the header
     * {@code store_id} and then for each window {@code uptime_<L>_hours,downtime_<L>_hours,uptime_<L>_percent}
     * ({@link #columns(List)}).
     */
    public static void write(UptimeReport report, Writer out) {
        if (report.isClassic()) {
            write(report.rows(), out);
        } else {
            writeWindows(report.windows(), report.windowRows(), out);
        }
    }

    /**
     * The header's columns of a report with {@code windows}: {@code store_id} and then, for each window in order,
     * {@code uptime_<L>_hours,downtime_<L>_hours,uptime_<L>_percent} where {@code <L>} is the window's
     * {@link ReportWindow#label() label}; {@link #COLUMNS} when there is no window.
     */
    public static List<String> columns(List<ReportWindow> windows) {
        if (windows.isEmpty()) {
            return COLUMNS;
        }
        List<String> columns = new ArrayList<>(1 + 3 * windows.size());
        columns.add("store_id");
        for (ReportWindow window : windows) {
            String label = window.label();
            columns.add("uptime_" + label + "_hours");
            columns.add("downtime_" + label + "_hours");
            columns.add("uptime_" + label + "_percent");
        }
        return List.copyOf(columns);
    }

    /**
     * Writes rows of a report with {@code windows} to {@code out} (not closed; flushed), sorted by store id
     * whatever their order: hours and percent with two decimals, half-up from the exact figures, the percent empty
     * when uptime + downtime is zero. Each row must have the windows in the same order.
     *
     * @throws IllegalArgumentException when a row's windows are not {@code windows}
     */
    public static void writeWindows(List<ReportWindow> windows, Collection<StoreWindowUptime> rows, Writer out) {
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(out, "out");
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a report with windows needs at least one window");
        }
        List<StoreWindowUptime> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(StoreWindowUptime::storeId));
        List<String> columns = columns(windows);
        try {
            out.append(String.join(",", columns)).append('\n');
            CSVPrinter printer = null;
            StringBuilder line = new StringBuilder(32 + 24 * windows.size());
            String[] values = new String[columns.size()];
            for (StoreWindowUptime row : sorted) {
                List<WindowUptime> figures = row.windows();
                if (figures.size() != windows.size()) {
                    throw new IllegalArgumentException("store " + row.storeId() + " has " + figures.size()
                            + " windows, not the report's " + windows.size());
                }
                values[0] = row.storeId();
                for (int w = 0; w < figures.size(); w++) {
                    WindowUptime f = figures.get(w);
                    if (!f.window().equals(windows.get(w))) {
                        throw new IllegalArgumentException("store " + row.storeId() + " has window " + f.window()
                                + " where the report has " + windows.get(w));
                    }
                    values[1 + 3 * w] = ReportRow.hours(f.uptime()).toPlainString();
                    values[2 + 3 * w] = ReportRow.hours(f.downtime()).toPlainString();
                    values[3 + 3 * w] = f.uptimePercent().map(BigDecimal::toPlainString).orElse("");
                }
                if (needsNoQuotes(row.storeId())) {
                    line.setLength(0);
                    line.append(values[0]);
                    for (int i = 1; i < values.length; i++) {
                        line.append(',').append(values[i]);
                    }
                    out.append(line.append('\n'));
                    continue;
                }
                if (printer == null) {
                    printer = new CSVPrinter(out, Formats.WRITE);
                }
                printer.printRecord((Object[]) values);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report CSV: " + e.getMessage(), e);
        }
    }

    /** Writes rows to {@code out} (not closed; flushed), sorted by store id whatever their order. */
    public static void write(Collection<StoreUptime> rows, Writer out) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(out, "out");
        List<StoreUptime> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(StoreUptime::storeId));
        writeSorted(sorted, DURATIONS, out);
    }

    /**
     * Writes rows already rounded to the report's figures (as computed elsewhere, for example on a cluster) to
     * {@code out} (not closed; flushed), sorted by store id whatever their order: the same bytes as
     * {@link #write(Collection, Writer)} gives for the rows they were rounded from.
     */
    public static void writeRows(Collection<ReportRow> rows, Writer out) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(out, "out");
        List<ReportRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(ReportRow::storeId));
        writeSorted(sorted, ROUNDED, out);
    }

    /** How a kind of row gives its store id and figures to {@link #writeSorted}. */
    private interface Figures<T> {
        String storeId(T row);

        /**
         * Appends {@code ,f1,...,f6} to {@code line} and returns true when the figures are written as they are
         * (non-negative); else appends nothing and returns false, for the printer to write {@link #toReportRow}.
         */
        boolean appendPlain(T row, StringBuilder line);

        ReportRow toReportRow(T row);
    }

    private static final Figures<ReportRow> ROUNDED = new Figures<>() {
        @Override
        public String storeId(ReportRow row) {
            return row.storeId();
        }

        @Override
        public boolean appendPlain(ReportRow row, StringBuilder line) {
            List<BigDecimal> figures = row.figures();
            if (!nonNegative(figures)) {
                return false;
            }
            for (int i = 0; i < 6; i++) {
                line.append(',').append(figures.get(i).toPlainString());
            }
            return true;
        }

        @Override
        public ReportRow toReportRow(ReportRow row) {
            return row;
        }
    };

    /**
     * A store's durations, rounded and written as digits straight from their hundredths: what BigDecimal's
     * plain string of the same rounding gives ({@link ReportRow}), without a BigDecimal per figure.
     */
    private static final Figures<StoreUptime> DURATIONS = new Figures<>() {
        @Override
        public String storeId(StoreUptime row) {
            return row.storeId();
        }

        @Override
        public boolean appendPlain(StoreUptime row, StringBuilder line) {
            Duration[] durations = {row.uptimeLastHour(), row.uptimeLastDay(), row.uptimeLastWeek(),
                row.downtimeLastHour(), row.downtimeLastDay(), row.downtimeLastWeek()};
            for (Duration duration : durations) {
                if (!ReportRow.exactInLong(duration)) {
                    return false;
                }
            }
            for (int i = 0; i < 6; i++) {
                // the hour windows in minutes, the day and week windows in hours
                long hundredths = ReportRow.hundredths(durations[i], i % 3 == 0 ? 60 : 3600);
                long fraction = hundredths % 100;
                line.append(',').append(hundredths / 100).append(fraction < 10 ? ".0" : ".").append(fraction);
            }
            return true;
        }

        @Override
        public ReportRow toReportRow(StoreUptime row) {
            return ReportRow.of(row);
        }
    };

    /** Writes the header and {@code sorted}'s rows to {@code out} (flushed). */
    private static <T> void writeSorted(List<T> sorted, Figures<T> figures, Writer out) {
        try {
            out.append(HEADER);
            CSVPrinter printer = null;
            Object[] values = new Object[COLUMNS.size()];
            StringBuilder line = new StringBuilder(128);
            for (T row : sorted) {
                String storeId = figures.storeId(row);
                line.setLength(0);
                // A row the printer would write unquoted, in one append: the printer's checks of every character
                // of every value were most of a report's writing time.
                if (needsNoQuotes(storeId) && figures.appendPlain(row, line.append(storeId))) {
                    out.append(line.append('\n'));
                    continue;
                }
                if (printer == null) {
                    printer = new CSVPrinter(out, Formats.WRITE);
                }
                ReportRow rounded = figures.toReportRow(row);
                values[0] = rounded.storeId();
                List<BigDecimal> roundedFigures = rounded.figures();
                for (int i = 0; i < 6; i++) {
                    values[i + 1] = roundedFigures.get(i).toPlainString();
                }
                printer.printRecord(values);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report CSV: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the printer writes {@code storeId} as it is: ASCII letters and digits, and {@code -} or {@code _}
     * after the first character (UUIDs and most ids). Anything else goes through the printer, whose rules for
     * quoting decide.
     */
    static boolean needsNoQuotes(String storeId) {
        int length = storeId.length();
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = storeId.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && (i == 0 || c != '-' && c != '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean nonNegative(List<BigDecimal> figures) {
        for (int i = 0; i < figures.size(); i++) {
            if (figures.get(i).signum() < 0) {
                return false;
            }
        }
        return true;
    }

    /** Writes the report as UTF-8 to {@code out} (not closed; flushed). */
    public static void write(UptimeReport report, OutputStream out) {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        write(report, writer);
    }

    /** The report as UTF-8 bytes (see {@link #write(UptimeReport, Writer)}). */
    public static byte[] toBytes(UptimeReport report) {
        if (report.isClassic()) {
            return toBytes(report.rows());
        }
        StringWriter text = new StringWriter(64 + report.windowRows().size() * (40 + 24 * report.windows().size()));
        writeWindows(report.windows(), report.windowRows(), text);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Rows as UTF-8 report CSV bytes. */
    public static byte[] toBytes(Collection<StoreUptime> rows) {
        // Into characters first and encoded once: through an OutputStreamWriter, each of the printer's many small
        // appends went through the encoder's lock and a CharBuffer of its own.
        StringWriter text = new StringWriter(64 + rows.size() * 72);
        write(rows, text);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the report to {@code file} whole or not at all: into a temporary file beside it, renamed over it, so a
     * reader never sees half a report and a failed write leaves an existing file untouched.
     *
     * @throws IOException when writing or renaming fails; {@code file} is then unchanged
     */
    public static void writeFile(UptimeReport report, Path file) throws IOException {
        Objects.requireNonNull(report, "report");
        // encoded once (see toBytes): about 70 bytes per store, next to the report's rows already in memory
        byte[] csv = toBytes(report);
        AtomicFile.write(file, out -> out.write(csv));
    }

    /** Writes rows already rounded (see {@link #writeRows}) to {@code file}, whole or not at all. */
    public static void writeRowsFile(Collection<ReportRow> rows, Path file) throws IOException {
        Objects.requireNonNull(rows, "rows");
        AtomicFile.write(file, out -> writeRows(rows, new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    /** Writes a report CSV already rendered by {@link #toBytes} to {@code file}, whole or not at all. */
    public static void writeFile(byte[] csv, Path file) throws IOException {
        Objects.requireNonNull(csv, "csv");
        AtomicFile.write(file, out -> out.write(csv));
    }

    /**
     * Reads a report CSV.
     *
     * @throws IllegalArgumentException naming the line when the header or a row is not as written by this class
     */
    public static List<ReportRow> read(Reader in) {
        try {
            CSVParser parser = CSVParser.parse(in, Formats.READ);
            List<ReportRow> rows = new ArrayList<>();
            boolean header = true;
            for (CSVRecord record : parser) {
                if (header) {
                    if (!record.toList().equals(COLUMNS)) {
                        throw new IllegalArgumentException("line 1: expected the header " + String.join(",", COLUMNS)
                                + " but found " + String.join(",", record.toList()));
                    }
                    header = false;
                    continue;
                }
                if (record.size() != COLUMNS.size()) {
                    throw new IllegalArgumentException("record " + record.getRecordNumber() + ": expected "
                            + COLUMNS.size() + " columns but found " + record.size());
                }
                BigDecimal[] figures = new BigDecimal[6];
                for (int i = 0; i < 6; i++) {
                    try {
                        figures[i] = new BigDecimal(record.get(i + 1));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("record " + record.getRecordNumber() + ": "
                                + COLUMNS.get(i + 1) + ": not a number: '" + record.get(i + 1) + "'", e);
                    }
                }
                rows.add(new ReportRow(record.get(0), figures[0], figures[1], figures[2], figures[3], figures[4],
                        figures[5]));
            }
            if (header) {
                throw new IllegalArgumentException("line 1: expected the header " + String.join(",", COLUMNS)
                        + " but the CSV is empty");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report CSV: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("not a valid CSV: " + e.getCause().getMessage(), e);
        }
    }

    /** Reads a report CSV given as UTF-8 bytes. */
    public static List<ReportRow> read(byte[] csv) {
        return read(new StringReader(new String(csv, StandardCharsets.UTF_8)));
    }
}
