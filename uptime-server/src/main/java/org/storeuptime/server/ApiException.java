package org.storeuptime.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request the API refuses, with the status and the JSON details to answer with. */
final class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, Object> details;

    ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    ApiException(int status, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = new LinkedHashMap<>(details);
    }

    int status() {
        return status;
    }

    /** The JSON body: {@code error} first, then the details. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        body.putAll(details);
        return body;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }
}
