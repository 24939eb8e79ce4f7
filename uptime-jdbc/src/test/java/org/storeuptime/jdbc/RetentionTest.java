package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.sample.SampleDataGenerator;

/**
 * {@link UptimeDatabase#prune}: what a report needs stays (reports are byte-identical afterwards), a too short
 * keep is refused and changes nothing. On TimescaleDB (chunks of two days here, so that a month of polls has many)
 * whole chunks are dropped and the chunk holding the cut is trimmed; on plain PostgreSQL rows go in batches.
 */
class RetentionTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    private static final Instant NOW = Instant.parse("2024-03-20T10:17:00Z");

    @TempDir
    static Path data;

    private UptimeDatabase db;
    private DSLContext dsl;

    @BeforeEach
    void freshData() {
        db = UptimeDatabase.builder(DB.dataSource()).schema(DB.schema()).chunkInterval(Duration.ofDays(2)).build();
        db.migrate();
        dsl = DSL.using(DB.dataSource(), SQLDialect.POSTGRES);
        dsl.truncate(DSL.table(DSL.name(DB.schema(), "store_status"))).execute();
        if (!data.resolve("store_status.csv").toFile().exists()) {
            SampleDataGenerator.builder().stores(40).days(30).seed(8).now(NOW).build().generate(data);
        }
        db.importer().importFiles(InputFiles.inDirectory(data));
    }

    private byte[] report(ReportOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportCsv.write(UptimeEngine.builder().options(options).build().report(db.reportSource()), out);
        return out.toByteArray();
    }

    private long polls() {
        return dsl.fetchCount(DSL.table(DSL.name(DB.schema(), "store_status")));
    }

    private long pollsBefore(Instant cutoff) {
        return dsl.fetchCount(DSL.table(DSL.name(DB.schema(), "store_status")),
                DSL.field(DSL.name("timestamp_utc"), OffsetDateTime.class).lt(cutoff.atOffset(ZoneOffset.UTC)));
    }

    private Instant latest() {
        return db.reportSource().latestPollTime().orElseThrow();
    }

    @Test
    void reportsAfterThePruneAreByteIdenticalAndOnlyOlderPollsWent() {
        byte[] before = report(ReportOptions.DEFAULTS);
        byte[] beforeLongLookback = report(ReportOptions.DEFAULTS.withLookback(Duration.ofHours(60)));
        long all = polls();
        Instant latest = latest();
        Instant cutoff = latest.minus(Duration.ofDays(9).plusHours(12));
        long older = pollsBefore(cutoff);
        assertThat(older).isGreaterThan(all / 4);

        PruneResult result = new Retention(new SchemaContext(db.dataSource(), db.schema()), 997)
                .prune(Duration.ofDays(9).plusHours(12), Duration.ofHours(60), false);

        assertThat(result.latestPoll()).isEqualTo(latest);
        assertThat(result.cutoff()).isEqualTo(cutoff);
        assertThat(result.pollsRemoved()).isEqualTo(older);
        assertThat(polls()).isEqualTo(all - older);
        assertThat(pollsBefore(cutoff)).isZero();
        if (db.timescaleAvailable()) {
            assertThat(result.chunksDropped()).isGreaterThan(3);
            assertThat(result.pollsInDroppedChunks()).isGreaterThan(0);
            assertThat(result.pollsDeleted()).isGreaterThan(0).isLessThan(older);
        } else {
            assertThat(result.chunksDropped()).isZero();
            assertThat(result.pollsDeleted()).isEqualTo(older).isGreaterThan(997 * 3);
        }
        assertThat(result.describe()).startsWith("removed " + older + " polls older than " + cutoff);

        assertThat(report(ReportOptions.DEFAULTS)).isEqualTo(before);
        assertThat(report(ReportOptions.DEFAULTS.withLookback(Duration.ofHours(60)))).isEqualTo(beforeLongLookback);
        assertThat(latest()).isEqualTo(latest);

        PruneResult again = db.prune(Duration.ofDays(9).plusHours(12));
        assertThat(again.pollsRemoved()).isZero();
        assertThat(polls()).isEqualTo(all - older);
    }

    @Test
    void aKeepShorterThanAReportNeedsIsRefusedAndChangesNothing() {
        long all = polls();
        assertThatThrownBy(() -> db.prune(Duration.ofDays(7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keep PT168H (7 days) is shorter than a report needs: 7 days (the report's week) plus the"
                        + " longest lookback in use (PT24H) = PT192H (8 days); keep at least that, or force it"
                        + " (reports would change)");
        assertThatThrownBy(() -> db.prune(Duration.ofDays(8), Duration.ofHours(36), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(PT36H) = PT204H (8.50 days)");
        assertThatThrownBy(() -> db.prune(Duration.ZERO, Duration.ofHours(24), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keep must be positive: PT0S");
        assertThat(polls()).isEqualTo(all);
    }

    @Test
    void aForcedPruneKeepsExactlyWhatWasAskedFor() {
        Instant latest = latest();
        long kept = polls() - pollsBefore(latest.minus(Duration.ofDays(2)));
        PruneResult result = db.prune(Duration.ofDays(2), Duration.ofHours(24), true);
        assertThat(result.cutoff()).isEqualTo(latest.minus(Duration.ofDays(2)));
        assertThat(polls()).isEqualTo(kept);
        assertThat(latest()).isEqualTo(latest);
        // every store is still reported, polls or not
        assertThat(db.reportSource().storeCount()).isEqualTo(40);
    }

    @Test
    void anEmptySchemaHasNothingToPrune() {
        dsl.truncate(DSL.table(DSL.name(DB.schema(), "store_status"))).execute();
        PruneResult result = db.prune(Duration.ofDays(30));
        assertThat(result.latestPoll()).isNull();
        assertThat(result.describe()).isEqualTo("no polls: nothing to remove");
    }
}
