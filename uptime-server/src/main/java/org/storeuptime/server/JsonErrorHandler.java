package org.storeuptime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages as the API's JSON ({@code {"error": "..."}}) instead of HTML: for the requests Jetty refuses
 * before any route sees them, such as a path with bad characters (400), a URI too long (414) or headers too large
 * (431). Installed by {@link UptimeServer} only: on a host's server these pages are the host's.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        String reason = HttpStatus.getMessage(code);
        String error = message == null || message.isBlank() || message.equals(reason)
                ? reason.toLowerCase(java.util.Locale.ROOT)
                : reason.toLowerCase(java.util.Locale.ROOT) + ": " + message;
        byte[] body;
        try {
            body = ReportJson.mapper().writeValueAsBytes(Map.of("error", error));
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
