package org.storeuptime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.UptimeEngine;

/**
 * The optional JSON body of a trigger: {@code {"now": "2024-10-14T23:55:18Z", "extrapolation": "nearest-poll",
 * "lookback": "PT24H"}}, every field optional.
 */
record TriggerRequest(Instant now, ReportOptions options) {

    private static final Set<String> FIELDS = Set.of("now", "extrapolation", "lookback");

    static TriggerRequest parse(byte[] body, ObjectMapper mapper) {
        JsonNode json = readBody(body, mapper);
        if (json == null) {
            return new TriggerRequest(null, ReportOptions.DEFAULTS);
        }
        if (!json.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object such as {\"now\": \"2024-10-14T23:55:18Z\"}");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name
                        + "' in request body (expected now, extrapolation, lookback)");
            }
        }
        Instant now = parseNow(text(json, "now"));
        ReportOptions options = ReportOptions.DEFAULTS;
        String extrapolation = text(json, "extrapolation");
        if (extrapolation != null) {
            try {
                options = options.withExtrapolation(Extrapolation.parse(extrapolation));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("extrapolation: " + e.getMessage());
            }
        }
        String lookback = text(json, "lookback");
        if (lookback != null) {
            Duration d;
            try {
                d = Duration.parse(lookback);
            } catch (DateTimeException e) {
                throw ApiException.badRequest("lookback: '" + lookback
                        + "' is not an ISO-8601 duration such as PT24H");
            }
            try {
                options = options.withLookback(d);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("lookback: " + e.getMessage());
            }
        }
        return new TriggerRequest(now, options);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + ": must be a string, not "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return value.textValue();
    }

    /** An ISO-8601 instant ({@code 2024-10-14T23:55:18Z}) or date-time with offset; impossible dates are refused. */
    static Instant parseNow(String text) {
        if (text == null) {
            return null;
        }
        Instant now;
        try {
            now = Instant.parse(text.strip());
        } catch (DateTimeException e) {
            try {
                now = OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e2) {
                throw ApiException.badRequest("now: '" + text
                        + "' is not a valid ISO-8601 instant such as 2024-10-14T23:55:18Z");
            }
        }
        if (now.isBefore(UptimeEngine.EARLIEST_NOW) || now.isAfter(UptimeEngine.LATEST_NOW)) {
            throw ApiException.badRequest("now: '" + text + "' is outside the years 1 to 9999");
        }
        return now;
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
