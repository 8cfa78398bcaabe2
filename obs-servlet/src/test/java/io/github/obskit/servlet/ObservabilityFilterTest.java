package io.github.obskit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.obskit.core.metrics.Buckets;
import io.github.obskit.servlet.internal.ServletHeaderGetter;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.github.obskit.testsupport.Promtool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The filter on a real embedded Jetty 12 (ee10) with a Prometheus registry, the OpenTelemetry
 * SDK exporting to memory and logback writing JSON with logstash-logback-encoder.
 */
class ObservabilityFilterTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
    private final TestServlets.Probe probe = new TestServlets.Probe();
    private final TestServlets.Hello hello = new TestServlets.Hello();
    private final TestServlets.Boom boom = new TestServlets.Boom();
    private final TestServlets.Async async = new TestServlets.Async();
    private final TestServlets.AsyncDispatch asyncDispatch = new TestServlets.AsyncDispatch();
    private JsonLogCapture log;
    private JettyServer server;

    @BeforeEach
    void startServer() throws Exception {
        log = new JsonLogCapture(ObservabilityFilter.ACCESS_LOGGER_NAME);
        server = server(ObservabilityFilter.builder(registry)
                .openTelemetry(tracing.openTelemetry())
                .routes("/api/documents/{id}", "/api/documents/search")
                .build());
    }

    private JettyServer server(ObservabilityFilter filter) throws Exception {
        return server("/", filter);
    }

    private JettyServer server(String contextPath, ObservabilityFilter filter) throws Exception {
        return new JettyServer(contextPath)
                .filter(probe)
                .filter(filter)
                .servlet("/hello", hello)
                .servlet("/api/documents/*", new TestServlets.Documents())
                .servlet("/boom", boom)
                .servlet("/status", new TestServlets.Status())
                .servlet("/async", async)
                .servlet("/async-dispatch", asyncDispatch)
                .servlet("/async-timeout", new TestServlets.AsyncTimeout())
                .servlet("/metrics", new PrometheusScrapeServlet(registry))
                .start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        log.close();
        tracing.close();
    }

    @Test
    void scrapeHasTheSpecNamesAndLabelsAndTheSemanticConventionMetricsAndPassesPromtool() {
        assertThat(server.get("/hello").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/documents/42").statusCode()).isEqualTo(200);
        assertThat(server.get("/boom").statusCode()).isEqualTo(500);
        awaitRequests(3);

        HttpResponse<String> scrape = server.get("/metrics");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("# TYPE http_requests_total counter")
                .contains("http_requests_total{endpoint=\"/hello\",method=\"GET\",status=\"200\"} 1.0")
                .contains("http_requests_total{endpoint=\"/api/documents/{id}\",method=\"GET\",status=\"200\"} 1.0")
                .contains("http_requests_total{endpoint=\"/boom\",method=\"GET\",status=\"500\"} 1.0")
                .contains("# TYPE http_request_duration_seconds histogram")
                .contains("http_request_duration_seconds_bucket{endpoint=\"/hello\",method=\"GET\",le=\"10.0\"} 1")
                .contains("http_request_duration_seconds_count{endpoint=\"/hello\",method=\"GET\"} 1")
                .contains("# TYPE http_server_request_duration_seconds histogram")
                .contains("http_server_request_duration_seconds_count{error_type=\"\",http_request_method=\"GET\","
                        + "http_response_status_code=\"200\",http_route=\"/hello\",url_scheme=\"http\"} 1")
                .contains("http_server_request_duration_seconds_bucket{error_type=\"\",http_request_method=\"GET\","
                        + "http_response_status_code=\"200\",http_route=\"/api/documents/{id}\","
                        + "url_scheme=\"http\",le=\"10.0\"} 1")
                .contains("http_server_request_duration_seconds_count{error_type=\"java.lang.IllegalStateException\","
                        + "http_request_method=\"GET\",http_response_status_code=\"500\",http_route=\"/boom\","
                        + "url_scheme=\"http\"} 1")
                // The scrape request itself is in flight while the registry is scraped.
                .contains("http_server_active_requests{http_request_method=\"GET\",url_scheme=\"http\"} 1.0")
                .doesNotContain("/api/documents/42")
                .doesNotContain("quantile=");
        for (double le : Buckets.HTTP_SECONDS.boundaries()) {
            assertThat(scrape.body()).contains("http_request_duration_seconds_bucket{endpoint=\"/hello\","
                    + "method=\"GET\",le=\"" + le + "\"}");
        }
        Promtool.Result promtool = Promtool.checkMetrics(scrape.body());
        assertThat(promtool.exitCode()).as(promtool.toString()).isZero();
        assertThat(promtool.output()).isEmpty();
    }

    @Test
    void thousandDistinctDocumentIdsAreOneEndpointSeries() {
        for (int id = 0; id < 1_000; id++) {
            assertThat(server.get("/api/documents/" + id + "-" + Integer.toHexString(id * 7919))
                    .statusCode()).isEqualTo(200);
        }
        assertThat(server.get("/api/documents/search").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                registry.get("http.requests").tag("endpoint", "/api/documents/{id}").counter().count())
                .isEqualTo(1_000));
        List<String> endpoints = registry.find("http.requests").counters().stream()
                .map(c -> c.getId().getTag("endpoint")).distinct().sorted().collect(Collectors.toList());
        assertThat(endpoints).containsExactly("/api/documents/search", "/api/documents/{id}");
        assertThat(registry.find("http.request.duration").timers()).hasSize(2);
        assertThat(registry.scrape().lines().filter(l -> l.startsWith("http_requests_total{")))
                .hasSize(2);
    }

    @Test
    void notFoundScansShareOneEndpointSeries() {
        for (int i = 0; i < 300; i++) {
            String path = i % 3 == 0 ? "/wp-admin/setup-" + i + ".php"
                    : i % 3 == 1 ? "/.env." + i : "/cgi-bin/" + i + "/x?id=" + i;
            assertThat(server.get(path).statusCode()).isEqualTo(404);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                registry.get("http.requests").tag("endpoint", "unmatched").tag("status", "404")
                        .counter().count()).isEqualTo(300));
        assertThat(registry.find("http.requests").counters()).hasSize(1);
        assertThat(registry.find("http.server.request.duration").timers()).hasSize(1)
                .allSatisfy(t -> assertThat(t.getId().getTag("http.route")).isEqualTo("unmatched"));
        assertThat(tracing.spans()).hasSize(300)
                .allSatisfy(s -> {
                    assertThat(s.getName()).isEqualTo("GET");
                    assertThat(s.getAttributes().get(AttributeKey.stringKey("http.route"))).isNull();
                });
    }

    @Test
    void unknownMethodsAreRecordedAsOther() {
        HttpResponse<String> response = server.send("PURGE", "/hello", Map.of());
        assertThat(response.statusCode()).isEqualTo(202);
        HttpResponse<String> other = server.send("BREW", "/hello", Map.of());
        assertThat(other.statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                registry.get("http.requests").tag("method", "_OTHER").tag("endpoint", "/hello")
                        .tag("status", "202").counter().count()).isEqualTo(2));
        assertThat(registry.find("http.requests").tag("method", "PURGE").counters()).isEmpty();
        assertThat(registry.get("http.server.request.duration").tag("http.request.method", "_OTHER")
                .timer().count()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.spans().size() == 2);
        SpanData span = tracing.spans().get(0);
        assertThat(span.getName()).isEqualTo("HTTP /hello");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method")))
                .isEqualTo("_OTHER");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method_original")))
                .isIn("PURGE", "BREW");
    }

    @Test
    void asyncRequestIsMeasuredToCompletionNotToTheFirstReturn() throws Exception {
        Duration delay = Duration.ofMillis(300);
        CompletableFuture<HttpResponse<String>> response = server.client().sendAsync(
                java.net.http.HttpRequest.newBuilder(server.uri("/async")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        TestServlets.Async.Pending pending = async.pending.poll(10, TimeUnit.SECONDS);
        assertThat(pending).as("the async servlet was reached").isNotNull();

        // The first dispatch has returned; the request must still be in flight and unrecorded.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> System.nanoTime() - pending.startedNanos >= delay.toNanos());
        assertThat(registry.find("http.requests").tag("endpoint", "/async").counters()).isEmpty();
        assertThat(registry.get("http.server.active_requests").tag("http.request.method", "GET")
                .gauge().value()).isEqualTo(1.0);
        assertThat(response).isNotDone();

        pending.context.getResponse().getWriter().write("done");
        pending.context.complete();

        assertThat(response.get(10, TimeUnit.SECONDS).body()).isEqualTo("done");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                registry.get("http.request.duration").tag("endpoint", "/async").timer().count())
                .isEqualTo(1));
        Timer timer = registry.get("http.request.duration").tag("endpoint", "/async").timer();
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isGreaterThanOrEqualTo(delay.toNanos());
        assertThat(registry.get("http.server.request.duration").tag("http.route", "/async").timer()
                .totalTime(TimeUnit.NANOSECONDS)).isGreaterThanOrEqualTo(delay.toNanos());
        assertThat(registry.get("http.requests").tag("endpoint", "/async").tag("status", "200")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("http.server.active_requests").tag("http.request.method", "GET")
                .gauge().value()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.spans().size() == 1);
        SpanData span = tracing.spans().get(0);
        assertThat(span.getEndEpochNanos() - span.getStartEpochNanos())
                .isGreaterThanOrEqualTo(delay.toNanos());
        // Written on the thread that completed the request, with the server span's ids.
        JsonNode event = log.events("http_request").get(0);
        assertThat(event.get("endpoint").asString()).isEqualTo("/async");
        assertThat(event.get("trace_id").asString()).isEqualTo(span.getTraceId());
        assertThat(event.get("span_id").asString()).isEqualTo(span.getSpanId());
        assertThat(event.get("duration_ms").asDouble()).isGreaterThanOrEqualTo(delay.toMillis());
    }

    @Test
    void asyncTimeoutIsRecordedWithTheContainersErrorStatusAfterTheTimeout() {
        HttpResponse<String> response = server.get("/async-timeout");

        assertThat(response.statusCode()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                registry.get("http.requests").tag("endpoint", "/async-timeout").tag("status", "500")
                        .counter().count()).isEqualTo(1));
        Timer timer = registry.get("http.server.request.duration").tag("http.route", "/async-timeout")
                .tag("error.type", "500").timer();
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS))
                .isGreaterThanOrEqualTo(TestServlets.AsyncTimeout.TIMEOUT_MS);
        assertThat(registry.get("http.server.active_requests").tag("http.request.method", "GET")
                .gauge().value()).isZero();
    }

    @Test
    void exceptionIsCountedAs500AndRethrownUnchanged() {
        HttpResponse<String> response = server.get("/boom", Map.of("traceparent", TRACEPARENT));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(probe.escaped).hasSize(1);
        assertThat(probe.escaped.get(0)).isSameAs(boom.thrown.get());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                registry.get("http.requests").tag("endpoint", "/boom").tag("status", "500")
                        .counter().count()).isEqualTo(1));
        assertThat(registry.get("http.server.request.duration")
                .tag("error.type", "java.lang.IllegalStateException").timer().count()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.spans().size() == 1);
        SpanData span = tracing.spans().get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(500L);
        assertThat(span.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
        assertThat(probe.mdcTraceIdsAfter).containsExactly("null");
        await().atMost(Duration.ofSeconds(5)).until(() -> log.events("http_request").size() == 1);
        JsonNode event = log.events("http_request").get(0);
        assertThat(event.get("status").asInt()).isEqualTo(500);
        assertThat(event.get("error_type").asString()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void serverErrorStatusWithoutExceptionIsAnErrorToo() {
        assertThat(server.get("/status?status=503").statusCode()).isEqualTo(503);
        assertThat(server.get("/status?status=404").statusCode()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.spans().size() == 2);
        assertThat(registry.get("http.server.request.duration").tag("error.type", "503")
                .tag("http.response.status_code", "503").timer().count()).isEqualTo(1);
        Timer notFound = registry.get("http.server.request.duration")
                .tag("http.response.status_code", "404").timer();
        assertThat(notFound.getId().getTag("error.type")).isEmpty();
        assertThat(registry.find("http.server.request.duration").timers())
                .allSatisfy(t -> assertThat(t.getId().getTags()).extracting(Tag::getKey)
                        .containsExactlyInAnyOrder("http.request.method", "http.route",
                                "http.response.status_code", "url.scheme", "error.type"));
        assertThat(tracing.spans()).extracting(s -> s.getStatus().getStatusCode())
                .containsExactlyInAnyOrder(StatusCode.ERROR, StatusCode.UNSET);
    }

    @Test
    void mdcHoldsTheIdsDuringTheRequestAndIsClearedAfterwards() {
        for (int i = 0; i < 5; i++) {
            assertThat(server.get("/hello").statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.spans().size() == 5);
        List<SpanData> finished = tracing.spans();
        assertThat(hello.mdcTraceIds).containsExactlyInAnyOrderElementsOf(
                finished.stream().map(SpanData::getTraceId).collect(Collectors.toList()));
        assertThat(hello.mdcSpanIds).containsExactlyInAnyOrderElementsOf(
                finished.stream().map(SpanData::getSpanId).collect(Collectors.toList()));
        assertThat(hello.currentSpanIds).isEqualTo(hello.mdcSpanIds);
        assertThat(probe.mdcTraceIdsAfter).hasSize(5).containsOnly("null");
    }

    @Test
    void mdcValuesTheThreadHadBeforeAreRestoredAndTheEventKeepsItsOwnIds() throws Exception {
        TestServlets.OuterMdc outer = new TestServlets.OuterMdc();
        server.close();
        server = new JettyServer()
                .filter(probe)
                .filter(outer)
                .filter(ObservabilityFilter.builder(registry).openTelemetry(tracing.openTelemetry())
                        .build())
                .servlet("/hello", hello)
                .start();

        assertThat(server.get("/hello").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.spans().size() == 1);
        SpanData span = tracing.spans().get(0);
        assertThat(hello.mdcTraceIds).containsExactly(span.getTraceId());
        assertThat(outer.mdcTraceIdsAfter).containsExactly(TestServlets.OuterMdc.TRACE_ID);
        assertThat(probe.mdcTraceIdsAfter).containsExactly("null");
        // One trace_id key in the JSON (the parse rejects duplicates), and it is the event's own:
        // the outer MDC value is replaced for the log call only, then restored (checked above).
        JsonNode event = log.events("http_request").get(0);
        assertThat(event.get("trace_id").asString()).isEqualTo(span.getTraceId());
        assertThat(event.has("event_trace_id")).isFalse();
        assertThat(event.get("span_id").asString()).isEqualTo(span.getSpanId());
    }

    @Test
    void mdcIsSetOnTheAsyncDispatchAndClearedAfterIt() {
        HttpResponse<String> response = server.get("/async-dispatch");

        assertThat(response.body()).isEqualTo("dispatched");
        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.spans().size() == 1);
        String traceId = tracing.spans().get(0).getTraceId();
        assertThat(asyncDispatch.mdcTraceIds).containsExactly(traceId, traceId);
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.mdcTraceIdsAfter.size() == 2);
        assertThat(probe.mdcTraceIdsAfter).containsOnly("null");
        assertThat(registry.get("http.requests").tag("endpoint", "/async-dispatch").counter().count())
                .isEqualTo(1);
    }

    @Test
    void validTraceparentContinuesTheTrace() {
        HttpResponse<String> response = server.get("/api/documents/7",
                Map.of("traceparent", TRACEPARENT, "tracestate", "congo=t61rcWkgMzE"));

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.spans().size() == 1);
        SpanData span = tracing.spans().get(0);
        assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.getParentSpanId()).isEqualTo(PARENT_SPAN_ID);
        assertThat(span.getParentSpanContext().isRemote()).isTrue();
        assertThat(span.getSpanContext().getTraceState().get("congo")).isEqualTo("t61rcWkgMzE");
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getName()).isEqualTo("GET /api/documents/{id}");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.route")))
                .isEqualTo("/api/documents/{id}");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("url.path")))
                .isEqualTo("/api/documents/7");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("url.scheme"))).isEqualTo("http");
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(200L);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("network.protocol.version")))
                .isEqualTo("1.1");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("client.address")))
                .isEqualTo("127.0.0.1");
        assertThat(span.getAttributes().get(AttributeKey.longKey("server.port")))
                .isEqualTo((long) server.uri("/").getPort());
    }

    @Test
    void withoutTracingTheSpanOfOtherInstrumentationStaysCurrentAndIsLogged() throws Exception {
        SpanContext agentSpan = SpanContext.create(TRACE_ID, PARENT_SPAN_ID, TraceFlags.getSampled(),
                TraceState.getDefault());
        server.close();
        server = new JettyServer()
                .filter(probe)
                .filter(new TestServlets.OuterSpan(agentSpan))
                .filter(ObservabilityFilter.builder(registry).build())
                .servlet("/hello", hello)
                .start();

        assertThat(server.get("/hello").statusCode()).isEqualTo(200);

        assertThat(hello.currentSpanIds).containsExactly(PARENT_SPAN_ID);
        assertThat(hello.mdcTraceIds).as("the filter only puts its own span's ids in the MDC")
                .containsExactly("null");
        await().atMost(Duration.ofSeconds(5)).until(() -> log.events("http_request").size() == 1);
        JsonNode event = log.events("http_request").get(0);
        assertThat(event.get("trace_id").asString()).isEqualTo(TRACE_ID);
        assertThat(event.get("span_id").asString()).isEqualTo(PARENT_SPAN_ID);
        assertThat(tracing.spans()).isEmpty();
    }

    @Test
    void withoutTraceparentTheServerSpanIsAChildOfTheSpanAlreadyCurrent() throws Exception {
        SpanContext agentSpan = SpanContext.create(TRACE_ID, PARENT_SPAN_ID, TraceFlags.getSampled(),
                TraceState.getDefault());
        server.close();
        server = new JettyServer()
                .filter(probe)
                .filter(new TestServlets.OuterSpan(agentSpan))
                .filter(ObservabilityFilter.builder(registry).openTelemetry(tracing.openTelemetry())
                        .build())
                .servlet("/hello", hello)
                .start();

        assertThat(server.get("/hello").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.spans().size() == 1);
        SpanData span = tracing.spans().get(0);
        assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.getParentSpanId()).isEqualTo(PARENT_SPAN_ID);
        assertThat(hello.currentSpanIds).containsExactly(span.getSpanId());
        assertThat(hello.mdcSpanIds).containsExactly(span.getSpanId());
        assertThat(probe.mdcTraceIdsAfter).containsExactly("null");
    }

    static Stream<Arguments> malformedTraceparents() {
        return Stream.of(
                Arguments.of("version ff", "ff-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01"),
                Arguments.of("all-zero trace id", "00-00000000000000000000000000000000-" + PARENT_SPAN_ID + "-01"),
                Arguments.of("all-zero span id", "00-" + TRACE_ID + "-0000000000000000-01"),
                Arguments.of("trace id too short", "00-" + TRACE_ID.substring(1) + "-" + PARENT_SPAN_ID + "-01"),
                Arguments.of("trace id too long", "00-" + TRACE_ID + "a-" + PARENT_SPAN_ID + "-01"),
                Arguments.of("span id too short", "00-" + TRACE_ID + "-" + PARENT_SPAN_ID.substring(1) + "-01"),
                Arguments.of("span id too long", "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "a-01"),
                Arguments.of("flags too long", "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-011"),
                Arguments.of("upper-case hex", "00-" + TRACE_ID.toUpperCase() + "-"
                        + PARENT_SPAN_ID.toUpperCase() + "-01"),
                Arguments.of("8 KB header", TRACEPARENT + "-" + "a".repeat(8 * 1024)),
                Arguments.of("garbage", "not a traceparent"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTraceparents")
    void malformedTraceparentStartsANewTraceAndTheRequestIsAnswered(String label, String traceparent) {
        HttpResponse<String> response = server.get("/hello",
                Map.of("traceparent", traceparent, "tracestate", "congo=t61rcWkgMzE"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.spans().size() == 1);
        SpanData span = tracing.spans().get(0);
        assertThat(span.getSpanContext().isValid()).isTrue();
        assertThat(span.getTraceId()).isNotEqualToIgnoringCase(TRACE_ID);
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(span.getSpanContext().getTraceState().isEmpty()).isTrue();
        assertThat(hello.mdcTraceIds).containsExactly(span.getTraceId());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                registry.get("http.requests").tag("endpoint", "/hello").counter().count()).isEqualTo(1));
    }

    @Test
    void aTraceparentLongerThanTheHeaderLimitIsNotHandedToThePropagator() {
        // A later traceparent version may carry more fields; W3C propagation accepts it.
        String futureVersion = "cc-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01-";
        server.get("/hello", Map.of("traceparent", futureVersion + "a".repeat(100)));
        server.get("/hello", Map.of("traceparent",
                futureVersion + "a".repeat(ServletHeaderGetter.MAX_VALUE_LENGTH)));

        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.spans().size() == 2);
        assertThat(tracing.spans()).extracting(SpanData::getTraceId)
                .containsOnlyOnce(TRACE_ID)
                .hasSize(2);
        assertThat(tracing.spans()).filteredOn(s -> s.getTraceId().equals(TRACE_ID))
                .singleElement()
                .satisfies(s -> assertThat(s.getParentSpanId()).isEqualTo(PARENT_SPAN_ID));
        assertThat(hello.mdcTraceIds).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void accessLogEventHasTheSpecFieldsAsJson() {
        server.get("/api/documents/7", Map.of("traceparent", TRACEPARENT));

        await().atMost(Duration.ofSeconds(5)).until(() -> log.events("http_request").size() == 1
                && tracing.spans().size() == 1);
        JsonNode event = log.events("http_request").get(0);
        SpanData span = tracing.spans().get(0);
        assertThat(event.get("level").asString()).isEqualTo("INFO");
        assertThat(event.get("logger_name").asString()).isEqualTo(ObservabilityFilter.ACCESS_LOGGER_NAME);
        assertThat(event.get("method").asString()).isEqualTo("GET");
        assertThat(event.get("endpoint").asString()).isEqualTo("/api/documents/{id}");
        assertThat(event.get("status").isNumber()).isTrue();
        assertThat(event.get("status").asInt()).isEqualTo(200);
        assertThat(event.get("duration_ms").isNumber()).isTrue();
        assertThat(event.get("duration_ms").asDouble()).isPositive();
        assertThat(event.get("trace_id").asString()).isEqualTo(TRACE_ID);
        assertThat(event.get("span_id").asString()).isEqualTo(span.getSpanId());
        assertThat(event.get("message").asString()).startsWith("GET /api/documents/{id} 200 ");
        assertThat(event.has("error_type")).isFalse();
    }

    @Test
    void accessLogEventKeepsTheSpecFieldsInTheSpecOrder() throws Exception {
        server.close();
        server = server(ObservabilityFilter.builder(registry)
                .userId(request -> request.getHeader("X-User"))
                .build());

        assertThat(server.send("POST", "/hello", Map.of("X-User", "u-7")).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(5)).until(() -> log.events("http_request").size() == 1);
        JsonNode event = log.events("http_request").get(0);
        List<String> specFields = List.of("event_type", "method", "endpoint", "status", "duration_ms",
                "user_id");
        assertThat(event.propertyNames().stream().filter(specFields::contains))
                .containsExactlyElementsOf(specFields);
        assertThat(event.get("event_type").asString())
                .isEqualTo(ObservabilityFilter.ACCESS_LOG_EVENT_TYPE).isEqualTo("http_request");
        assertThat(event.get("status").isNumber()).isTrue();
        assertThat(event.get("status").asInt()).isEqualTo(202);
        assertThat(event.get("duration_ms").isNumber()).isTrue();
        assertThat(event.get("user_id").asString()).isEqualTo("u-7");
    }

    @Test
    void accessLogCanBeTurnedOffWhileMetricsAndSpansStay() throws Exception {
        server.close();
        server = server(ObservabilityFilter.builder(registry)
                .openTelemetry(tracing.openTelemetry())
                .accessLog(false)
                .build());

        server.get("/hello");
        server.get("/boom");

        // The event is written before the span ends, so ended spans mean no event will follow.
        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.spans().size() == 2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                registry.find("http.requests").counters().stream().mapToDouble(Counter::count).sum())
                .isEqualTo(2));
        assertThat(log.rawText()).isEmpty();
    }

    @Test
    void userIdIsLoggedNeverTagged() throws Exception {
        server.close();
        server = server(ObservabilityFilter.builder(registry)
                .userId(request -> request.getHeader("X-User"))
                .build());

        server.get("/hello", Map.of("X-User", "alice"));

        await().atMost(Duration.ofSeconds(5)).until(() -> log.events("http_request").size() == 1);
        JsonNode event = log.events("http_request").get(0);
        assertThat(event.get("user_id").asString()).isEqualTo("alice");
        assertThat(event.has("trace_id")).as("no tracing configured: no ids").isFalse();
        assertThat(registry.scrape()).doesNotContain("alice");
    }

    @Test
    void aThrowingUserIdFunctionAndAClosedRegistryNeverFailTheRequest() throws Exception {
        server.close();
        server = server(ObservabilityFilter.builder(registry)
                .openTelemetry(tracing.openTelemetry())
                .userId(request -> {
                    throw new IllegalStateException("no session");
                })
                .build());
        registry.close();

        HttpResponse<String> response = server.get("/api/documents/9");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("document /9");
        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.spans().size() == 1);
        JsonNode event = log.events("http_request").get(0);
        assertThat(event.get("endpoint").asString()).isEqualTo("/api/documents/*");
        assertThat(event.has("user_id")).isFalse();
        assertThat(probe.escaped).isEmpty();
        assertThat(probe.mdcTraceIdsAfter).containsExactly("null");
    }

    @Test
    void theServletMappingIsTheEndpointWhenNoTemplateMatchesAndTheContextPathIsIncluded()
            throws Exception {
        server.close();
        server = server("/app", ObservabilityFilter.builder(registry)
                .routes("/api/documents/{id}")
                .build());

        assertThat(server.get("/app/api/documents/1").statusCode()).isEqualTo(200);
        assertThat(server.get("/app/api/documents/1/extra").statusCode()).isEqualTo(200);
        assertThat(server.get("/app/hello").statusCode()).isEqualTo(200);
        assertThat(server.get("/app/nothing-here").statusCode()).isEqualTo(404);

        awaitRequests(4);
        assertThat(registry.find("http.requests").counters())
                .extracting(c -> c.getId().getTag("endpoint"))
                .containsExactlyInAnyOrder("/app/api/documents/{id}", "/app/api/documents/*",
                        "/app/hello", "unmatched");
    }

    @Test
    void aFailingPropagatorStartsANewTraceAndNeverFailsTheRequest() throws Exception {
        TextMapPropagator broken = new TextMapPropagator() {
            @Override
            public java.util.Collection<String> fields() {
                return List.of("traceparent");
            }

            @Override
            public <C> void inject(io.opentelemetry.context.Context context, C carrier,
                    io.opentelemetry.context.propagation.TextMapSetter<C> setter) {
            }

            @Override
            public <C> io.opentelemetry.context.Context extract(io.opentelemetry.context.Context context,
                    C carrier, io.opentelemetry.context.propagation.TextMapGetter<C> getter) {
                throw new IllegalArgumentException("cannot parse " + getter.get(carrier, "traceparent"));
            }
        };
        // InMemoryOpenTelemetry's propagators are fixed; this SDK differs only in them.
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk withBrokenPropagator = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(broken))
                .build();
        try {
            server.close();
            server = server(ObservabilityFilter.builder(registry)
                    .openTelemetry(withBrokenPropagator)
                    .build());

            HttpResponse<String> response = server.get("/hello", Map.of("traceparent", TRACEPARENT));

            assertThat(response.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> spans.getFinishedSpanItems().size() == 1);
            SpanData span = spans.getFinishedSpanItems().get(0);
            assertThat(span.getTraceId()).isNotEqualTo(TRACE_ID);
            assertThat(span.getParentSpanContext().isValid()).isFalse();
        } finally {
            server.close();
            server = server(ObservabilityFilter.builder(registry).build());
            withBrokenPropagator.close();
        }
    }

    private void awaitRequests(int count) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                registry.find("http.requests").counters().stream().mapToDouble(Counter::count).sum())
                .isEqualTo(count));
    }
}
