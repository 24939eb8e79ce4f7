package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportState;
import org.storeuptime.server.reports.ReportSchedule;
import org.storeuptime.server.reports.ReportService;

/** Token, progress, conflicts, shutdown, reports folder and mounting under a prefix, over real HTTP. */
class ServerBehaviourTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final StoreDataSet data = TestData.stores(12);

    @Test
    void tokenIsRequiredEverywhereButHealth() {
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(data).build())
                .port(0).apiToken("s3cret").build().start()) {
            Http anonymous = new Http(server.url());
            for (String path : List.of("/reports", "/get_report?report_id=6c2a7c7e-3d5b-4b8e-9f0a-2b1c3d4e5f60")) {
                Http.Response r = anonymous.get(path);
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
                assertThat(r.json().get("error").asText()).contains("bearer token");
            }
            assertThat(anonymous.post("/trigger_report", "").status()).isEqualTo(401);
            assertThat(anonymous.get("/health").status()).isEqualTo(200);
            assertThat(anonymous.withHeader("Authorization", "Bearer wrong").get("/reports").status()).isEqualTo(401);
            assertThat(anonymous.withHeader("Authorization", "s3cret").get("/reports").status()).isEqualTo(401);

            Http authorized = anonymous.withHeader("Authorization", "Bearer s3cret");
            String id = authorized.post("/trigger_report", "").json().get("report_id").asText();
            assertThat(authorized.awaitReport("", id, TIMEOUT).header("X-Report-Status")).isEqualTo("Complete");
        }
    }

    @Test
    void runningReportShowsProgressAndItsCsvIsAConflict() throws Exception {
        GatedSource source = new GatedSource(data);
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(source)
                .progressInterval(Duration.ZERO).build()).port(0).build().start()) {
            Http http = new Http(server.url());
            String id = http.post("/trigger_report", "").json().get("report_id").asText();
            assertThat(source.reachedGate.await(10, TimeUnit.SECONDS)).isTrue();

            JsonNode running = http.get("/get_report?report_id=" + id).json();
            assertThat(running.get("status").asText()).isEqualTo("Running");
            assertThat(running.get("progress").get("stores_total").asInt()).isEqualTo(12);
            assertThat(running.get("progress").get("stores_done").asInt()).isBetween(0, 11);
            assertThat(http.get("/reports/" + id).json().get("state").asText()).isEqualTo("running");

            Http.Response conflict = http.get("/reports/" + id + "/csv");
            assertThat(conflict.status()).isEqualTo(409);
            assertThat(conflict.json().get("state").asText()).isEqualTo("running");

            source.open();
            assertThat(http.awaitReport("", id, TIMEOUT).header("X-Report-Status")).isEqualTo("Complete");
        }
    }

    @Test
    void failedReportIsReportedAsFailed() {
        StoreDataSet empty = StoreDataSet.builder().build();
        org.storeuptime.core.ReportSource broken = new org.storeuptime.core.ReportSource() {
            @Override
            public java.util.Optional<Instant> latestPollTime() {
                return empty.latestPollTime();
            }

            @Override
            public int storeCount() {
                return 3;
            }

            @Override
            public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
                throw new org.storeuptime.core.ReportFailedException("polls file vanished");
            }
        };
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(broken).build())
                .port(0).build().start()) {
            Http http = new Http(server.url());
            String id = http.post("/trigger_report", "").json().get("report_id").asText();
            JsonNode failed = http.awaitReport("", id, TIMEOUT).json();
            assertThat(failed.get("status").asText()).isEqualTo("Failed");
            assertThat(failed.get("error").asText()).isEqualTo("polls file vanished");
            assertThat(http.get("/reports/" + id).json().get("state").asText()).isEqualTo("failed");
            assertThat(http.get("/reports/" + id + "/csv").status()).isEqualTo(409);
        }
    }

    @Test
    void reportsFolderReceivesEveryCompleteCsv(@TempDir Path dir) {
        Path folder = dir.resolve("out");
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(data)
                .reportsDirectory(folder).build()).port(0).build().start()) {
            Http http = new Http(server.url());
            String id = http.post("/trigger_report", "").json().get("report_id").asText();
            byte[] csv = http.awaitReport("", id, TIMEOUT).bytes();
            // the copy is written right after the report is stored complete
            Path file = folder.resolve("store_report_" + id + ".csv");
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!Files.exists(file) && System.nanoTime() < deadline) {
                sleep(20);
            }
            assertThat(file).hasBinaryContent(csv);
        }
        assertThat(folder.toFile().list()).allMatch(name -> name.startsWith("store_report_") && name.endsWith(".csv"));
    }

    @Test
    void stoppingMarksUnfinishedInMemoryReportsFailedAfterTheGrace() throws Exception {
        GatedSource source = new GatedSource(data);
        ReportService service = ReportService.builder().source(source).shutdownGrace(Duration.ofMillis(200)).build();
        service.start();
        ReportRecord record = service.trigger(ReportOptions.DEFAULTS);
        assertThat(source.reachedGate.await(10, TimeUnit.SECONDS)).isTrue();
        service.close();
        ReportRecord after = service.find(record.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(ReportState.FAILED);
        assertThat(after.error()).contains("stopped");
        source.open();
    }

    @Test
    void stoppingLetsRunningReportsFinishWithinTheGrace() throws Exception {
        GatedSource source = new GatedSource(data);
        ReportService service = ReportService.builder().source(source).shutdownGrace(Duration.ofSeconds(20)).build();
        service.start();
        ReportRecord record = service.trigger(ReportOptions.DEFAULTS);
        assertThat(source.reachedGate.await(10, TimeUnit.SECONDS)).isTrue();
        Thread opener = new Thread(() -> {
            sleep(300);
            source.open();
        });
        opener.start();
        service.close();
        assertThat(service.find(record.id()).orElseThrow().state()).isEqualTo(ReportState.COMPLETE);
        opener.join();
    }

    @Test
    void callersExecutorRunsTheReportsAndIsLeftRunning() throws Exception {
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "callers-own-thread"));
        try {
            java.util.concurrent.atomic.AtomicReference<String> thread = new java.util.concurrent.atomic.AtomicReference<>();
            org.storeuptime.core.ReportSource spy = new org.storeuptime.core.ReportSource() {
                @Override
                public java.util.Optional<Instant> latestPollTime() {
                    return data.latestPollTime();
                }

                @Override
                public int storeCount() {
                    return data.storeCount();
                }

                @Override
                public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
                    thread.set(Thread.currentThread().getName());
                    data.forEachStore(from, to, consumer);
                }
            };
            ReportService service = ReportService.builder().source(spy).executor(executor).build();
            service.start();
            ReportRecord record = service.trigger(ReportOptions.DEFAULTS);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (service.find(record.id()).orElseThrow().state() != ReportState.COMPLETE
                    && System.nanoTime() < deadline) {
                sleep(20);
            }
            service.close();
            assertThat(service.find(record.id()).orElseThrow().state()).isEqualTo(ReportState.COMPLETE);
            assertThat(thread.get()).isEqualTo("callers-own-thread");
            assertThat(executor.isShutdown()).as("the caller owns the executor").isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void cronScheduleGeneratesReportsInMemory() {
        // every second; the clock is the system's, so this waits about one or two seconds of real time
        ReportService service = ReportService.builder().source(data)
                .schedule(ReportSchedule.cron("* * * * * *")).build();
        service.start();
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<ReportRecord> reports = service.list(10);
            while (reports.stream().noneMatch(r -> r.state() == ReportState.COMPLETE) && System.nanoTime() < deadline) {
                sleep(50);
                reports = service.list(10);
            }
            ReportRecord done = reports.stream().filter(r -> r.state() == ReportState.COMPLETE).findFirst()
                    .orElseThrow();
            assertThat(service.csv(done.id()).orElseThrow())
                    .isEqualTo(ReportCsv.toBytes(UptimeEngine.create().report(data)));
        } finally {
            service.close();
        }
    }

    @Test
    void routesMountUnderAPrefixBesideTheHostsRoutes() {
        ReportService service = ReportService.builder().source(data).build();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/hello", ctx -> ctx.result("host says hello"));
            config.routes.get("/reports", ctx -> ctx.result("the host's own reports"));
            UptimeRoutes.register(config, "/uptime/", service);
        }).start("127.0.0.1", 0);
        try {
            Http http = new Http("http://127.0.0.1:" + app.port());
            assertThat(http.get("/hello").text()).isEqualTo("host says hello");
            assertThat(http.get("/reports").text()).isEqualTo("the host's own reports");
            Http.Response trigger = http.post("/uptime/trigger_report", "");
            assertThat(trigger.status()).isEqualTo(202);
            String id = trigger.json().get("report_id").asText();
            assertThat(trigger.header("Location")).isEqualTo("/uptime/get_report?report_id=" + id);
            Http.Response csv = http.awaitReport("/uptime", id, TIMEOUT);
            assertThat(csv.header("X-Report-Status")).isEqualTo("Complete");
            assertThat(http.get("/uptime/reports/" + id).json().get("state").asText()).isEqualTo("complete");
            assertThat(http.get("/uptime/health").status()).isEqualTo(200);
        } finally {
            app.stop();
        }
        assertThat(service.healthy()).as("the routes close the service when the host stops").isFalse();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
