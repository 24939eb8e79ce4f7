package org.storeuptime.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.reports.ReportRecord;

/**
 * What the routes mounted beside the main ones (the legacy API, the OpenAPI document, the metrics endpoint) need
 * of them: registration under the same prefix, token and JSON errors, and the answers they share. The main routes
 * ({@link UptimeRoutes}) hand it to those, which never see the main routes themselves.
 */
interface MountedRoutes {

    /**
     * Adds the handlers of one path (relative to the prefix), behind the token, with 405 and {@code Allow} for the
     * other methods, every answer timed and every failure answered as JSON.
     */
    void route(JavalinConfig config, String path, Map<HandlerType, Handler> handlers);

    /** The context path and prefix the routes answer under, e.g. {@code /uptime}; {@code ""} at the root. */
    String base(Context ctx);

    /** Answers {@code body} as JSON with {@code status}. */
    void json(Context ctx, int status, Object body);

    /** The report, or a 404 answer. */
    ReportRecord find(UUID id);

    /** A new report of {@code request}. */
    ReportRecord trigger(ReportRequest request);

    /** The request body; 413 when its declared length is over the largest the server reads. */
    byte[] body(Context ctx);

    /**
     * Like {@link #route} for a live-ingestion route: behind the ingest token instead of the API token
     * (docs/server.md "Live ingestion").
     */
    void ingestRoute(JavalinConfig config, String path, Map<HandlerType, Handler> handlers);

    /** Whether absolute URLs follow {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}. */
    boolean trustsForwardedHeaders();

    /**
     * The id, in the canonical 8-4-4-4-12 form only: {@code UUID.fromString} also takes shortened groups, signs and
     * non-ASCII digits, and would read such text as another report's id. Hex digits in either case (RFC 9562 has
     * them case-insensitive on input); ids are always written in lower case.
     */
    static UUID parseId(String raw) {
        if (Ids.CANONICAL.matcher(raw).matches()) {
            return UUID.fromString(raw);
        }
        throw new ApiException(400, "malformed report id '" + raw + "': expected a UUID such as "
                + "3f2b9c1e-8a4d-4e7b-9c2a-1d5e6f7a8b9c", Map.of());
    }

    /** The form of a report id. */
    final class Ids {
        static final Pattern CANONICAL =
                Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

        private Ids() {
        }
    }
}
