package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeuptime.jdbc.schema.Tables.STORE_STATUS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;

/**
 * Proof that reports stream: with a heap too small to hold the polls (the same JVM fails when it copies
 * them into memory first), the report over the database succeeds and equals the one computed here.
 *
 * <p>The child JVMs run with {@code -XX:+ExitOnOutOfMemoryError}: the copying run ends at its first
 * out-of-memory error. Before, the error unwound through the report source, whose clean-up then drained the
 * rest of the COPY with a full heap, in garbage collection after garbage collection: 18 to over 120 seconds
 * in 7 of 22 runs. Now the process is gone at once, and its connection with it.
 */
class StreamingReportTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private static final String HEAP = "-Xmx20m";
    private static final int STORES = 6_000;
    private static final int POLLS_PER_STORE = 250;

    private record Run(int exitCode, String output) {
    }

    private static Run fork(String mode) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Duser.timezone=Pacific/Chatham",
                "-cp", System.getProperty("java.class.path"),
                SmallHeapReport.class.getName(), DB.database().urlWithSettings(), DB.schema(), mode));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the small-heap report did not finish in 120 s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void reportOverMorePollsThanTheHeapHoldsStreams() throws Exception {
        DSLContext dsl = DSL.using(DB.dataSource(), SQLDialect.POSTGRES, new Settings().withRenderMapping(
                new RenderMapping().withSchemata(new MappedSchema().withInput("public").withOutput(DB.schema()))));
        // 1.5 million polls: every 40 minutes for about a week, with a pattern of outages.
        var store = DSL.field(DSL.name("s"), Integer.class);
        var poll = DSL.field(DSL.name("p"), Integer.class);
        dsl.insertInto(STORE_STATUS, STORE_STATUS.STORE_ID, STORE_STATUS.TIMESTAMP_UTC, STORE_STATUS.STATUS)
                .select(DSL.select(
                                DSL.concat(DSL.inline("store-"), store.cast(String.class)),
                                DSL.field("timestamptz '2024-10-07 00:00:00+00' + {0} * interval '1 second'",
                                        STORE_STATUS.TIMESTAMP_UTC.getDataType(), poll.mul(2400).plus(store)),
                                DSL.when(store.plus(poll).mod(7).eq(0), DSL.inline("inactive")).otherwise(DSL.inline("active")))
                        .from(DSL.generateSeries(1, STORES).as("stores", "s"))
                        .crossJoin(DSL.generateSeries(0, POLLS_PER_STORE - 1).as("polls", "p")))
                .execute();
        assertThat(dsl.fetchCount(STORE_STATUS)).isEqualTo(STORES * POLLS_PER_STORE);

        byte[] csv = ReportCsv.toBytes(UptimeEngine.create().report(DB.uptimeDatabase().reportSource()));
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv));

        Run streamed = fork("jdbc");
        assertThat(streamed.exitCode()).as(streamed.output()).isZero();
        assertThat(streamed.output()).contains(expected);

        long started = System.nanoTime();
        Run whole = fork("memory");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        // 3 is the exit status of -XX:+ExitOnOutOfMemoryError: the heap ran out, nothing else went wrong
        assertThat(whole.exitCode()).as("copying all polls into memory must not fit in " + HEAP + ":\n"
                + whole.output()).isEqualTo(3);
        assertThat(whole.output()).contains("Terminating due to java.lang.OutOfMemoryError: Java heap space")
                .doesNotContain(expected);
        System.out.println("StreamingReportTest: the copying run ran out of memory and ended after " + seconds + " s");
    }
}
