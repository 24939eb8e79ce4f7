package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.server.reports.ReportService;

/**
 * The OpenAPI document against the server: it parses as OpenAPI 3.1 with a real parser, documents every route the
 * server registers, and every operation it documents answers (neither 404 nor 405) on a running server, with the
 * token exactly where the document asks for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {

    private static final String TOKEN = "s3cret";
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final StoreDataSet data = TestData.stores(6);
    private OpenAPI document;
    private UptimeServer server;
    private Http anonymous;
    private Http http;
    private String reportId;
    private String storeId;

    @BeforeAll
    void start() throws IOException {
        document = parse(resourceText());
        // the standalone server as `uptime serve` runs it: with GET /metrics
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = UptimeServer.builder(ReportService.builder().source(data).meterRegistry(registry).build())
                .port(0).apiToken(TOKEN).meterRegistry(registry).metricsEndpoint(registry::scrape).build().start();
        anonymous = new Http(server.url());
        http = anonymous.withHeader("Authorization", "Bearer " + TOKEN);
        // real ids, so that "answers" means the route exists rather than "unknown report" 404s
        reportId = http.post("/trigger_report", "").json().get("report_id").asText();
        http.awaitReport("", reportId, Duration.ofSeconds(30));
        storeId = data.storeIds().first();
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    private static String resourceText() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(OpenApiRoute.RESOURCE)) {
            assertThat(in).as(OpenApiRoute.RESOURCE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static OpenAPI parse(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        return result.getOpenAPI();
    }

    /**
     * Static files beside the web page (e.g. {@code /assets/app.js}) are served by Javalin's static handler or a
     * wildcard route; they are files, not API operations, and are left out of the document on purpose.
     */
    static boolean isStaticAssetRoute(String path) {
        // the web page's own files (WebPage): not part of the API
        return path.startsWith("/ui/") || path.startsWith("/assets/") || path.equals("/assets") || path.contains("*");
    }

    @Test
    void isOpenApi31WithoutParseErrorsAsStoredAndAsServed() {
        assertThat(document.getOpenapi()).startsWith("3.1.");
        assertThat(document.getSpecVersion()).isEqualTo(io.swagger.v3.oas.models.SpecVersion.V31);

        Http.Response served = http.get("/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("application/json");
        OpenAPI parsed = parse(served.text());
        assertThat(parsed.getOpenapi()).startsWith("3.1.");
        assertThat(parsed.getServers()).singleElement().satisfies(s -> assertThat(s.getUrl()).isEqualTo("/"));
        assertThat(parsed.getPaths().keySet()).isEqualTo(document.getPaths().keySet());
    }

    @Test
    void everyRegisteredRouteIsDocumentedWithEveryMethodItAnswers() {
        List<String> routes = server.registeredRoutes();
        assertThat(routes).isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            if (isStaticAssetRoute(path)) {
                continue;
            }
            PathItem item = document.getPaths().get(path);
            if (item == null) {
                missing.add(route + " (path not documented)");
                continue;
            }
            if (method.equals("HEAD")) {
                // HEAD runs the GET handler (UptimeRoutes.route): documented by the path's GET operation
                if (item.getGet() == null) {
                    missing.add(route + " (HEAD without a documented GET)");
                }
                continue;
            }
            if (!METHODS.contains(method)) {
                missing.add(route + " (a method the test does not know)");
                continue;
            }
            // the routes answer 405 for the methods they do not serve: those need no operation
            Http.Response answer = http.send(method, concrete(path), method.equals("GET") ? null : "");
            if (answer.status() != 405 && operation(item, method) == null) {
                missing.add(route + " (answers " + answer.status() + " but has no operation)");
            }
        }
        assertThat(missing).as("routes the document lacks").isEmpty();
    }

    /** Every operation of the document, as "METHOD /path", read from the document itself. */
    Stream<String> documentedOperations() throws IOException {
        OpenAPI doc = parse(resourceText());
        List<String> operations = new ArrayList<>();
        doc.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> operations.add(method.name() + " " + path)));
        return new TreeSet<>(operations).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedOperations")
    void everyDocumentedOperationAnswersWithTheTokenWhereDocumented(String operation) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1);
        Operation op = operation(document.getPaths().get(path), method);

        Http.Response answer = http.send(method, concrete(path), method.equals("GET") ? null : "");
        assertThat(answer.status()).as(operation + " answers").isNotIn(404, 405);
        assertThat(op.getResponses().keySet()).as(operation + " documents its status")
                .contains(Integer.toString(answer.status()));

        boolean open = op.getSecurity() != null && op.getSecurity().isEmpty();
        boolean ingest = op.getSecurity() != null && op.getSecurity().stream().anyMatch(r -> r.containsKey("ingestToken"));
        if (ingest) {
            // this server has no ingest token: ingestion is off, with the API token or without (IngestRoutesTest
            // has the rest of the token matrix)
            assertThat(answer.status()).as(operation + " with ingestion off").isEqualTo(403);
            assertThat(anonymous.send(method, concrete(path), "").status()).isEqualTo(403);
            assertThat(op.getResponses()).containsKeys("401", "403");
            return;
        }
        int withoutToken = anonymous.send(method, concrete(path), method.equals("GET") ? null : "").status();
        if (open) {
            assertThat(withoutToken).as(operation + " is open").isNotEqualTo(401);
        } else {
            assertThat(withoutToken).as(operation + " needs the token").isEqualTo(401);
            assertThat(op.getResponses()).containsKey("401");
        }
    }

    @Test
    void underAPrefixTheServedDocumentNamesIt() {
        io.javalin.Javalin app = io.javalin.Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            UptimeRoutes.register(config, "/uptime", ReportService.builder().source(data).build(), TOKEN);
        }).start("127.0.0.1", 0);
        try {
            Http.Response served = new Http("http://127.0.0.1:" + app.port())
                    .withHeader("Authorization", "Bearer " + TOKEN).get("/uptime/openapi.json");
            assertThat(served.status()).isEqualTo(200);
            JsonNode servers = served.json().get("servers");
            assertThat(servers).hasSize(1);
            assertThat(servers.get(0).get("url").asText()).isEqualTo("/uptime");
        } finally {
            app.stop();
        }
    }

    private static Operation operation(PathItem item, String method) {
        Map<PathItem.HttpMethod, Operation> operations = item.readOperationsMap();
        return operations.get(PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
    }

    /** The path with its parameters filled in: a real store id under /stores, else a real report id. */
    private String concrete(String path) {
        String id = path.startsWith("/stores/") ? storeId : reportId;
        String filled = path.replace("{id}", id);
        assertThat(filled).as("every path parameter of " + path + " is known to the test").doesNotContain("{");
        return path.equals("/get_report") ? filled + "?report_id=" + reportId : filled;
    }
}
