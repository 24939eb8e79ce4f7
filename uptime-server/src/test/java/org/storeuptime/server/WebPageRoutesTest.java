package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.server.reports.ReportService;

/** The web page's files over HTTP: where they are served, with which headers, and that they need no token. */
class WebPageRoutesTest {

    private final StoreDataSet data = TestData.stores(3);

    @Test
    void thePageAndItsFilesAreServedAtTheRoot() {
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(data).build())
                .port(0).build().start()) {
            Http http = new Http(server.url());
            Http.Response page = http.get("/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html").containsIgnoringCase("charset=utf-8");
            assertThat(page.text()).contains("<script src=\"ui/app.js\" defer></script>")
                    .contains("<link rel=\"stylesheet\" href=\"ui/app.css\">")
                    .doesNotContain("http://").doesNotContain("https://");
            assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'")
                    .contains("connect-src 'self'").doesNotContain("unsafe");
            assertThat(page.header("Cache-Control")).isEqualTo("no-cache");

            Http.Response script = http.get("/ui/app.js");
            assertThat(script.status()).isEqualTo(200);
            assertThat(script.contentType()).startsWith("text/javascript").containsIgnoringCase("charset=utf-8");
            // nothing from another origin (the SVG namespace is a name, not a request)
            assertThat(script.text()).contains("'use strict';");
            assertThat(script.text().replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:")
                    .doesNotContain("https:");
            Http.Response css = http.get("/ui/app.css");
            assertThat(css.status()).isEqualTo(200);
            assertThat(css.contentType()).startsWith("text/css").containsIgnoringCase("charset=utf-8");
            assertThat(css.header("X-Content-Type-Options")).isEqualTo("nosniff");

            Http.Response missing = http.get("/ui/nothing.js");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().get("error").asText()).contains("/ui/nothing.js");
        }
    }

    @Test
    void thePageNeedsNoTokenButTheApiStillDoes() {
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(data).build())
                .port(0).apiToken("s3cret").build().start()) {
            Http anonymous = new Http(server.url());
            assertThat(anonymous.get("/").status()).isEqualTo(200);
            assertThat(anonymous.get("/ui/app.js").status()).isEqualTo(200);
            assertThat(anonymous.get("/ui/app.css").status()).isEqualTo(200);
            assertThat(anonymous.get("/reports").status()).isEqualTo(401);
            assertThat(anonymous.post("/trigger_report", "").status()).isEqualTo(401);
            assertThat(anonymous.get("/").text()).doesNotContain("s3cret");
        }
    }

    @Test
    void underAPrefixThePageLivesAtThePrefixWithASlash() {
        ReportService service = ReportService.builder().source(data).build();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/", ctx -> ctx.result("the host's own home page"));
            UptimeRoutes.register(config, "/uptime", service);
        }).start("127.0.0.1", 0);
        try {
            Http http = new Http("http://127.0.0.1:" + app.port());
            assertThat(http.get("/").text()).isEqualTo("the host's own home page");
            Http.Response page = http.get("/uptime/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains("<script src=\"ui/app.js\"");
            // without the slash the page's relative URLs would miss the prefix: redirected, query kept
            Http.Response bare = http.get("/uptime?x=1");
            assertThat(bare.status()).isEqualTo(302);
            assertThat(bare.header("Location")).isEqualTo("/uptime/?x=1");
            assertThat(http.get("/uptime/ui/app.js").status()).isEqualTo(200);
            assertThat(http.get("/uptime/ui/app.css").status()).isEqualTo(200);
            assertThat(http.get("/ui/app.js").status()).isEqualTo(404);
        } finally {
            app.stop();
        }
    }
}
