package org.storeuptime.core.reports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.ReportWindow;

/**
 * The contract of {@link ReportRepository}, run against every implementation: extend it and return a fresh,
 * empty repository from {@link #repository()}.
 */
public abstract class AbstractReportRepositoryTest {

    protected static final Instant T0 = Instant.parse("2024-03-10T06:59:59.123456Z");

    /** A fresh, empty repository for one test. */
    protected abstract ReportRepository repository();

    @Test
    void createdReportIsPendingAndFound() {
        ReportRepository repo = repository();
        UUID id = UUID.randomUUID();
        ReportOptions options = ReportOptions.DEFAULTS.withExtrapolation(Extrapolation.CARRY_FORWARD)
                .withLookback(Duration.ofHours(6));
        repo.create(id, T0, Instant.parse("2023-01-25T18:13:22Z"), options);

        ReportRecord r = repo.find(id).orElseThrow();
        assertThat(r.state()).isEqualTo(ReportState.PENDING);
        assertThat(r.createdAt()).isEqualTo(T0);
        assertThat(r.requestedNow()).isEqualTo(Instant.parse("2023-01-25T18:13:22Z"));
        assertThat(r.options()).isEqualTo(options);
        assertThat(r.startedAt()).isNull();
        assertThat(r.finishedAt()).isNull();
        assertThat(r.storeCount()).isNull();
        assertThat(repo.csv(id)).isEmpty();
        assertThat(repo.unfinished()).extracting(ReportRecord::id).containsExactly(id);
    }

    @Test
    void windowsAreKeptInOrderThroughTheLifeCycle() {
        ReportRepository repo = repository();
        UUID id = UUID.randomUUID();
        ReportRequest request = ReportRequest.parse("2024-10-01T00:00:00Z", "PT6H", "carry-forward",
                List.of("30d", "2024-09", "previous-month", "2024-09-01/2024-09-15",
                        "2024-09-01T00:00:00Z/2024-09-02T00:00:00.5Z"));
        ReportRecord created = repo.create(id, T0, request);
        assertThat(created.request()).isEqualTo(request);
        assertThat(repo.find(id).orElseThrow().request()).isEqualTo(request);

        assertThat(repo.claim(id, T0.plusSeconds(1))).isTrue();
        repo.progress(id, 1, 2);
        assertThat(repo.find(id).orElseThrow().windows()).isEqualTo(request.windows());
        assertThat(repo.restart(id, T0.plusSeconds(2))).isTrue();
        assertThat(repo.complete(id, Instant.parse("2024-10-01T00:00:00Z"), 2, "csv".getBytes(UTF_8),
                T0.plusSeconds(3))).isTrue();
        ReportRecord complete = repo.find(id).orElseThrow();
        assertThat(complete.request()).isEqualTo(request);
        assertThat(complete.isClassic()).isFalse();
        assertThat(repo.list(10)).singleElement().extracting(ReportRecord::windows).isEqualTo(request.windows());

        UUID failing = UUID.randomUUID();
        repo.create(failing, T0, ReportRequest.parse(null, null, null, List.of("month")));
        repo.fail(failing, "broken", T0);
        assertThat(repo.find(failing).orElseThrow().windows()).extracting(ReportWindow::text)
                .containsExactly("month");
        assertThat(repo.unfinished()).isEmpty();
    }

    @Test
    void classicReportHasNoWindows() {
        ReportRepository repo = repository();
        UUID id = UUID.randomUUID();
        repo.create(id, T0, null, ReportOptions.DEFAULTS);
        ReportRecord r = repo.find(id).orElseThrow();
        assertThat(r.windows()).isEmpty();
        assertThat(r.isClassic()).isTrue();
        assertThat(r.request()).isEqualTo(ReportRequest.classic());
    }

    @Test
    void unknownReportIsNotFound() {
        ReportRepository repo = repository();
        UUID id = UUID.randomUUID();
        assertThat(repo.find(id)).isEmpty();
        assertThat(repo.csv(id)).isEmpty();
        assertThat(repo.claim(id, T0)).isFalse();
        assertThat(repo.complete(id, T0, 1, new byte[0], T0)).isFalse();
        assertThat(repo.fail(id, "x", T0)).isFalse();
    }

    @Test
    void duplicateIdIsRejected() {
        ReportRepository repo = repository();
        UUID id = UUID.randomUUID();
        repo.create(id, T0, null, ReportOptions.DEFAULTS);
        assertThatThrownBy(() -> repo.create(id, T0, null, ReportOptions.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lifeCycleToComplete() {
        ReportRepository repo = repository();
        UUID id = UUID.randomUUID();
        repo.create(id, T0, null, ReportOptions.DEFAULTS);

        assertThat(repo.claim(id, T0.plusSeconds(1))).isTrue();
        assertThat(repo.claim(id, T0.plusSeconds(2))).isFalse();
        repo.progress(id, 10, 40);
        ReportRecord running = repo.find(id).orElseThrow();
        assertThat(running.state()).isEqualTo(ReportState.RUNNING);
        assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(running.storesDone()).isEqualTo(10);
        assertThat(running.storesTotal()).isEqualTo(40);
        assertThat(repo.csv(id)).isEmpty();

        byte[] csv = "store_id,x\n1,2.00\n".getBytes(UTF_8);
        Instant now = Instant.parse("2023-01-25T18:13:22.479220Z");
        assertThat(repo.complete(id, now, 40, csv, T0.plusSeconds(3))).isTrue();

        ReportRecord done = repo.find(id).orElseThrow();
        assertThat(done.state()).isEqualTo(ReportState.COMPLETE);
        assertThat(done.now()).isEqualTo(now);
        assertThat(done.storeCount()).isEqualTo(40);
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(repo.csv(id)).get().isEqualTo(csv);
        assertThat(repo.unfinished()).isEmpty();
    }

    @Test
    void completeCsvNeverChanges() {
        ReportRepository repo = repository();
        UUID id = UUID.randomUUID();
        repo.create(id, T0, null, ReportOptions.DEFAULTS);
        repo.claim(id, T0);
        byte[] csv = "a\n".getBytes(UTF_8);
        repo.complete(id, T0, 1, csv, T0);
        csv[0] = 'b';

        assertThat(repo.complete(id, T0, 2, "c\n".getBytes(UTF_8), T0)).isFalse();
        assertThat(repo.fail(id, "late", T0)).isFalse();
        assertThat(repo.restart(id, T0)).isFalse();
        repo.progress(id, 0, 5);
        assertThat(repo.csv(id)).get().isEqualTo("a\n".getBytes(UTF_8));
        assertThat(repo.find(id).orElseThrow().state()).isEqualTo(ReportState.COMPLETE);
        assertThat(repo.find(id).orElseThrow().storeCount()).isEqualTo(1);
    }

    @Test
    void pendingReportCannotCompleteWithoutClaim() {
        ReportRepository repo = repository();
        UUID id = UUID.randomUUID();
        repo.create(id, T0, null, ReportOptions.DEFAULTS);
        assertThat(repo.complete(id, T0, 1, new byte[] {1}, T0)).isFalse();
        assertThat(repo.find(id).orElseThrow().state()).isEqualTo(ReportState.PENDING);
    }

    @Test
    void failureKeepsTheError() {
        ReportRepository repo = repository();
        UUID id = UUID.randomUUID();
        repo.create(id, T0, null, ReportOptions.DEFAULTS);
        repo.claim(id, T0);
        assertThat(repo.fail(id, "database went away", T0.plusSeconds(5))).isTrue();
        ReportRecord r = repo.find(id).orElseThrow();
        assertThat(r.state()).isEqualTo(ReportState.FAILED);
        assertThat(r.error()).isEqualTo("database went away");
        assertThat(r.finishedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(repo.fail(id, "again", T0)).isFalse();
        assertThat(repo.csv(id)).isEmpty();
    }

    @Test
    void restartResetsProgressOfRunningReportOnly() {
        ReportRepository repo = repository();
        UUID id = UUID.randomUUID();
        repo.create(id, T0, null, ReportOptions.DEFAULTS);
        assertThat(repo.restart(id, T0)).isFalse();
        repo.claim(id, T0);
        repo.progress(id, 7, 9);
        assertThat(repo.restart(id, T0.plusSeconds(60))).isTrue();
        ReportRecord r = repo.find(id).orElseThrow();
        assertThat(r.state()).isEqualTo(ReportState.RUNNING);
        assertThat(r.storesDone()).isZero();
        assertThat(r.startedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void listIsNewestFirstAndLimited() {
        ReportRepository repo = repository();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            repo.create(id, T0.plusSeconds(i), null, ReportOptions.DEFAULTS);
        }
        assertThat(repo.list(3)).extracting(ReportRecord::id).containsExactly(ids.get(4), ids.get(3), ids.get(2));
        assertThat(repo.list(50)).hasSize(5);
        assertThat(repo.unfinished()).extracting(ReportRecord::id).containsExactlyElementsOf(ids);
    }

    @Test
    void twoWorkersClaimingTheSamePendingReportExactlyOneWins() throws Exception {
        ReportRepository repo = repository();
        for (int round = 0; round < 20; round++) {
            UUID id = UUID.randomUUID();
            repo.create(id, T0, null, ReportOptions.DEFAULTS);
            CountDownLatch start = new CountDownLatch(1);
            Callable<Boolean> claim = () -> {
                start.await();
                return repo.claim(id, T0);
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Boolean> a = pool.submit(claim);
                Future<Boolean> b = pool.submit(claim);
                start.countDown();
                assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(true, false);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static UUID finished(ReportRepository repo, Instant createdAt, Instant finishedAt, boolean complete) {
        UUID id = UUID.randomUUID();
        repo.create(id, createdAt, null, ReportOptions.DEFAULTS);
        repo.claim(id, createdAt);
        if (complete) {
            repo.complete(id, createdAt, 1, ("csv of " + id + "\n").getBytes(UTF_8), finishedAt);
        } else {
            repo.fail(id, "failed for the test", finishedAt);
        }
        return id;
    }

    @Test
    void pruneKeepsTheNewestFinishedReportsAndNeverUnfinishedOnes() {
        ReportRepository repo = repository();
        List<UUID> done = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            done.add(finished(repo, T0.plusSeconds(10 + i), T0.plusSeconds(20 + i), i % 2 == 0));
        }
        // older than every finished one, so a count over all reports would remove these first
        UUID running = UUID.randomUUID();
        repo.create(running, T0, null, ReportOptions.DEFAULTS);
        repo.claim(running, T0);
        UUID pending = UUID.randomUUID();
        repo.create(pending, T0.plusSeconds(1), null, ReportOptions.DEFAULTS);

        assertThat(repo.prune(ReportRetention.of(2, Duration.ofDays(30)), T0.plusSeconds(100))).isEqualTo(3);

        assertThat(repo.list(50)).extracting(ReportRecord::id)
                .containsExactly(done.get(4), done.get(3), pending, running);
        for (UUID gone : done.subList(0, 3)) {
            assertThat(repo.find(gone)).isEmpty();
            assertThat(repo.csv(gone)).isEmpty();
        }
        assertThat(repo.csv(done.get(4))).get().isEqualTo(("csv of " + done.get(4) + "\n").getBytes(UTF_8));
        assertThat(repo.unfinished()).extracting(ReportRecord::id).containsExactly(running, pending);
        assertThat(repo.prune(ReportRetention.of(2, Duration.ofDays(30)), T0.plusSeconds(100))).isZero();
    }

    @Test
    void pruneRemovesReportsFinishedBeforeTheCutoff() {
        ReportRepository repo = repository();
        Instant day = T0;
        UUID old = finished(repo, day, day.plus(Duration.ofDays(1)), true);
        UUID oldFailed = finished(repo, day.plus(Duration.ofDays(2)), day.plus(Duration.ofDays(2)), false);
        UUID recent = finished(repo, day.plus(Duration.ofDays(3)), day.plus(Duration.ofDays(20)), true);
        UUID running = UUID.randomUUID();
        repo.create(running, day, null, ReportOptions.DEFAULTS);
        repo.claim(running, day);
        Instant now = day.plus(Duration.ofDays(40));

        // cut-off day 10: both reports finished before it go, whatever their state
        assertThat(repo.prune(ReportRetention.of(500, Duration.ofDays(30)), now)).isEqualTo(2);

        assertThat(repo.find(old)).isEmpty();
        assertThat(repo.find(oldFailed)).isEmpty();
        assertThat(repo.csv(old)).isEmpty();
        assertThat(repo.find(recent)).isPresent();
        assertThat(repo.find(running).orElseThrow().state()).isEqualTo(ReportState.RUNNING);
        // finishing exactly at the cut-off is still kept
        assertThat(repo.prune(ReportRetention.of(500, Duration.ofDays(20)), day.plus(Duration.ofDays(40)))).isZero();
        assertThat(repo.prune(ReportRetention.of(500, Duration.ofDays(1)), day.plus(Duration.ofDays(40)))).isEqualTo(1);
        assertThat(repo.list(50)).extracting(ReportRecord::id).containsExactly(running);
    }
}
