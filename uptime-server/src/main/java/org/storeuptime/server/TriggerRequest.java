package org.storeuptime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.storeuptime.core.InvalidRequestException;
import org.storeuptime.core.ReportRequest;

/**
 * The optional JSON body of a trigger: {@code {"now": "2024-10-14T23:55:18Z", "extrapolation": "nearest-poll",
 * "lookback": "PT24H", "windows": ["30d", "2024-09"]}}, every field optional. Its values are checked by the core's
 * {@link ReportRequest}, as on the command line; a bad one is a 400 naming the body's field.
 */
record TriggerRequest(ReportRequest request) {

    private static final Set<String> FIELDS = Set.of("now", "extrapolation", "lookback", "windows");

    static TriggerRequest parse(byte[] body, ObjectMapper mapper) {
        JsonNode json = readBody(body, mapper);
        if (json == null) {
            return new TriggerRequest(ReportRequest.classic());
        }
        if (!json.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object such as {\"now\": \"2024-10-14T23:55:18Z\"}");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name
                        + "' in request body (expected now, extrapolation, lookback, windows)");
            }
        }
        String now = text(json, "now");
        String extrapolation = text(json, "extrapolation");
        String lookback = text(json, "lookback");
        List<String> windows = windows(json.get("windows"));
        try {
            return new TriggerRequest(ReportRequest.parse(now, lookback, extrapolation, windows));
        } catch (InvalidRequestException e) {
            throw badValue(e, "window".equals(e.field()) ? "windows" : e.field());
        }
    }

    /**
     * A 400 for a bad report parameter: the message names {@code field} (as the request wrote it) and the
     * accepted forms, and the body's {@code field} names it alone.
     */
    static ApiException badValue(InvalidRequestException e, String field) {
        String message = e.getMessage().startsWith(field + ":") ? e.getMessage() : field + ": " + e.getMessage();
        return new ApiException(400, message, Map.of("field", field));
    }

    private static List<String> windows(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ApiException(400, "windows: must be an array of strings such as [\"30d\", \"2024-09\"], not "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT), Map.of("field", "windows"));
        }
        List<String> windows = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new ApiException(400, "windows: each window must be a string such as \"30d\", not "
                        + element.getNodeType().name().toLowerCase(Locale.ROOT), Map.of("field", "windows"));
            }
            windows.add(element.textValue());
        }
        return windows;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ApiException(400, field + ": must be a string, not "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT), Map.of("field", field));
        }
        return value.textValue();
    }

    /**
     * An optional JSON request body: {@code null} when it is absent, blank or {@code null}; a 400 naming the line and
     * column when it is not JSON.
     */
    static JsonNode readBody(byte[] body, ObjectMapper mapper) {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw ApiException.badRequest("request body could not be read: " + e.getMessage());
        }
        return json == null || json.isNull() || json.isMissingNode() ? null : json;
    }
}
