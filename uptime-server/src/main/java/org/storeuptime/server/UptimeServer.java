package org.storeuptime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeuptime.server.reports.ReportService;
import org.storeuptime.server.reports.ReportServiceBuilder;
import org.storeuptime.server.reports.StoreUptimeMetrics;

/**
 * The uptime API as a server of its own: {@link UptimeRoutes} at the root of a Javalin server, JSON answers for
 * unknown paths too. What {@code uptime serve} runs.
 *
 * <pre>{@code
 * UptimeServer server = UptimeServer.builder(ReportService.builder().source(dataSet).build())
 *         .port(8080)
 *         .build()
 *         .start();
 * }</pre>
 *
 * <p>Each request is logged at debug level by the logger {@code org.storeuptime.server.http}. With a
 * {@link Builder#meterRegistry meter registry} each is timed too, and with a {@link Builder#metricsEndpoint metrics
 * endpoint} {@code GET /metrics} serves the registry in the Prometheus text format, as {@code uptime serve} does:
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * ReportService reports = ReportService.builder().source(dataSet).meterRegistry(registry).build();
 * UptimeServer server = UptimeServer.builder(reports)
 *         .meterRegistry(registry)
 *         .metricsEndpoint(registry::scrape)
 *         .build()
 *         .start();
 * }</pre>
 *
 * <p>{@link #stop()} stops accepting requests first, then closes the report service (which lets running reports
 * finish within its grace period).
 */
public final class UptimeServer implements AutoCloseable {

    /** Every request, at debug: method, path, status, time. Its own logger, so it can be switched on alone. */
    private static final Logger REQUESTS = LoggerFactory.getLogger("org.storeuptime.server.http");

    /** The path of the metrics endpoint. */
    public static final String METRICS_PATH = "/metrics";

    /** The content type of the Prometheus text exposition format, version 0.0.4. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** How long reading a request body may go without data: a stalled client gets its 408 after this. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);

    private final Javalin app;
    private final String host;
    private final int requestedPort;

    private UptimeServer(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        ReportService service = builder.service;
        String token = builder.apiToken;
        Duration bodyTimeout = builder.bodyTimeout;
        HttpMetrics requests = HttpMetrics.on(builder.meterRegistry);
        Supplier<String> metricsText = builder.metricsText;
        boolean trustForwarded = builder.trustForwardedHeaders;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // Requests Jetty refuses itself (bad path characters, 414, 431) get the API's JSON, not HTML.
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            // A client that stops sending its body mid-way gets its 408 after this long without data, not 30 s.
            config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(bodyTimeout.toMillis()));
            MountedRoutes routes = UptimeRoutes.mount(config, "", service, token, builder.ingestToken, requests,
                    trustForwarded);
            if (builder.ingestToken == null && builder.ingestion == null) {
                // ingestion is off: the routes answer 403 before any handler (and need no uptime-jdbc classes)
                for (String path : List.of("/polls", "/stores/{id}/hours", "/stores/{id}/timezone")) {
                    routes.ingestRoute(config, path, Map.of(path.equals("/polls") ? HandlerType.POST : HandlerType.PUT,
                            ctx -> { }));
                }
                routes.ingestRoute(config, "/closures", Map.of(HandlerType.POST, ctx -> { }, HandlerType.DELETE,
                        ctx -> { }));
            } else {
                IngestRoutes.addTo(routes, config, builder.ingestion,
                        builder.clock, builder.maxIngestBatches, builder.meterRegistry);
            }
            if (metricsText != null) {
                // behind the token like every route but /health (docs/api.md): Prometheus sends it as its credentials
                routes.route(config, METRICS_PATH, Map.of(HandlerType.GET, ctx -> {
                    ctx.status(200);
                    ctx.contentType(PROMETHEUS_TEXT);
                    ctx.result(metricsText.get());
                }));
            }
            config.requestLogger.http((ctx, millis) -> {
                // unknown paths: the routes timed everything else themselves
                requests.recordUnmatched(ctx, millis);
                if (REQUESTS.isDebugEnabled()) {
                    String query = ctx.queryString();
                    REQUESTS.debug("{} {}{} -> {} ({} ms)", ctx.method().name(), ctx.path(),
                            query == null ? "" : "?" + query, ctx.statusCode(), String.format(Locale.ROOT, "%.1f", millis));
                }
            });
            config.routes.error(404, ctx -> {
                // our own 404s are JSON already; Javalin's default for unknown paths is plain text
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/json")) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("error", "no such endpoint: " + ctx.method().name() + " " + ctx.path());
                    ctx.contentType("application/json").result(json(body));
                }
            });
        });
    }

    private static String json(Object body) {
        try {
            return ReportJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A builder serving {@code service}; the server starts and closes it. */
    public static Builder builder(ReportService service) {
        return new Builder(service);
    }

    /** Starts the report service and listens; returns once requests are accepted. */
    public UptimeServer start() {
        app.start(host, requestedPort);
        return this;
    }

    /** The port it listens on (the actual one when port 0 was asked for). */
    public int port() {
        return app.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port();
    }

    /** Every registered route as {@code "METHOD /path"} (for the test that holds the OpenAPI document to them). */
    List<String> registeredRoutes() {
        // endpoints only: the before-handlers that answer 405 for other methods are not routes of their own
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .toList();
    }

    /** Stops accepting requests, then closes the report service. Idempotent. */
    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** Configures an {@link UptimeServer}. */
    public static final class Builder {
        private final ReportService service;
        private String host = "127.0.0.1";
        private int port = 8080;
        private @Nullable String apiToken;
        private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
        private @Nullable MeterRegistry meterRegistry;
        private @Nullable Supplier<String> metricsText;
        private boolean trustForwardedHeaders;
        private @Nullable String ingestToken;
        private @Nullable LiveIngestion ingestion;
        private int maxIngestBatches = 2 * Runtime.getRuntime().availableProcessors();
        private Clock clock = Clock.systemUTC();

        private Builder(ReportService service) {
            this.service = Objects.requireNonNull(service, "service");
        }

        /** The interface to listen on (default 127.0.0.1; 0.0.0.0 for all). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port (default 8080; 0 picks a free one). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Requires {@code Authorization: Bearer <token>} on every route but {@code /health} and the web page's
         * files, which hold no data (default: none).
         */
        public Builder apiToken(@Nullable String apiToken) {
            this.apiToken = apiToken;
            return this;
        }

        /**
         * How long a request may go without sending any bytes while its body is read before it is answered 408
         * (default 10 s; Jetty's own default is 30 s).
         */
        public Builder bodyTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the body timeout must be positive: " + timeout);
            }
            this.bodyTimeout = timeout;
            return this;
        }

        /**
         * Times every request into {@code registry} as {@value StoreUptimeMetrics#HTTP_REQUESTS}, tagged with the
         * route's template ({@code /reports/{id}}, {@code NOT_FOUND} for unknown paths), method and status (default:
         * none). The reports' meters come from {@link ReportServiceBuilder#meterRegistry}: pass the same registry.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Serves {@code GET /metrics}: the text {@code prometheusText} returns at each request, in the Prometheus
         * text format 0.0.4, such as {@code PrometheusMeterRegistry::scrape} of micrometer-registry-prometheus
         * (default: no such route). It needs the {@link #apiToken bearer token} like every route but
         * {@code /health}.
         */
        public Builder metricsEndpoint(Supplier<String> prometheusText) {
            this.metricsText = Objects.requireNonNull(prometheusText, "prometheusText");
            return this;
        }

        /**
         * Whether the absolute URLs the server answers ({@code report_file_url} of {@code /api/get_report/<id>})
         * take their scheme and host from {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} (default: no, the
         * request's own). Only behind a reverse proxy that sets them on every request: otherwise a client chooses
         * the URL. Only {@code http}/{@code https} and a valid host are used either way.
         */
        public Builder trustForwardedHeaders(boolean trust) {
            this.trustForwardedHeaders = trust;
            return this;
        }

        /**
         * Turns live ingestion on (API.md "Live ingestion"): {@code POST /polls}, {@code PUT /stores/{id}/hours} and
         * {@code /timezone}, {@code POST} and {@code DELETE /closures} take {@code Authorization: Bearer <token>},
         * which opens no other route (and the API token opens none of these). Without it (the default) those
         * routes answer 403 "ingestion is off". Must differ from the API token.
         */
        public Builder ingestToken(@Nullable String token) {
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("the ingest token must not be blank");
            }
            this.ingestToken = token;
            return this;
        }

        /**
         * Where live ingestion writes (usually the database the report service reads); without one the ingest
         * routes answer 409.
         */
        public Builder ingestInto(LiveIngestion target) {
            this.ingestion = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * Ingest bodies handled at once (default twice the processors); one more is answered 429 with
         * {@code Retry-After}, never queued, so that memory stays bounded.
         */
        public Builder maxIngestBatches(int batches) {
            if (batches < 1) {
                throw new IllegalArgumentException("max ingest batches must be at least 1: " + batches);
            }
            this.maxIngestBatches = batches;
            return this;
        }

        /** The clock that ingestion checks polls against (a poll more than 5 minutes ahead is rejected). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The server, not started. */
        public UptimeServer build() {
            return new UptimeServer(this);
        }
    }
}
