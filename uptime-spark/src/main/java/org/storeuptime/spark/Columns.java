package org.storeuptime.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
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

    private Columns() {
    }
}
