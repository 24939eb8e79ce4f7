package org.storeuptime.spark;

import java.nio.file.Path;
import java.time.Instant;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.ReportCsv;

/** The reference: the report CSV the core computes on one machine, as {@code uptime report --data} does. */
final class CoreReports {

    private CoreReports() {
    }

    static byte[] csv(InputFiles files, Instant now, ReportOptions options) {
        var data = InputLoader.load(files, LoadOptions.LENIENT).data();
        return ReportCsv.toBytes(UptimeEngine.builder().options(options).build().report(data, now));
    }

    /** The report of {@code request}, as {@code uptime report --data ... --window ...} computes it. */
    static byte[] csv(InputFiles files, ReportRequest request) {
        var data = InputLoader.load(files, LoadOptions.LENIENT).data();
        return ReportCsv.toBytes(UptimeEngine.create().report(data, request));
    }

    static byte[] csv(Path dir) {
        return csv(InputFiles.inDirectory(dir), null, ReportOptions.DEFAULTS);
    }
}
