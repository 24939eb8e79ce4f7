package org.storeuptime.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small JDK HttpClient wrapper for tests against a running server. */
public final class Http {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final List<String> headers = new ArrayList<>();

    public Http(String base) {
        this.base = base;
    }

    /** Sends {@code name: value} with every request. */
    public Http withHeader(String name, String value) {
        Http copy = new Http(base);
        copy.headers.addAll(headers);
        copy.headers.add(name);
        copy.headers.add(value);
        return copy;
    }

    public Response get(String path, String... extraHeaders) {
        return send("GET", path, null, extraHeaders);
    }

    public Response post(String path, String body, String... extraHeaders) {
        return send("POST", path, body, extraHeaders);
    }

    public Response send(String method, String path, String body, String... extraHeaders) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.size(); i += 2) {
            b.header(headers.get(i), headers.get(i + 1));
        }
        for (int i = 0; i < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        try {
            return new Response(client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code GET /get_report?report_id=id} until the report is no longer running. */
    public Response awaitReport(String prefix, String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Response r = get(prefix + "/get_report?report_id=" + id);
            boolean running = r.status() == 200 && r.contentType().startsWith("application/json")
                    && r.json().path("status").asText().equals("Running");
            if (!running || System.nanoTime() > deadline) {
                return r;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A response. */
    public record Response(HttpResponse<byte[]> raw) {
        public int status() {
            return raw.statusCode();
        }

        public byte[] bytes() {
            return raw.body();
        }

        public String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }
    }
}
