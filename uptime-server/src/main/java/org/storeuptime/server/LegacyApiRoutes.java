package org.storeuptime.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.InvalidRequestException;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.reports.ReportRecord;

/**
 * The drop-in routes of the Django system this project replaces, so that its clients switch without a change:
 * {@code POST /api/trigger_report} and {@code GET /api/get_report/<id>}, on the same report service, token and
 * JSON errors as the other routes. The mapping is described in {@code docs/migrating.md}.
 */
final class LegacyApiRoutes {

    static final String INITIATED = "Report generation initiated";

    /**
     * The date-times that system's clients send as {@code timestamp_utc}: {@code 2023-01-25 18:13:22.47922 UTC}
     * (the data files' form), Python's {@code str(datetime)} ({@code 2023-01-25 18:13:22.479220+00:00}) and ISO-8601
     * ({@code 2023-01-25T18:13:22Z}); without an offset the time is UTC, as the field's name says.
     */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    private final MountedRoutes routes;
    private final ObjectMapper mapper = ReportJson.mapper();

    private LegacyApiRoutes(MountedRoutes routes) {
        this.routes = routes;
    }

    /** Adds {@code /api/trigger_report} and {@code /api/get_report/{id}} through {@code routes}. */
    static void addTo(MountedRoutes routes, JavalinConfig config) {
        LegacyApiRoutes api = new LegacyApiRoutes(routes);
        routes.route(config, "/api/trigger_report", Map.of(HandlerType.POST, api::trigger));
        routes.route(config, "/api/get_report/{id}", Map.of(HandlerType.GET, api::getReport));
    }

    private void trigger(Context ctx) {
        ReportRecord record = routes.trigger(parseTimestampField(routes.body(ctx)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("report_id", record.id().toString());
        body.put("status", INITIATED);
        ctx.header("Location", routes.base(ctx) + "/api/get_report/" + record.id());
        routes.json(ctx, 202, body);
    }

    private void getReport(Context ctx) {
        ReportRecord record = routes.find(MountedRoutes.parseId(ctx.pathParam("id")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status(record));
        body.put("report_file_url", switch (record.state()) {
            case COMPLETE -> absoluteUrl(ctx, routes.base(ctx) + "/reports/" + record.id() + "/csv");
            default -> null;
        });
        routes.json(ctx, 200, body);
    }

    /** {@code pending}, {@code running}, {@code completed} or {@code failed: <reason>}, as that system answered. */
    static String status(ReportRecord record) {
        return switch (record.state()) {
            case PENDING -> "pending";
            case RUNNING -> "running";
            case COMPLETE -> "completed";
            case FAILED -> "failed: " + (record.error() == null ? "unknown error" : record.error());
        };
    }

    /**
     * The URL a client fetches as is, like Django's {@code request.build_absolute_uri}: scheme and {@code Host} of
     * the request, or {@code X-Forwarded-Proto} / {@code X-Forwarded-Host} when the routes trust a proxy to set
     * them. Only {@code http}/{@code https} and a valid host (name, IPv4 or bracketed IPv6, optional port) are used;
     * without a valid host the URL is the path alone.
     */
    private String absoluteUrl(Context ctx, String path) {
        String proto = null;
        String host = null;
        if (routes.trustsForwardedHeaders()) {
            proto = scheme(firstValue(ctx.header("X-Forwarded-Proto")));
            host = validHost(firstValue(ctx.header("X-Forwarded-Host")));
        }
        if (host == null) {
            host = validHost(ctx.host());
        }
        if (proto == null) {
            proto = scheme(ctx.scheme());
        }
        if (host == null || proto == null) {
            return path;
        }
        return proto + "://" + host + path;
    }

    /** A host and optional port: DNS labels, IPv4, or an IPv6 address in brackets. */
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
                    + "|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?");

    static @Nullable String validHost(@Nullable String host) {
        return host != null && host.length() <= 260 && HOST.matcher(host).matches() ? host : null;
    }

    private static @Nullable String scheme(@Nullable String scheme) {
        if (scheme == null) {
            return null;
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        return s.equals("http") || s.equals("https") ? s : null;
    }

    private static @Nullable String firstValue(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String first = header.split(",", 2)[0].strip();
        return first.isEmpty() ? null : first;
    }

    /**
     * The request of an optional JSON body {@code {"timestamp_utc": "..."}}: that {@code now}, the classic windows
     * and the default options; other fields are ignored, as that system ignored them. Without a body or field, the
     * report ends at the latest poll.
     */
    ReportRequest parseTimestampField(byte[] body) {
        JsonNode json = TriggerRequest.readBody(body, mapper);
        if (json == null) {
            return ReportRequest.classic();
        }
        if (!json.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object such as "
                    + "{\"timestamp_utc\": \"2023-01-25 18:13:22.47922 UTC\"}");
        }
        JsonNode value = json.get("timestamp_utc");
        if (value == null || value.isNull() || (value.isTextual() && value.textValue().isBlank())) {
            return ReportRequest.classic();
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("timestamp_utc: must be a string, not "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String text = value.textValue();
        try {
            return ReportRequest.builder().now(parseTimestamp(text)).build();
        } catch (InvalidRequestException e) {
            throw new ApiException(400, "timestamp_utc: '" + text + "' is outside the years 1 to 9999",
                    Map.of("field", "timestamp_utc"));
        }
    }

    /**
     * One of the forms of {@link #TIMESTAMP}, or a trailing {@code UTC}; impossible dates are refused. The
     * instant's range is checked by {@link ReportRequest}.
     */
    static Instant parseTimestamp(String text) {
        String s = text.strip();
        if (s.length() > 3 && s.regionMatches(true, s.length() - 3, "UTC", 0, 3)) {
            s = s.substring(0, s.length() - 3).stripTrailing() + "Z";
        }
        Instant now;
        try {
            TemporalAccessor parsed = TIMESTAMP.parse(s);
            LocalDateTime local = LocalDateTime.from(parsed);
            ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
            now = local.toInstant(offset);
        } catch (DateTimeException e) {
            throw new ApiException(400, "timestamp_utc: '" + text + "' is not a date-time such as "
                    + "2023-01-25 18:13:22.47922 UTC or 2023-01-25T18:13:22Z", Map.of("field", "timestamp_utc"));
        }
        return now;
    }
}
