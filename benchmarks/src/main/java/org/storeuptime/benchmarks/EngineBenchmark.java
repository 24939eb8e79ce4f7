package org.storeuptime.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.TimeInterval;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.UptimeReport;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.sample.SampleDataGenerator;

/**
 * The engine alone on in-memory data shaped like the published data set: interval building, the
 * considered-poll filter, extrapolation and the three windows for every store, and a report of the last 30 days. The {@code polls} counter is
 * the number of polls in the report's considered range (the last 8 days) handed to the engine, so its rate is
 * polls per second through the engine.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EngineBenchmark</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class EngineBenchmark {

    /** The data set, generated once per fork. */
    @State(Scope.Benchmark)
    public static class Data {
        /** {@code loop}: 4,500 stores over 70 days, about 1.85 million polls. */
        @Param({"loop"})
        public String dataSet;

        StoreDataSet data;
        Instant now;
        long consideredPolls;
        /** The request of a report of the last 30 days, ending at {@link #now}. */
        ReportRequest last30Days;
        /** The polls that report reads: 30 days plus the lookback. */
        long windowPolls;
        UptimeEngine engine = UptimeEngine.create();

        /** Generates the data set into a temporary folder, loads it, and counts the polls a report reads. */
        @Setup(Level.Trial)
        public void generate() throws IOException {
            Path dir = Files.createTempDirectory("uptime-bench-");
            try {
                int stores = dataSet.equals("loop-x10") ? 45_000 : 4_500;
                SampleDataGenerator.builder().stores(stores).days(70).seed(2024).build().generate(dir);
                data = InputLoader.load(InputFiles.inDirectory(dir), LoadOptions.LENIENT).data();
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            now = engine.resolveNow(data, null);
            long[] count = {0};
            data.forEachStore(engine.consideredFrom(now), now, (store, polls) -> count[0] += polls.size());
            consideredPolls = count[0];
            last30Days = ReportRequest.builder().now(now).window("30d").build();
            TimeInterval range = engine.pollRange(now, last30Days);
            long[] inWindow = {0};
            data.forEachStore(range.start(), range.end(), (store, polls) -> inWindow[0] += polls.size());
            windowPolls = inWindow[0];
        }
    }

    /** Counts polls through the engine, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long polls;
    }

    /** A whole report over every store. */
    @Benchmark
    public UptimeReport report(Data d, Counters counters) {
        counters.polls += d.consideredPolls;
        return d.engine.report(d.data, d.now);
    }

    /** A report of the last 30 days ({@code --window 30d}) over every store; {@code polls} counts what it reads. */
    @Benchmark
    public UptimeReport reportLast30Days(Data d, Counters counters) {
        counters.polls += d.windowPolls;
        return d.engine.report(d.data, d.last30Days);
    }

    /** Reads a source without computing anything: what the engine's time is measured against. */
    @Benchmark
    public long sourceOnly(Data d) {
        ReportSource source = d.data;
        long[] sum = {0};
        source.forEachStore(d.engine.consideredFrom(d.now), d.now, (store, polls) -> {
            for (int i = 0; i < polls.size(); i++) {
                sum[0] += polls.epochMicros(i);
            }
        });
        return sum[0];
    }
}
