package io.github.obskit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Paths kept out of the access log, the metrics or the tracing, on a real embedded Jetty 12
 * (ee10) with a Prometheus registry, the OpenTelemetry SDK exporting to memory and logback
 * writing JSON.
 */
class ExcludedPathsFilterTest {

    private static final String TRACEPARENT =
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final SpanContext AGENT_SPAN = SpanContext.create(
            "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getSampled(),
            TraceState.getDefault());

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
    private final TestServlets.Probe probe = new TestServlets.Probe();
    private final TestServlets.Hello hello = new TestServlets.Hello();
    private JsonLogCapture log;
    private JettyServer server;

    @BeforeEach
    void captureLog() {
        log = new JsonLogCapture(ObservabilityFilter.ACCESS_LOGGER_NAME);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        log.close();
        tracing.close();
    }

    private JettyServer start(ObservabilityFilterBuilder filter) throws Exception {
        return start("/", filter);
    }

    private JettyServer start(String contextPath, ObservabilityFilterBuilder filter) throws Exception {
        server = new JettyServer(contextPath)
                .filter(probe)
                .filter(filter.openTelemetry(tracing.openTelemetry()).build())
                .servlet("/hello", hello)
                .servlet("/internal/*", new TestServlets.Documents())
                .servlet("/metrics", new PrometheusScrapeServlet(registry))
                .servlet("/health", HealthServlet.builder().check("db", HealthCheck.Result::healthy).build())
                .start();
        return server;
    }

    @Test
    void byDefaultScrapesAndHealthProbesWriteNoAccessLogLineButAreCountedAndTraced() throws Exception {
        start(ObservabilityFilter.builder(registry));

        for (int i = 0; i < 20; i++) {
            assertThat(server.get("/metrics").statusCode()).isEqualTo(200);
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
        }
        assertThat(server.get("/hello").statusCode()).isEqualTo(200);

        // The event is written before the span ends: 41 ended spans mean every event is written.
        await().atMost(Duration.ofSeconds(10)).until(() -> tracing.spans().size() == 41);
        assertThat(log.events()).hasSize(1);
        assertThat(log.events("http_request")).singleElement()
                .satisfies(e -> assertThat(e.get("endpoint").asString()).isEqualTo("/hello"));
        assertThat(count("/metrics")).isEqualTo(20);
        assertThat(count("/health")).isEqualTo(20);
        assertThat(count("/hello")).isEqualTo(1);
    }

    @Test
    void theDefaultIsTheExactPathAfterTheContextPath() throws Exception {
        start("/app", ObservabilityFilter.builder(registry));

        assertThat(server.get("/app/metrics").statusCode()).isEqualTo(200);
        assertThat(server.get("/app/health").statusCode()).isEqualTo(200);
        assertThat(server.get("/app/health/").statusCode()).isEqualTo(404);
        assertThat(server.get("/app/healthz").statusCode()).isEqualTo(404);
        assertThat(server.get("/app/metrics?name%5B%5D=http_requests_total").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> tracing.spans().size() == 5);
        assertThat(log.events("http_request")).hasSize(2)
                .allSatisfy(e -> {
                    assertThat(e.get("endpoint").asString()).isEqualTo("unmatched");
                    assertThat(e.get("status").asInt()).isEqualTo(404);
                });
    }

    @Test
    void aCustomListReplacesTheDefaultAndMatchesPathsSplitByAPathMapping() throws Exception {
        start(ObservabilityFilter.builder(registry).excludeFromAccessLog("/hello", "/internal/ping"));

        for (int i = 0; i < 3; i++) {
            server.get("/hello");
        }
        server.get("/internal/ping");
        server.get("/internal/ping");
        server.get("/internal/other");
        server.get("/metrics");
        server.get("/metrics");

        await().atMost(Duration.ofSeconds(10)).until(() -> tracing.spans().size() == 8);
        assertThat(log.events("http_request")).extracting(e -> e.get("endpoint").asString())
                .containsExactlyInAnyOrder("/internal/*", "/metrics", "/metrics");
        assertThat(count("/hello")).isEqualTo(3);
        assertThat(count("/internal/*")).isEqualTo(3);
    }

    @Test
    void anEmptyListLogsEveryRequest() throws Exception {
        start(ObservabilityFilter.builder(registry).excludeFromAccessLog());

        server.get("/metrics");
        server.get("/health");
        server.get("/hello");

        await().atMost(Duration.ofSeconds(10)).until(() -> tracing.spans().size() == 3);
        assertThat(log.events("http_request")).extracting(e -> e.get("endpoint").asString())
                .containsExactlyInAnyOrder("/metrics", "/health", "/hello");
    }

    @Test
    void aPathExcludedFromMetricsAddsNothingToAnyHttpMeterWhileOtherPathsCount() throws Exception {
        start(ObservabilityFilter.builder(registry).excludeFromMetrics("/metrics"));

        for (int i = 0; i < 3; i++) {
            assertThat(server.get("/hello").statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> count("/hello") == 3);
        String scrape = null;
        for (int i = 0; i < 5; i++) {
            scrape = server.get("/metrics").body();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> tracing.spans().size() == 8);
        assertThat(totalRequests()).isEqualTo(3);
        assertThat(registry.find("http.requests").tag("endpoint", "/metrics").counters()).isEmpty();
        assertThat(registry.find("http.request.duration").tag("endpoint", "/metrics").timers()).isEmpty();
        assertThat(registry.find("http.server.request.duration").tag("http.route", "/metrics").timers())
                .isEmpty();
        assertThat(scrape)
                .contains("http_requests_total{endpoint=\"/hello\",method=\"GET\",status=\"200\"} 3.0")
                .doesNotContain("endpoint=\"/metrics\"")
                .doesNotContain("http_route=\"/metrics\"")
                // The scrape in flight while the registry renders is not counted either.
                .contains("http_server_active_requests{http_request_method=\"GET\",url_scheme=\"http\"} 0.0");
        // Still traced; and, by the default, not logged.
        assertThat(tracing.spans()).filteredOn(s -> s.getName().equals("GET /metrics")).hasSize(5);
        assertThat(log.events("http_request")).hasSize(3);
    }

    @Test
    void aPathExcludedFromTracingExportsNoSpanAndLeavesTheContextAndMdcAsTheyWere() throws Exception {
        TestServlets.OuterMdc outerMdc = new TestServlets.OuterMdc();
        TestServlets.OuterSpan outerSpan = new TestServlets.OuterSpan(AGENT_SPAN);
        server = new JettyServer()
                .filter(probe)
                .filter(outerMdc)
                .filter(outerSpan)
                .filter(ObservabilityFilter.builder(registry)
                        .openTelemetry(tracing.openTelemetry())
                        .excludeFromTracing("/hello")
                        .build())
                .servlet("/hello", hello)
                .servlet("/internal/*", new TestServlets.Documents())
                .start();

        for (int i = 0; i < 3; i++) {
            assertThat(server.get("/hello", Map.of("traceparent", TRACEPARENT)).statusCode()).isEqualTo(200);
        }
        assertThat(server.get("/internal/7", Map.of("traceparent", TRACEPARENT)).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> log.events("http_request").size() == 4
                && !tracing.spans().isEmpty());
        // Only the traced path has a span; the excluded one's traceparent was never extracted.
        assertThat(tracing.spans()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo("GET /internal/*");
            assertThat(s.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        });
        // During the excluded request: the outer span and the outer MDC value, untouched.
        assertThat(hello.currentSpanIds).containsExactly(AGENT_SPAN.getSpanId(),
                AGENT_SPAN.getSpanId(), AGENT_SPAN.getSpanId());
        assertThat(hello.mdcTraceIds).containsOnly(TestServlets.OuterMdc.TRACE_ID).hasSize(3);
        assertThat(hello.mdcSpanIds).containsOnly("null").hasSize(3);
        // After it: the same again, on the filters outside.
        assertThat(outerSpan.currentSpanIdsAfter).hasSize(4).containsOnly(AGENT_SPAN.getSpanId());
        assertThat(outerMdc.mdcTraceIdsAfter).hasSize(4).containsOnly(TestServlets.OuterMdc.TRACE_ID);
        assertThat(probe.mdcTraceIdsAfter).hasSize(4).containsOnly("null");
        // Metrics and the access log still see it; the event carries the ids of the outer span.
        assertThat(count("/hello")).isEqualTo(3);
        List<JsonNode> helloEvents = log.events("http_request").stream()
                .filter(e -> e.get("endpoint").asString().equals("/hello")).collect(Collectors.toList());
        assertThat(helloEvents).hasSize(3).allSatisfy(e -> {
            assertThat(e.get("trace_id").asString()).isEqualTo(AGENT_SPAN.getTraceId());
            assertThat(e.get("span_id").asString()).isEqualTo(AGENT_SPAN.getSpanId());
        });
    }

    @Test
    void aPathExcludedFromEverythingIsServedAndLeavesNoTrace() throws Exception {
        start(ObservabilityFilter.builder(registry)
                .excludeFromAccessLog("/hello")
                .excludeFromMetrics("/hello")
                .excludeFromTracing("/hello"));

        assertThat(server.get("/hello", Map.of("traceparent", TRACEPARENT)).body()).isEqualTo("ok");
        assertThat(server.get("/internal/1").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> tracing.spans().size() == 1);
        assertThat(tracing.spans().get(0).getAttributes().get(AttributeKey.stringKey("http.route")))
                .isEqualTo("/internal/*");
        assertThat(hello.currentSpanIds).containsExactly(SpanContext.getInvalid().getSpanId());
        assertThat(hello.mdcTraceIds).containsExactly("null");
        assertThat(registry.find("http.requests").tag("endpoint", "/hello").counters()).isEmpty();
        assertThat(totalRequests()).isEqualTo(1);
        assertThat(log.events("http_request")).singleElement()
                .satisfies(e -> assertThat(e.get("endpoint").asString()).isEqualTo("/internal/*"));
    }

    @Test
    void anExcludedPathThatAnExactMatchCouldNeverMatchIsRejected() {
        ObservabilityFilterBuilder builder = ObservabilityFilter.builder(registry);

        assertThatThrownBy(() -> builder.excludeFromAccessLog("metrics"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'metrics'");
        assertThatThrownBy(() -> builder.excludeFromMetrics("/health/*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matched exactly");
        assertThatThrownBy(() -> builder.excludeFromTracing("/api/documents/{id}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matched exactly");
        assertThatThrownBy(() -> builder.excludeFromTracing((String) null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ObservabilityFilterBuilder.DEFAULT_ACCESS_LOG_EXCLUDES)
                .containsExactly("/metrics", "/health");
    }

    private double count(String endpoint) {
        return registry.find("http.requests").tag("endpoint", endpoint).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private double totalRequests() {
        return registry.find("http.requests").counters().stream().mapToDouble(Counter::count).sum();
    }
}
