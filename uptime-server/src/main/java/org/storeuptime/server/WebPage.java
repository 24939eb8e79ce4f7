package org.storeuptime.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The web page: one static HTML file, a script and a style sheet, read from the jar and served under the routes'
 * prefix ({@code {prefix}/} and {@code {prefix}/ui/...}). The page talks to the JSON API with relative URLs, so
 * it works under any prefix; it holds no data of its own, which is why it is served without the bearer token
 * (the JSON routes keep requiring it; the page asks the user for it).
 */
final class WebPage {

    private static final String RESOURCES = "/org/storeuptime/server/web/";

    /**
     * Only our own files, no inline script or style, no other origin: the page needs nothing else, and an injected
     * store id could not run code even if the script ever mishandled one.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; form-action 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    private record Asset(String path, byte[] content, String contentType) {
    }

    private WebPage() {
    }

    /** Adds {@code {prefix}/} and the page's assets to {@code config}, their requests timed by {@code http}. */
    static void addTo(JavalinConfig config, String prefix, HttpMetrics http) {
        Asset index = asset("/", "index.html", "text/html; charset=utf-8");
        String root = prefix.isEmpty() ? "/" : prefix + "/";
        config.routes.get(root, http.timed(root, ctx -> index(ctx, index)));
        for (Asset asset : List.of(
                asset("/ui/app.js", "app.js", "text/javascript; charset=utf-8"),
                asset("/ui/app.css", "app.css", "text/css; charset=utf-8"))) {
            String path = prefix + asset.path();
            config.routes.get(path, http.timed(path, ctx -> send(ctx, asset)));
        }
    }

    private static void index(Context ctx, Asset index) {
        String path = ctx.path();
        if (!path.endsWith("/")) {
            // Javalin also routes "/uptime" here; the page's relative URLs need the slash to resolve under the prefix
            String query = ctx.queryString();
            ctx.status(302);
            ctx.header("Location", path + "/" + (query == null ? "" : "?" + query));
            return;
        }
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "no-referrer");
        send(ctx, index);
    }

    private static void send(Context ctx, Asset asset) {
        // revalidated on every load: an upgraded server must never run an old script against its new API
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(asset.contentType());
        ctx.result(asset.content());
    }

    private static Asset asset(String path, String file, String contentType) {
        try (InputStream in = WebPage.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("the web page's file " + RESOURCES + file + " is missing from the jar");
            }
            return new Asset(path, in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web page's file " + RESOURCES + file, e);
        }
    }
}
