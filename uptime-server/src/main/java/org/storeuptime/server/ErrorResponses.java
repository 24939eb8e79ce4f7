package org.storeuptime.server;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.core.InvalidInputException;
import org.storeuptime.core.InvalidRequestException;
import org.storeuptime.core.UnknownStoreException;
import org.storeuptime.core.UptimeException;

/**
 * The one place where a failure becomes an HTTP answer, by the exception's type: {@link ApiException} carries its
 * own status; a {@link DatabaseException} is {@code 503} with {@code Retry-After} when it is transient, else
 * {@code 500}; bad input ({@link InvalidInputException}, {@link IllegalArgumentException}) is {@code 400}, a bad
 * report parameter ({@link InvalidRequestException}) with its {@code field} beside the message; an
 * {@link UnknownStoreException} is {@code 404}; any other {@link UptimeException} (a full queue, a stopped service)
 * is {@code 503}; anything else is a {@code 500} without details. Every answer is JSON, {@code {"error": "..."}}
 * first, never a stack trace.
 */
final class ErrorResponses {

    /** The routes' logger: these are their answers, logged where operators already look. */
    private static final Logger LOG = LoggerFactory.getLogger(UptimeRoutes.class);

    /** Seconds a client should wait before asking again while the database is unavailable. */
    static final int RETRY_AFTER_SECONDS = 5;

    private ErrorResponses() {
    }

    /** A failure as an answer: what {@link #answer} sends. */
    record Answer(int status, Map<String, Object> body) {
    }

    /** Answers {@code failure} on {@code ctx}, logging it as its kind deserves. */
    static Answer answer(Context ctx, Exception failure, long maxRequestSize) {
        if (failure instanceof ApiException e) {
            return new Answer(e.status(), e.body());
        }
        if (failure instanceof HttpResponseException e) {
            // Javalin's own refusals; a 413 is the client's problem, hence debug (see docs/server.md)
            LOG.debug("{} {}: {} {}", ctx.method(), ctx.path(), e.getStatus(), e.getMessage());
            return error(e.getStatus(), e.getStatus() == 413 ? tooLarge(maxRequestSize) : e.getMessage());
        }
        if (failure instanceof DatabaseException e) {
            return database(ctx, e);
        }
        if (failure instanceof UnknownStoreException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            body.put("store_id", e.storeId());
            if (!e.similarIds().isEmpty()) {
                body.put("similar_ids", e.similarIds());
            }
            return new Answer(404, body);
        }
        if (failure instanceof InvalidRequestException e) {
            // a report parameter of the query string, named as the query names it
            LOG.debug("{} {} answered 400: {}", ctx.method(), ctx.path(), e.getMessage());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            body.put("field", e.field());
            return new Answer(400, body);
        }
        if (failure instanceof InvalidInputException || failure instanceof IllegalArgumentException) {
            LOG.debug("{} {} answered 400: {}", ctx.method(), ctx.path(), failure.getMessage());
            return error(400, failure.getMessage());
        }
        if (readTimedOut(failure)) {
            // a client that stopped sending its body: the server's idle timeout ended the read
            LOG.debug("{} {}: request body timed out", ctx.method(), ctx.path());
            return error(408, "the request body stopped arriving before its end (timed out)");
        }
        if (failure instanceof UptimeException e) {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
            return error(503, e.getMessage());
        }
        LOG.error("{} {} failed", ctx.method(), ctx.path(), failure);
        return error(500, "internal server error; see the server log");
    }

    /** The answer to a body over the largest Javalin reads. */
    static String tooLarge(long maxRequestSize) {
        return "request body is larger than " + maxRequestSize + " bytes";
    }

    private static Answer database(Context ctx, DatabaseException e) {
        if (e.isTransient()) {
            // one line per request while the database is down; the trace only when debugging
            LOG.warn("{} {} answered 503: database unavailable: {}", ctx.method(), ctx.path(), e.detail());
            LOG.debug("{} {}: the database failure", ctx.method(), ctx.path(), e);
            ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            return error(503, "the database is unavailable; try again later");
        }
        LOG.error("{} {} failed: {}: {}", ctx.method(), ctx.path(), e.getMessage(), e.detail(), e);
        return error(500, "database error; see the server log");
    }

    private static Answer error(int status, String message) {
        return new Answer(status, Map.of("error", message));
    }

    /**
     * Whether reading the request failed on the server's idle timeout: Jetty reports it as an I/O failure around
     * its {@link TimeoutException}, of no type of ours.
     */
    private static boolean readTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
