package org.storeuptime.jdbc;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.postgresql.ds.PGSimpleDataSource;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;

/**
 * Run in a JVM with a small heap by {@link StreamingReportTest}: {@code jdbc} computes the report over the
 * database and prints the SHA-256 of its CSV; {@code memory} first copies every poll into a
 * {@link StoreDataSet}, as an adapter without streaming would.
 */
public final class SmallHeapReport {

    private SmallHeapReport() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        UptimeDatabase db = UptimeDatabase.builder(ds).schema(args[1]).build();
        byte[] csv;
        if (args[2].equals("jdbc")) {
            csv = ReportCsv.toBytes(UptimeEngine.create().report(db.reportSource()));
        } else {
            StoreDataSet.Builder whole = StoreDataSet.builder();
            db.reportSource().forEachStore(java.time.Instant.EPOCH, java.time.Instant.parse("2100-01-01T00:00:00Z"),
                    (store, polls) -> {
                        whole.store(store.id());
                        for (int i = 0; i < polls.size(); i++) {
                            whole.poll(store.id(), polls.epochMicros(i), polls.isActive(i));
                        }
                    });
            csv = ReportCsv.toBytes(UptimeEngine.create().report(whole.build()));
        }
        System.out.println(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv)));
    }
}
