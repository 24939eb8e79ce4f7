package org.storeuptime.spark;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.storeuptime.core.ReportWindow;
import org.storeuptime.core.csv.ReportCsv;

/** The internal shapes of the data between the sources and the per-store computation. */
final class Columns {

    /** Polls after a source read them: time as epoch microseconds, {@code seq} orders equal times as read. */
    static final StructType POLLS = new StructType()
            .add("store_id", DataTypes.StringType, false)
            .add("micros", DataTypes.LongType, false)
            .add("active", DataTypes.BooleanType, false)
            .add("seq", DataTypes.LongType, false);

    /** Business hours as text, checked by the core on the executors. */
    static final StructType HOURS = new StructType()
            .add("store_id", DataTypes.StringType, false)
            .add("day", DataTypes.IntegerType, true)
            .add("start", DataTypes.StringType, true)
            .add("end", DataTypes.StringType, true)
            .add("seq", DataTypes.LongType, false);

    /** Zones as text; of several zones of a store the lowest {@code seq} (the first read) wins. */
    static final StructType ZONES = new StructType()
            .add("store_id", DataTypes.StringType, false)
            .add("zone", DataTypes.StringType, true)
            .add("seq", DataTypes.LongType, false);

    /** Kinds of store events, in the order a store's events are sorted. */
    static final int ZONE = 0;
    static final int HOURS_ROW = 1;
    static final int POLL = 2;
    static final int STORE = 3;

    /** Everything known about stores, one event per row, shuffled by store and sorted by kind, time and seq. */
    static final StructType EVENTS = new StructType()
            .add("store_id", DataTypes.StringType, false)
            .add("kind", DataTypes.IntegerType, false)
            .add("micros", DataTypes.LongType, false)
            .add("seq", DataTypes.LongType, false)
            .add("active", DataTypes.BooleanType, true)
            .add("day", DataTypes.IntegerType, true)
            .add("start", DataTypes.StringType, true)
            .add("end", DataTypes.StringType, true)
            .add("zone", DataTypes.StringType, true);

    /** The report's figures: minutes for the hour, hours for the day and week, exactly two decimals. */
    static final DecimalType FIGURE = DataTypes.createDecimalType(10, 2);

    /** A report row: the report CSV's columns with the CSV's figures. */
    static final StructType REPORT = new StructType()
            .add(ReportCsv.COLUMNS.get(0), DataTypes.StringType, false)
            .add(ReportCsv.COLUMNS.get(1), FIGURE, false)
            .add(ReportCsv.COLUMNS.get(2), FIGURE, false)
            .add(ReportCsv.COLUMNS.get(3), FIGURE, false)
            .add(ReportCsv.COLUMNS.get(4), FIGURE, false)
            .add(ReportCsv.COLUMNS.get(5), FIGURE, false)
            .add(ReportCsv.COLUMNS.get(6), FIGURE, false);

    /** Business hours of a window: up to 3,660 days, two decimals. */
    static final DecimalType WINDOW_HOURS = DataTypes.createDecimalType(12, 2);
    /** An uptime percent, 0.00 to 100.00. */
    static final DecimalType PERCENT = DataTypes.createDecimalType(5, 2);

    /**
     * A report row: {@link #REPORT} for the classic windows; else the report CSV's columns for {@code windows}
     * ({@link ReportCsv#columns}: hours and percent as the CSV rounds them, the percent null where the CSV leaves
     * it empty) followed, per window, by the exact figures the CSV is written from: {@code _<i>_uptime_micros},
     * {@code _<i>_downtime_micros} and the window's range for the store, {@code _<i>_from_micros},
     * {@code _<i>_to_micros}.
     */
    static StructType report(List<ReportWindow> windows) {
        if (windows.isEmpty()) {
            return REPORT;
        }
        List<String> names = ReportCsv.columns(windows);
        StructType type = new StructType().add(names.get(0), DataTypes.StringType, false);
        for (int w = 0; w < windows.size(); w++) {
            type = type.add(names.get(1 + 3 * w), WINDOW_HOURS, false)
                    .add(names.get(2 + 3 * w), WINDOW_HOURS, false)
                    .add(names.get(3 + 3 * w), PERCENT, true);
        }
        for (int w = 0; w < windows.size(); w++) {
            for (String exact : EXACT) {
                type = type.add("_" + w + "_" + exact, DataTypes.LongType, false);
            }
        }
        return type;
    }

    /** The exact columns of a window, in order. */
    static final List<String> EXACT = List.of("uptime_micros", "downtime_micros", "from_micros", "to_micros");

    private Columns() {
    }
}
