package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storeuptime.server.reports.ReportService;

/**
 * Over raw sockets: the answers of docs/api.md for oversized and stalled bodies,
 * trailing garbage after JSON, methods a path does not take, requests Jetty refuses itself and non-canonical ids;
 * on the standalone server and, where the host's server is not involved, under a prefix in a host's Javalin app.
 */
class HttpContractTest {

    /** The status 413 in a log line, not three digits of a report id. */
    private static final java.util.regex.Pattern STATUS_413 =
            java.util.regex.Pattern.compile("(^|[^0-9a-fA-F])413([^0-9a-fA-F]|$)");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * The body timeout of the stalled-body test. Short, but not so short that a cold first request on a busy
     * machine counts as stalled: Jetty's idle timeout also runs while a request is handled.
     */
    private static final Duration SHORT_BODY_TIMEOUT = Duration.ofSeconds(3);

    private UptimeServer standalone;
    private Javalin host;

    @AfterEach
    void stop() {
        if (standalone != null) {
            standalone.stop();
        }
        if (host != null) {
            host.stop();
        }
    }

    /** Where requests go: a port and the prefix the API is mounted under. */
    private record Target(int port, String prefix) {
    }

    private Target standalone() {
        return standalone(UptimeServer.DEFAULT_BODY_TIMEOUT);
    }

    private Target standalone(Duration bodyTimeout) {
        standalone = UptimeServer.builder(ReportService.builder().source(TestData.stores(5)).build())
                .port(0).bodyTimeout(bodyTimeout).build().start();
        return new Target(standalone.port(), "");
    }

    private Target mounted(Duration idleTimeout) {
        host = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // the host's own choice of idle timeout; the API maps its expiry to 408 like the standalone server
            config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(idleTimeout.toMillis()));
            config.routes.get("/hello", ctx -> ctx.result("host says hello"));
            UptimeRoutes.register(config, "/uptime", ReportService.builder().source(TestData.stores(5)).build());
        }).start("127.0.0.1", 0);
        return new Target(host.port(), "/uptime");
    }

    private List<Target> bothServers() {
        return List.of(standalone(), mounted(Duration.ofSeconds(30)));
    }

    /** One answer read off the socket until the server closed it. */
    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            assertThat(headers.get("content-type")).as("content type of " + this).startsWith("application/json");
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String error() {
            JsonNode error = json().get("error");
            assertThat(error).as("error field of " + body).isNotNull();
            return error.asText();
        }
    }

    /** Sends {@code head} (request line and headers, without the empty line) and {@code body}, then reads. */
    private static Answer send(Target target, String head, byte[] body) throws IOException {
        return exchange(target, out -> {
            try {
                out.write((head + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before the whole body is sent (413); the answer is read below
            }
        });
    }

    private static Answer request(Target target, String method, String path) throws IOException {
        return send(target, method + " " + target.prefix() + path + " HTTP/1.1", new byte[0]);
    }

    private static Answer post(Target target, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send(target, "POST " + target.prefix() + path + " HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length, body);
    }

    private static Answer exchange(Target target, Consumer<OutputStream> writer) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", target.port())) {
            socket.setSoTimeout(60_000);
            writer.accept(socket.getOutputStream());
            return parse(socket.getInputStream());
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        String text = bytes.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("an HTTP answer: " + text).isPositive();
        List<String> lines = text.substring(0, end).lines().toList();
        int status = Integer.parseInt(lines.get(0).split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return new Answer(status, headers, text.substring(end + 4));
    }

    // oversized and stalled bodies

    @Test
    void aBodyOverAMillionBytesIs413Json() throws IOException {
        for (Target target : bothServers()) {
            byte[] body = new byte[1_000_001];
            java.util.Arrays.fill(body, (byte) ' ');
            Answer answer = send(target, "POST " + target.prefix() + "/trigger_report HTTP/1.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length, body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(413);
            assertThat(answer.error()).isEqualTo("request body is larger than 1000000 bytes");
            // the client's mistake: at debug, as documented, never a warning (Javalin's own refusal warns)
            assertThat(CapturedLogs.events()).anyMatch(e -> e.startsWith("DEBUG org.storeuptime.server.UptimeRoutes")
                    && e.contains("413"));
            // "413" as a number of its own: a report id in another warning may hold the digits
            assertThat(CapturedLogs.events()).noneMatch(e -> e.startsWith("WARN")
                    && (STATUS_413.matcher(e).find() || e.contains("max size")));

            // a million bytes exactly are read: white space around an empty object, a trigger with defaults
            byte[] fitting = new byte[1_000_000];
            java.util.Arrays.fill(fitting, (byte) ' ');
            fitting[0] = '{';
            fitting[fitting.length - 1] = '}';
            Answer fits = send(target, "POST " + target.prefix() + "/trigger_report HTTP/1.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + fitting.length, fitting);
            assertThat(fits.status()).as(fits.body()).isEqualTo(202);
        }
    }

    @Test
    void aClientThatStallsMidBodyGets408Json() throws IOException {
        for (Target target : List.of(standalone(SHORT_BODY_TIMEOUT), mounted(SHORT_BODY_TIMEOUT))) {
            long started = System.nanoTime();
            Answer answer = exchange(target, out -> {
                try {
                    out.write(("POST " + target.prefix() + "/trigger_report HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"now\":")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(answer.status()).as(answer.body()).isEqualTo(408);
            assertThat(answer.error()).contains("timed out");
            assertThat(took).as("answered after the body timeout, not Jetty's 30 s")
                    .isGreaterThanOrEqualTo(SHORT_BODY_TIMEOUT).isLessThan(Duration.ofSeconds(25));
        }
    }

    // trailing garbage after JSON

    @Test
    void aJsonBodyWithTrailingGarbageIs400() throws IOException {
        for (Target target : bothServers()) {
            for (String path : List.of("/trigger_report", "/reports")) {
                Answer garbage = post(target, path, "{\"now\":\"2024-10-14T12:00:00Z\"} xyz");
                assertThat(garbage.status()).as(garbage.body()).isEqualTo(400);
                assertThat(garbage.error()).startsWith("request body is not valid JSON");

                Answer twoValues = post(target, path, "{\"now\":\"2024-10-14T12:00:00Z\"}{}");
                assertThat(twoValues.status()).as(twoValues.body()).isEqualTo(400);

                Answer whiteSpace = post(target, path, "{\"now\":\"2024-10-14T12:00:00Z\"} \r\n\t ");
                assertThat(whiteSpace.status()).as(whiteSpace.body()).isEqualTo(202);
            }
        }
    }

    // methods a path does not take, and requests Jetty refuses itself

    @Test
    void methodsAPathDoesNotTakeAre405WithAllow() throws IOException {
        String unknown = "/reports/6c2a7c7e-3d5b-4b8e-9f0a-2b1c3d4e5f60";
        Map<String, String> allowed = Map.of("/trigger_report", "POST", "/reports", "GET, HEAD, POST",
                unknown, "GET, HEAD", unknown + "/csv", "GET, HEAD", "/health", "GET, HEAD",
                "/get_report?report_id=x", "GET, HEAD");
        for (Target target : bothServers()) {
            for (var path : allowed.entrySet()) {
                for (String method : List.of("OPTIONS", "TRACE", "PUT", "DELETE", "PATCH", "FOO", "BREW")) {
                    Answer answer = request(target, method, path.getKey());
                    assertThat(answer.status()).as(method + " " + path.getKey() + ": " + answer.body()).isEqualTo(405);
                    assertThat(answer.headers()).containsEntry("allow", path.getValue());
                    assertThat(answer.error()).contains("method " + method + " is not allowed");
                }
            }
            // HEAD is GET without the body: the same status and headers
            Answer head = request(target, "HEAD", unknown);
            assertThat(head.status()).isEqualTo(404);
            assertThat(head.body()).isEmpty();
            assertThat(request(target, "HEAD", "/reports").status()).isEqualTo(200);
            assertThat(request(target, "HEAD", "/trigger_report").status()).isEqualTo(405);
        }
        // the host's own paths are left to the host
        assertThat(request(new Target(host.port(), ""), "OPTIONS", "/hello").status()).isNotEqualTo(405);
    }

    @Test
    void requestsJettyRefusesItselfAreJsonOnTheStandaloneServer() throws IOException {
        Target target = standalone();
        Answer badPath = request(target, "GET", "/reports/%zz");
        assertThat(badPath.status()).isEqualTo(400);
        assertThat(badPath.error()).startsWith("bad request");

        Answer longUri = request(target, "GET", "/reports?limit=" + "1".repeat(20_000));
        assertThat(longUri.status()).isEqualTo(414);
        assertThat(longUri.error()).isEqualTo("uri too long");

        Answer bigHeaders = send(target, "GET /reports HTTP/1.1\r\nX-Padding: " + "a".repeat(20_000), new byte[0]);
        assertThat(bigHeaders.status()).isEqualTo(431);
        assertThat(bigHeaders.error()).isEqualTo("request header fields too large");

        Answer unknownPath = request(target, "GET", "/no/such/path");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.error()).contains("no such endpoint");
    }

    // non-canonical report ids

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "\uff11c2a7c7e-3d5b-4b8e-9f0a-2b1c3d4e5f60",   // a fullwidth digit one
        "+c2a7c7e-3d5b-4b8e-9f0a-2b1c3d4e5f60",        // a sign, which Long.parseLong takes
        "6c2a7c7e-3d5b-4b8e-9f0a-+b1c3d4e5f60",
        "1-1-1-1-1",                                    // shortened groups
        "6c2a7c7e-3d5b4-b8e-9f0a-2b1c3d4e5f60",         // 36 characters, groups 8-5-3-4-12
        "6c2a7c7e3d5b4b8e9f0a2b1c3d4e5f60",             // no dashes
        "6c2a7c7e-3d5b-4b8e-9f0a-2b1c3d4e5f6g",
        " 6c2a7c7e-3d5b-4b8e-9f0a-2b1c3d4e5f6",
    })
    void aNonCanonicalReportIdIs400(String id) throws IOException {
        Target target = standalone();
        String encoded = java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%2B");
        for (String path : List.of("/reports/" + encoded, "/reports/" + encoded + "/csv", "/get_report/" + encoded,
                "/get_report?report_id=" + encoded)) {
            Answer answer = request(target, "GET", path);
            assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.error()).startsWith("malformed report id");
        }
    }

    @Test
    void canonicalIdsAreTakenInEitherCase() throws IOException {
        Target target = standalone();
        String id = post(target, "/trigger_report", "").json().get("report_id").asText();
        assertThat(id).isEqualTo(id.toLowerCase(Locale.ROOT));
        Answer upper = request(target, "GET", "/reports/" + id.toUpperCase(Locale.ROOT));
        assertThat(upper.status()).as(upper.body()).isEqualTo(200);
        assertThat(upper.json().get("id").asText()).isEqualTo(id);
        assertThat(MountedRoutes.parseId(id.toUpperCase(Locale.ROOT)).toString()).isEqualTo(id);
    }
}
