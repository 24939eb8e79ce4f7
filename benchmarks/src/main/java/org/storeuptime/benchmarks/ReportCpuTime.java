package org.storeuptime.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;

/**
 * The thread CPU time of one whole in-memory report, for comparing two builds on a machine too busy for JMH's
 * wall-clock figures: other processes' load delays a thread but adds little to its own CPU time.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.storeuptime.benchmarks.ReportCpuTime DATA_DIR</pre>
 */
public final class ReportCpuTime {

    private static final int WARMUP = 30;
    private static final int MEASURED = 40;

    private ReportCpuTime() {
    }

    /** Loads the data set of folder {@code args[0]} and prints the median CPU time of a report. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ReportCpuTime DATA_DIR (holding store_status.csv, menu_hours.csv, timezones.csv)");
            System.exit(2);
        }
        StoreDataSet data = InputLoader.load(InputFiles.inDirectory(Path.of(args[0])), LoadOptions.LENIENT).data();
        UptimeEngine engine = UptimeEngine.create();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long rows = 0;
        for (int i = 0; i < WARMUP; i++) {
            rows += engine.report(data).rows().size();
        }
        double[] millis = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = threads.getCurrentThreadCpuTime();
            rows += engine.report(data).rows().size();
            millis[i] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "median %.2f ms CPU per report, min %.2f, p90 %.2f (%d rows in all)%n",
                millis[MEASURED / 2], millis[0], millis[MEASURED * 9 / 10], rows);
    }
}
