package org.storeuptime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportState;
import org.storeuptime.server.reports.ReportService;
import org.storeuptime.server.reports.ReportServiceBuilder;
import org.storeuptime.server.reports.StoreUptimeMetrics;

/**
 * The uptime HTTP API, mounted on a Javalin configuration under a path prefix: the assignment-compatible
 * {@code POST /trigger_report} and {@code GET /get_report}, the resource-style {@code /reports} family, one
 * store's figures and timeline ({@code /stores}, {@code /stores/{id}}, {@code /stores/{id}/timeline}),
 * {@code GET /health}, the drop-in {@code /api/...} routes of the system it replaces ({@link LegacyApiRoutes}),
 * the OpenAPI document at {@code GET /openapi.json}, and the web page at {@code {prefix}/} (static files from the
 * jar, served without the token; the page asks the user for it when the API answers 401).
 *
 * <pre>{@code
 * ReportService reports = ReportService.builder().source(dataSet).build();
 * Javalin app = Javalin.create(config -> {
 *     config.routes.get("/hello", ctx -> ctx.result("hello"));        // the host's own routes
 *     UptimeRoutes.register(config, "/uptime", reports);              // POST /uptime/trigger_report, ...
 * }).start(8080);
 * }</pre>
 *
 * <p>The routes start the service when the server starts and close it when the server has stopped. They answer
 * JSON errors ({@code {"error": "..."}}) themselves and leave the host's exception handlers alone. Given a
 * {@link io.micrometer.core.instrument.MeterRegistry} they time the requests they answer into it
 * ({@link #register(JavalinConfig, String, ReportService, String, MeterRegistry)}; {@link StoreUptimeMetrics}).
 */
public final class UptimeRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(UptimeRoutes.class);
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    /** The methods the routes answer, in the order {@code Allow} names them. */
    private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST);

    private final String prefix;
    private final ReportService service;
    private final byte @Nullable [] token;
    /** {@code Bearer <ingest token>}: opens the ingest routes only, and is refused (403) on these. */
    private final byte @Nullable [] ingestToken;
    /** The largest body Javalin reads (its {@code http.maxRequestSize}, 1,000,000 bytes unless the host changed it). */
    private final long maxRequestSize;
    private final ObjectMapper mapper = ReportJson.mapper();
    private final StoreViews stores;
    private final HttpMetrics http;
    private final boolean trustForwardedHeaders;
    /** This, as the routes mounted beside these see it. */
    private final MountedRoutes mounted = new MountedRoutes() {
        @Override
        public void route(JavalinConfig config, String path, Map<HandlerType, Handler> handlers) {
            UptimeRoutes.this.route(config, path, handlers);
        }

        @Override
        public String base(Context ctx) {
            return UptimeRoutes.this.base(ctx);
        }

        @Override
        public void json(Context ctx, int status, Object body) {
            UptimeRoutes.this.json(ctx, status, body);
        }

        @Override
        public ReportRecord find(UUID id) {
            return UptimeRoutes.this.find(id);
        }

        @Override
        public ReportRecord trigger(ReportRequest request) {
            return service.trigger(request);
        }

        @Override
        public byte[] body(Context ctx) {
            return UptimeRoutes.this.body(ctx);
        }

        @Override
        public boolean trustsForwardedHeaders() {
            return trustForwardedHeaders;
        }

        @Override
        public void ingestRoute(JavalinConfig config, String path, Map<HandlerType, Handler> handlers) {
            UptimeRoutes.this.route(config, path, handlers, Access.INGEST);
        }
    };

    private UptimeRoutes(String prefix, ReportService service, @Nullable String apiToken,
            @Nullable String ingestToken, long maxRequestSize, HttpMetrics http, boolean trustForwardedHeaders) {
        this.prefix = prefix;
        this.trustForwardedHeaders = trustForwardedHeaders;
        this.http = http;
        this.maxRequestSize = maxRequestSize;
        this.service = service;
        this.stores = new StoreViews(service, Clock.systemUTC());
        this.token = apiToken == null ? null : ("Bearer " + apiToken).getBytes(StandardCharsets.UTF_8);
        this.ingestToken = ingestToken == null ? null : ("Bearer " + ingestToken).getBytes(StandardCharsets.UTF_8);
    }

    /** Registers the routes under {@code prefix} ({@code ""} for the root), without a bearer token. */
    public static void register(JavalinConfig config, String prefix, ReportService service) {
        register(config, prefix, service, null);
    }

    /**
     * Registers the routes under {@code prefix} ({@code ""} or {@code "/"} for the root, else e.g.
     * {@code "/uptime"}).
     *
     * @param apiToken when not {@code null}, every route but {@code /health} and the web page's files answers
     *     401 unless the request has {@code Authorization: Bearer <apiToken>}
     */
    public static void register(JavalinConfig config, String prefix, ReportService service,
            @Nullable String apiToken) {
        mount(config, prefix, service, apiToken, HttpMetrics.NONE, false);
    }

    /**
     * Registers the routes like {@link #register(JavalinConfig, String, ReportService, String)} and times every
     * request they answer into {@code meterRegistry} as {@value StoreUptimeMetrics#HTTP_REQUESTS}, tagged with the
     * route's template (prefix included, e.g. {@code /uptime/reports/{id}}), method and status. The reports' own
     * meters come from {@link ReportServiceBuilder#meterRegistry}.
     *
     * @param apiToken the bearer token, or {@code null} for none
     * @param meterRegistry where the requests are timed; {@code null} for nowhere (a host whose own instrumentation
     *     already records {@code http.server.requests} would otherwise get a second series of that name)
     */
    public static void register(JavalinConfig config, String prefix, ReportService service, @Nullable String apiToken,
            @Nullable MeterRegistry meterRegistry) {
        mount(config, prefix, service, apiToken, HttpMetrics.on(meterRegistry), false);
    }

    /**
     * Registers the routes like {@link #register(JavalinConfig, String, ReportService, String, MeterRegistry)};
     * with {@code trustForwardedHeaders}, the absolute URLs the routes answer ({@code report_file_url} of
     * {@code /api/get_report/<id>}) take their scheme and host from {@code X-Forwarded-Proto} and
     * {@code X-Forwarded-Host}, as a reverse proxy in front of the server sets them. Only when every request comes
     * through such a proxy: a client could otherwise make the server answer any URL. Without it (the default
     * elsewhere) they come from the request's own scheme and {@code Host}. Either way only {@code http} and
     * {@code https} and a valid host are used.
     */
    public static void register(JavalinConfig config, String prefix, ReportService service, @Nullable String apiToken,
            @Nullable MeterRegistry meterRegistry, boolean trustForwardedHeaders) {
        mount(config, prefix, service, apiToken, HttpMetrics.on(meterRegistry), trustForwardedHeaders);
    }

    /**
     * Registers the routes and returns what routes beside them need, for the standalone server to add its own
     * (the metrics endpoint).
     */
    static MountedRoutes mount(JavalinConfig config, String prefix, ReportService service, @Nullable String apiToken,
            HttpMetrics http, boolean trustForwardedHeaders) {
        return mount(config, prefix, service, apiToken, null, http, trustForwardedHeaders);
    }

    /**
     * Like {@link #mount(JavalinConfig, String, ReportService, String, HttpMetrics, boolean)}, knowing the ingest
     * token too, so that it is refused with 403 on these routes (docs/server.md "Live ingestion").
     */
    static MountedRoutes mount(JavalinConfig config, String prefix, ReportService service, @Nullable String apiToken,
            @Nullable String ingestToken, HttpMetrics http, boolean trustForwardedHeaders) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(service, "service");
        if (apiToken != null && apiToken.isBlank()) {
            throw new IllegalArgumentException("the API token must not be blank");
        }
        if (ingestToken != null && (ingestToken.isBlank() || ingestToken.equals(apiToken))) {
            throw new IllegalArgumentException("the ingest token must not be blank nor the API token");
        }
        UptimeRoutes routes = new UptimeRoutes(normalizePrefix(prefix), service, apiToken, ingestToken,
                config.http.maxRequestSize, Objects.requireNonNull(http, "http"), trustForwardedHeaders);
        routes.addTo(config);
        return routes.mounted;
    }

    static String normalizePrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String p = prefix.strip();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return "";
        }
        if (!p.startsWith("/") || !p.matches("[A-Za-z0-9/._~-]+")) {
            throw new IllegalArgumentException("path prefix '" + prefix
                    + "' must start with / and hold only letters, digits and / . _ ~ -");
        }
        return p;
    }

    private void addTo(JavalinConfig config) {
        route(config, "/trigger_report", Map.of(HandlerType.POST, this::trigger));
        route(config, "/get_report", Map.of(HandlerType.GET, ctx -> getReport(ctx, ctx.queryParam("report_id"))));
        route(config, "/get_report/{id}", Map.of(HandlerType.GET, ctx -> getReport(ctx, ctx.pathParam("id"))));
        route(config, "/reports", Map.of(HandlerType.GET, this::listReports, HandlerType.POST, this::createReport));
        route(config, "/reports/{id}", Map.of(HandlerType.GET, this::report));
        route(config, "/reports/{id}/csv", Map.of(HandlerType.GET, this::reportCsv));
        route(config, "/stores", Map.of(HandlerType.GET, ctx -> json(ctx, 200, stores.list(ctx))));
        route(config, "/stores/{id}", Map.of(HandlerType.GET, ctx -> json(ctx, 200, stores.store(ctx))));
        route(config, "/stores/{id}/timeline", Map.of(HandlerType.GET, ctx -> json(ctx, 200, stores.timelineBody(ctx))));
        route(config, "/health", Map.of(HandlerType.GET, this::health));
        WebPage.addTo(config, prefix, http);
        LegacyApiRoutes.addTo(mounted, config);
        OpenApiRoute.addTo(mounted, config);
        config.events.serverStarting(service::start);
        config.events.serverStopped(service::close);
    }

    /**
     * Adds the handlers of one path (relative to the prefix), and a before-handler that answers every other
     * method with 405 and {@code Allow}: OPTIONS, TRACE and methods Javalin has no name for too, which would
     * otherwise be 404s. HEAD runs the GET handler (Jetty sends no body for it), so that its status and headers are
     * those of GET. Only {@code /health} is open without the token. Every answer, 405 and 401 too, is timed under
     * the path's template.
     */
    private void route(JavalinConfig config, String path, Map<HandlerType, Handler> getAndPost) {
        route(config, path, getAndPost, path.equals("/health") ? Access.OPEN : Access.REPORT);
    }

    /** Which token a route takes. */
    enum Access { OPEN, REPORT, INGEST }

    private void route(JavalinConfig config, String path, Map<HandlerType, Handler> getAndPost, Access open) {
        Map<HandlerType, Handler> handlers = new LinkedHashMap<>(getAndPost);
        if (handlers.containsKey(HandlerType.GET)) {
            handlers.put(HandlerType.HEAD, handlers.get(HandlerType.GET));
        }
        String allow = String.join(", ", METHODS.stream().filter(handlers::containsKey).map(HandlerType::name).toList());
        String template = prefix + path;
        Handler notAllowed = http.timed(template, guarded(ctx -> {
            ctx.header("Allow", allow);
            throw new ApiException(405, "method " + ctx.req().getMethod() + " is not allowed on " + ctx.path()
                    + " (allowed: " + allow + ")");
        }, open));
        config.routes.before(template, ctx -> {
            HandlerType method = ctx.method();
            if (!handlers.containsKey(method)) {
                notAllowed.handle(ctx);
                ctx.skipRemainingHandlers();
            }
        });
        handlers.forEach((method, handler) ->
                config.routes.addHttpHandler(method, template, http.timed(template, guarded(handler, open))));
    }

    /** Checks the token, runs the handler and answers every failure as JSON by its type ({@link ErrorResponses}). */
    private Handler guarded(Handler handler, Access access) {
        return ctx -> {
            try {
                check(access, ctx);
                handler.handle(ctx);
            } catch (Exception e) {
                ErrorResponses.Answer answer = ErrorResponses.answer(ctx, e, maxRequestSize);
                json(ctx, answer.status(), answer.body());
            }
        };
    }

    /**
     * The token check, before anything else (API.md's tables): a report route takes the report token (403 for the
     * ingest token), an ingest route the ingest token (403 for the report token, 403 while ingestion is off).
     * Tokens are compared in constant time and never logged.
     */
    private void check(Access access, Context ctx) {
        if (access == Access.OPEN) {
            return;
        }
        String header = ctx.header("Authorization");
        byte[] wanted = access == Access.REPORT ? token : ingestToken;
        byte[] other = access == Access.REPORT ? ingestToken : token;
        if (wanted == null) {
            if (access == Access.REPORT) {
                return;
            }
            throw new ApiException(403, "ingestion is off: set UPTIME_INGEST_TOKEN");
        }
        if (matches(wanted, header)) {
            return;
        }
        if (other != null && matches(other, header)) {
            throw new ApiException(403, access == Access.REPORT
                    ? "the ingest token opens only the ingest routes; send the API token (UPTIME_API_TOKEN)"
                    : "the API token does not open the ingest routes; send the ingest token (UPTIME_INGEST_TOKEN)");
        }
        ctx.header("WWW-Authenticate", "Bearer");
        throw new ApiException(401, "missing or wrong bearer token (send Authorization: Bearer <token>)");
    }

    private static boolean matches(byte[] expected, @Nullable String header) {
        return header != null && MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.UTF_8));
    }

    private void trigger(Context ctx) {
        ReportRecord record = service.trigger(TriggerRequest.parse(body(ctx), mapper).request());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("report_id", record.id().toString());
        body.put("status", "Running");
        if (!record.isClassic()) {
            body.put("windows", ReportJson.windows(record));
        }
        ctx.header("Location", base(ctx) + "/get_report?report_id=" + record.id());
        json(ctx, 202, body);
    }

    /**
     * The request body, refused with 413 before it is read when its declared length is over the largest Javalin
     * reads: Javalin's own refusal would log a warning for what is the client's mistake.
     */
    private byte[] body(Context ctx) {
        if (ctx.contentLength() > maxRequestSize) {
            LOG.debug("{} {}: 413, a body of {} bytes", ctx.method(), ctx.path(), ctx.contentLength());
            throw new ApiException(413, ErrorResponses.tooLarge(maxRequestSize));
        }
        return ctx.bodyAsBytes();
    }

    private void getReport(Context ctx, @Nullable String rawId) {
        if (rawId == null || rawId.isBlank()) {
            throw ApiException.badRequest("missing query parameter report_id");
        }
        ReportRecord record = find(MountedRoutes.parseId(rawId));
        if (record.state() != ReportState.COMPLETE) {
            json(ctx, 200, ReportJson.status(record));
        } else if (wantsJson(ctx.header("Accept"))) {
            json(ctx, 200, ReportJson.complete(record, base(ctx) + "/reports/" + record.id() + "/csv"));
        } else {
            sendCsv(ctx, record);
        }
    }

    private void createReport(Context ctx) {
        ReportRecord record = service.trigger(TriggerRequest.parse(body(ctx), mapper).request());
        ctx.header("Location", base(ctx) + "/reports/" + record.id());
        json(ctx, 202, ReportJson.metadata(record));
    }

    private void listReports(Context ctx) {
        int limit = parseLimit(ctx.queryParam("limit"));
        List<Map<String, Object>> reports = service.list(limit).stream().map(ReportJson::metadata).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reports", reports);
        body.put("limit", limit);
        json(ctx, 200, body);
    }

    private void report(Context ctx) {
        json(ctx, 200, ReportJson.metadata(find(MountedRoutes.parseId(ctx.pathParam("id")))));
    }

    private void reportCsv(Context ctx) {
        ReportRecord record = find(MountedRoutes.parseId(ctx.pathParam("id")));
        if (record.state() != ReportState.COMPLETE) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("id", record.id().toString());
            details.put("state", record.state().apiName());
            if (record.error() != null) {
                details.put("report_error", record.error());
            }
            throw new ApiException(409, "report " + record.id() + " is " + record.state().apiName()
                    + ", not complete", details);
        }
        sendCsv(ctx, record);
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (service.healthy()) {
            body.put("status", "ok");
            json(ctx, 200, body);
        } else {
            body.put("error", "the report service or its database does not answer");
            body.put("status", "unavailable");
            json(ctx, 503, body);
        }
    }

    private void sendCsv(Context ctx, ReportRecord record) {
        byte[] csv = service.csv(record.id()).orElseThrow(() -> new IllegalStateException(
                "report " + record.id() + " is complete but has no CSV"));
        ctx.status(200);
        ctx.header("X-Report-Status", "Complete");
        ctx.header("Content-Disposition", "attachment; filename=\"" + ReportService.csvFileName(record.id()) + "\"");
        ctx.contentType("text/csv; charset=utf-8");
        ctx.result(csv);
    }

    private ReportRecord find(UUID id) {
        return service.find(id).orElseThrow(() -> new ApiException(404, "no report with id " + id,
                Map.of("report_id", id.toString())));
    }

    static int parseLimit(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            if (raw.strip().matches("[+-]?[0-9]+")) {
                throw ApiException.badRequest("limit: " + raw.strip() + " is out of range (1 to " + MAX_LIMIT + ")");
            }
            throw ApiException.badRequest("limit: '" + raw + "' is not a whole number (1 to " + MAX_LIMIT + ")");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit: " + limit + " is out of range (1 to " + MAX_LIMIT + ")");
        }
        return limit;
    }

    static boolean wantsJson(@Nullable String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("application/json") && !a.contains("text/csv");
    }

    /** The context path and prefix the routes answer under, e.g. {@code /uptime}; {@code ""} at the root. */
    private String base(Context ctx) {
        String contextPath = ctx.contextPath();
        if (contextPath == null || contextPath.equals("/")) {
            contextPath = "";
        }
        return contextPath + prefix;
    }

    private void json(Context ctx, int status, Object body) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(bytes);
    }
}
