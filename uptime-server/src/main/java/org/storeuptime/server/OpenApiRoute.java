package org.storeuptime.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 document of the API (the resource {@value #RESOURCE} of this jar),
 * behind the bearer token like every route but {@code /health}. Its {@code servers} entry is set to where the routes are mounted,
 * so a client generated from it calls {@code /uptime/reports} when the routes live under {@code /uptime}.
 */
final class OpenApiRoute {

    /** The path of the document, relative to the prefix. */
    static final String PATH = "/openapi.json";

    /** Where the document lives on the class path (in the repository: {@code src/main/resources/...}). */
    static final String RESOURCE = "/org/storeuptime/server/openapi.json";

    private final MountedRoutes routes;
    private final ObjectMapper mapper = ReportJson.mapper();
    private final ObjectNode document;

    private OpenApiRoute(MountedRoutes routes) {
        this.routes = routes;
        this.document = load(mapper);
    }

    /** Adds {@code GET /openapi.json} through {@code routes}. */
    static void addTo(MountedRoutes routes, JavalinConfig config) {
        OpenApiRoute route = new OpenApiRoute(routes);
        routes.route(config, PATH, Map.of(HandlerType.GET, route::serve));
    }

    /** The document as stored in the jar. */
    static ObjectNode load(ObjectMapper mapper) {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the class path");
            }
            return (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document " + RESOURCE, e);
        }
    }

    private void serve(Context ctx) {
        ObjectNode mounted = document.deepCopy();
        String base = routes.base(ctx);
        ArrayNode servers = mounted.putArray("servers");
        servers.addObject()
                .put("url", base.isEmpty() ? "/" : base)
                .put("description", "this server");
        routes.json(ctx, 200, mounted);
    }
}
