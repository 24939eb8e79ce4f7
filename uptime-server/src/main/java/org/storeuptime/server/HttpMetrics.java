package org.storeuptime.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.storeuptime.server.reports.StoreUptimeMetrics;

/**
 * The {@value StoreUptimeMetrics#HTTP_REQUESTS} timer of the routes: one series per route template, method and
 * status, so that the number of series stays bounded whatever paths and methods clients send. {@link #NONE} records nothing.
 */
final class HttpMetrics {

    /** Records nothing: routes mounted without a registry. */
    static final HttpMetrics NONE = new HttpMetrics(null);

    /** The route tag of a request that no route matched (Micrometer's and Spring's convention). */
    static final String UNMATCHED_ROUTE = "NOT_FOUND";

    /** The method tag of every method HTTP does not define. */
    static final String OTHER_METHOD = "OTHER";

    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    /** Set on a request once a route recorded it, so that the server's catch-all does not count it again. */
    private static final String RECORDED = HttpMetrics.class.getName() + ".recorded";

    private final MeterRegistry registry;
    private final Meter.MeterProvider<Timer> requests;

    private HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.requests = registry == null ? null : Timer.builder(StoreUptimeMetrics.HTTP_REQUESTS)
                .description("HTTP requests by route template, method and status")
                .withRegistry(registry);
    }

    /** The timer on {@code registry}; {@link #NONE} for {@code null}. */
    static HttpMetrics on(MeterRegistry registry) {
        return registry == null ? NONE : new HttpMetrics(registry);
    }

    /**
     * {@code handler}, timed under {@code route} (the template with the prefix, e.g. {@code /uptime/reports/{id}}):
     * the status is the one the handler set.
     */
    Handler timed(String route, Handler handler) {
        if (registry == null) {
            return handler;
        }
        return ctx -> {
            long start = registry.config().clock().monotonicTime();
            try {
                handler.handle(ctx);
            } finally {
                ctx.attribute(RECORDED, Boolean.TRUE);
                record(ctx, route, registry.config().clock().monotonicTime() - start);
            }
        };
    }

    /**
     * Records a request no route of ours answered (an unknown path), as {@value #UNMATCHED_ROUTE}; one a route
     * answered is not counted twice. For a catch-all such as the server's request logger.
     */
    void recordUnmatched(Context ctx, float millis) {
        if (registry != null && ctx.attribute(RECORDED) == null) {
            record(ctx, UNMATCHED_ROUTE, (long) (millis * 1_000_000.0));
        }
    }

    private void record(Context ctx, String route, long nanos) {
        requests.withTags(Tags.of("route", route, "method", methodTag(ctx.req().getMethod()),
                "status", statusTag(ctx.statusCode()))).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The method as a tag: one of the methods HTTP defines, else {@value #OTHER_METHOD}, so that clients sending
     * made-up methods cannot grow the number of series (any token is a valid method on the wire).
     */
    static String methodTag(String method) {
        return method != null && KNOWN_METHODS.contains(method) ? method : OTHER_METHOD;
    }

    /** The status as a tag: three digits, else {@value #OTHER_METHOD}. */
    static String statusTag(int status) {
        return status >= 100 && status <= 599 ? Integer.toString(status) : OTHER_METHOD;
    }
}
