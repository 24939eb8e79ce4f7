/**
 * The pure domain of Store Uptime: business hours, polls, the uptime engine, the input and report CSV files and
 * the report records. Needs only the JDK and commons-csv.
 *
 * <p>Exported: {@code org.storeuptime.core} (the engine and its values), {@code org.storeuptime.core.csv} (loading
 * input files, writing reports) and {@code org.storeuptime.core.reports} (report records and their repository
 * port). The row readers in {@code org.storeuptime.core.csv.internal} are shared with our own importer and Spark
 * job only.
 */
// the targets of the qualified export are not in this module's graph when it is compiled (and uptime-spark is an
// automatic module only, see docs/modules.md)
@SuppressWarnings("module")
module org.storeuptime.core {
    requires org.apache.commons.csv;
    // @NullMarked and @Nullable on the exported packages: read by tools at compile time, not needed at run time
    requires static org.jspecify;
    // SQLException and its SQLState, only to tell a transient DatabaseException from another (a JDK module)
    requires transitive java.sql;

    exports org.storeuptime.core;
    exports org.storeuptime.core.csv;
    exports org.storeuptime.core.reports;
    exports org.storeuptime.core.csv.internal to org.storeuptime.jdbc, org.storeuptime.spark;
}
