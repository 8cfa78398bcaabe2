package io.github.obskit.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.tracing.ContentCapture;
import io.github.obskit.core.tracing.SpanScope;
import io.github.obskit.core.tracing.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import tools.jackson.databind.JsonNode;

/** Structured events written by the real logback + LogstashEncoder through the shipped include. */
class StructuredLoggerTest {

    private static final String QUERY = "What does clause 7.2 of the supplier contract say about penalties?";

    @TempDir
    Path dir;

    private JsonLogs logs;
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();
    private final Tracing tracing = Tracing.create(sdk);
    private final StructuredLogger events = StructuredLogger.create(LoggerFactory.getLogger("rag_service"));

    @BeforeEach
    void configure() throws Exception {
        logs = new JsonLogs(dir, Map.of());
    }

    @AfterEach
    void restore() {
        MDC.clear();
        if (logs != null) {
            logs.close();
        }
        sdk.close();
    }

    @Test
    void aRepeatedFieldKeepsItsFirstPlaceAndLastValueAndManyFieldsAreAllWritten() throws Exception {
        var event = events.event("wide").field("a", "first").field("b", 2);
        for (int i = 0; i < 20; i++) {
            event.field("f" + i, i);
        }
        event.field("a", "last").log();

        JsonNode wide = logs.app().get(0);
        List<String> names = new java.util.ArrayList<>();
        wide.propertyNames().forEach(names::add);
        assertThat(wide.get("a").asString()).isEqualTo("last");
        assertThat(wide.get("f19").asInt()).isEqualTo(19);
        assertThat(names).containsSubsequence("event_type", "a", "b", "f0", "f19");
        assertThat(names.stream().filter(n -> n.equals("a"))).hasSize(1);
    }

    @Test
    void eventsCarryTheirFieldsInOrderWithTypedValues() throws Exception {
        events.event("http_request").field("method", "POST").field("endpoint", "/documents").field("status", 201)
                .duration(Duration.ofMillis(12).plusNanos(500_000)).userId("u-1").log();
        events.event("document_processing").field("document_id", "doc-7").field("stage", "parse")
                .field("status", "success").duration(Duration.ofSeconds(2)).userId("u-1").log();
        events.event("job_retry").field("job_id", "j-9").userId("u-2").field("attempt", 5)
                .duration(Duration.ofMillis(340)).log();
        events.event("chat_message").field("message_id", "m-3").userId("u-3").field("message_type", "assistant")
                .field("status", "success").duration(Duration.ofMillis(1500)).field("quality_score", 0.82).log();
        // A null user and a null duration leave their fields out.
        events.event("chat_message").field("message_id", "m-4").userId(null).field("message_type", "assistant")
                .field("status", "error").duration(null).level(Level.WARN).log();

        List<JsonNode> app = logs.app();
        assertThat(app).extracting(e -> e.get("event_type").asString()).containsExactly(
                "http_request", "document_processing", "job_retry", "chat_message", "chat_message");

        JsonNode http = app.get(0);
        assertThat(http.get("message").asString()).isEqualTo("http_request");
        assertThat(http.get("level").asString()).isEqualTo("INFO");
        assertThat(http.get("method").asString()).isEqualTo("POST");
        assertThat(http.get("endpoint").asString()).isEqualTo("/documents");
        assertThat(http.get("status").isIntegralNumber()).isTrue();
        assertThat(http.get("status").asInt()).isEqualTo(201);
        assertThat(http.get("duration_ms").isNumber()).isTrue();
        assertThat(http.get("duration_ms").asDouble()).isEqualTo(12.5);
        assertThat(http.get("user_id").asString()).isEqualTo("u-1");
        assertThat(fieldNames(http)).containsSubsequence(
                "event_type", "method", "endpoint", "status", "duration_ms", "user_id");

        JsonNode doc = app.get(1);
        assertThat(doc.get("document_id").asString()).isEqualTo("doc-7");
        assertThat(doc.get("stage").asString()).isEqualTo("parse");
        assertThat(doc.get("status").asString()).isEqualTo("success");
        assertThat(doc.get("duration_ms").asDouble()).isEqualTo(2000.0);
        assertThat(fieldNames(doc)).containsSubsequence(
                "event_type", "document_id", "stage", "status", "duration_ms", "user_id");

        JsonNode retry = app.get(2);
        assertThat(retry.get("job_id").asString()).isEqualTo("j-9");
        assertThat(retry.get("user_id").asString()).isEqualTo("u-2");
        assertThat(retry.get("attempt").isIntegralNumber()).isTrue();
        assertThat(retry.get("attempt").asInt()).isEqualTo(5);
        assertThat(retry.get("duration_ms").asDouble()).isEqualTo(340.0);

        JsonNode chat = app.get(3);
        assertThat(chat.get("message_id").asString()).isEqualTo("m-3");
        assertThat(chat.get("message_type").asString()).isEqualTo("assistant");
        assertThat(chat.get("quality_score").asDouble()).isEqualTo(0.82);

        JsonNode partial = app.get(4);
        assertThat(partial.get("level").asString()).isEqualTo("WARN");
        assertThat(partial.has("user_id")).isFalse();
        assertThat(partial.has("duration_ms")).isFalse();
        assertThat(partial.has("quality_score")).isFalse();

        // Without a current span there are no trace fields.
        assertThat(app).allSatisfy(e -> {
            assertThat(e.has("trace_id")).isFalse();
            assertThat(e.has("span_id")).isFalse();
        });
    }

    @Test
    void eventsCarryTheCurrentTraceAndSpanIds() throws Exception {
        SpanContext spanContext;
        try (SpanScope span = tracing.start("job")) {
            spanContext = span.spanContext();
            events.event("job_retry").field("job_id", "j-1").log();
            span.success();
        }
        JsonNode event = logs.app().get(0);
        assertThat(event.get("trace_id").asString()).isEqualTo(spanContext.getTraceId());
        assertThat(event.get("span_id").asString()).isEqualTo(spanContext.getSpanId());
    }

    @Test
    void noopTracingAddsNoTraceFields() throws Exception {
        Tracing noop = Tracing.create(OpenTelemetry.noop());
        try (SpanScope span = noop.start("rag_query")) {
            events.event("cache_hit").log();
            span.success();
        }
        JsonNode event = logs.app().get(0);
        assertThat(event.get("event_type").asString()).isEqualTo("cache_hit");
        assertThat(event.has("trace_id")).isFalse();
        assertThat(event.has("span_id")).isFalse();
    }

    @Test
    void genericEventWithFieldsLevelMessageAndCause() throws Exception {
        events.event("job_retry")
                .message("retrying document job")
                .field("job_id", "j-1")
                .field("attempt", 2)
                .field("backoff_exceeded", false)
                .field("load", 0.5)
                .field("ignored_nan", Double.NaN)
                .field("ignored_null", (String) null)
                .field("attempt", 3)
                .duration("queue_wait_ms", Duration.ofMillis(250))
                .level(Level.ERROR)
                .cause(new IllegalStateException("worker lost"))
                .log();

        JsonNode event = logs.app().get(0);
        assertThat(event.get("message").asString()).isEqualTo("retrying document job");
        assertThat(event.get("level").asString()).isEqualTo("ERROR");
        assertThat(event.get("job_id").asString()).isEqualTo("j-1");
        assertThat(event.get("attempt").asInt()).isEqualTo(3);
        assertThat(event.get("backoff_exceeded").isBoolean()).isTrue();
        assertThat(event.get("load").asDouble()).isEqualTo(0.5);
        assertThat(event.get("queue_wait_ms").asDouble()).isEqualTo(250.0);
        assertThat(event.has("ignored_nan")).isFalse();
        assertThat(event.has("ignored_null")).isFalse();
        assertThat(event.get("stack_trace").asString()).contains("worker lost");
        assertThat(logs.errors()).hasSize(1);
    }

    @Test
    void reservedFieldsCannotBeOverwrittenAndAnEventLogsOnce() throws Exception {
        LogEvent event = events.event("upload_rejected").field("event_type", "forged").field("trace_id", "forged");
        event.log();
        event.log();
        List<JsonNode> app = logs.app().stream()
                .filter(e -> e.has("event_type"))
                .collect(java.util.stream.Collectors.toList());
        assertThat(app).hasSize(1);
        assertThat(app.get(0).get("event_type").asString()).isEqualTo("upload_rejected");
        assertThat(app.get(0).has("trace_id")).isFalse();
    }

    @Test
    void mdcEntriesAreNeverDuplicated() throws Exception {
        MDC.put("user_id", "u-1");
        events.event("http_request").field("method", "GET").field("endpoint", "/chat").field("status", 200)
                .duration(Duration.ofMillis(3)).userId("u-1").log();
        MDC.put("user_id", "u-mdc");
        events.event("http_request").field("method", "GET").field("endpoint", "/chat").field("status", 200)
                .duration(Duration.ofMillis(3)).userId("u-event").log();
        SpanContext spanContext;
        try (SpanScope span = tracing.start("chat")) {
            spanContext = span.spanContext();
            // As OpenTelemetry's logback MDC instrumentation does.
            MDC.put("trace_id", spanContext.getTraceId());
            MDC.put("span_id", spanContext.getSpanId());
            events.event("with_mdc_trace").log();
            span.success();
        }

        List<JsonNode> app = logs.app();
        assertThat(app.get(0).get("user_id").asString()).isEqualTo("u-1");
        assertThat(app.get(0).has("event_user_id")).isFalse();
        assertThat(app.get(1).get("user_id").asString()).isEqualTo("u-mdc");
        assertThat(app.get(1).get("event_user_id").asString()).isEqualTo("u-event");
        assertThat(app.get(2).get("trace_id").asString()).isEqualTo(spanContext.getTraceId());
        assertThat(app.get(2).get("span_id").asString()).isEqualTo(spanContext.getSpanId());
    }

    @Test
    void anEventInAChildSpanCarriesTheChildsIdsEvenWhenTheMdcHoldsTheParents() throws Exception {
        SpanContext parentContext;
        SpanContext childContext;
        try (SpanScope parent = tracing.start("GET /documents")) {
            parentContext = parent.spanContext();
            // As a servlet filter does for the request's server span.
            MDC.put("trace_id", parentContext.getTraceId());
            MDC.put("span_id", parentContext.getSpanId());
            try (SpanScope child = tracing.start("document_stage parse")) {
                childContext = child.spanContext();
                events.event("document_processing").field("document_id", "doc-1").field("stage", "parse")
                        .field("status", "success").duration(Duration.ofMillis(4)).userId("u-1").log();
                child.success();
            }
            assertThat(MDC.get("span_id")).isEqualTo(parentContext.getSpanId());
            parent.success();
        } finally {
            MDC.remove("trace_id");
            MDC.remove("span_id");
        }

        JsonNode event = logs.app().get(0);
        assertThat(event.get("trace_id").asString()).isEqualTo(childContext.getTraceId());
        assertThat(event.get("span_id").asString()).isEqualTo(childContext.getSpanId());
        assertThat(event.has("event_span_id")).isFalse();
    }

    @Test
    void hugeDurationsAreWrittenWithoutThrowing() throws Exception {
        events.event("http_request").field("method", "GET").field("endpoint", "/chat").field("status", 200)
                .duration(java.time.temporal.ChronoUnit.FOREVER.getDuration()).userId("u-1").log();

        assertThat(logs.app().get(0).get("duration_ms").asDouble()).isGreaterThan(1e18);
    }

    @Test
    void contentIsNotLoggedByDefault() throws Exception {
        events.event("search").content("query_text", QUERY).log();
        events.event("chat_message").field("message_id", "m-1").userId("u-1").field("message_type", "assistant")
                .field("status", "success").duration(Duration.ofMillis(5))
                .content("prompt", QUERY)
                .content("completion", "Clause 7.2 caps penalties at 5%.")
                .log();
        List<JsonNode> app = logs.app();
        assertThat(app).allSatisfy(e -> {
            assertThat(e.has("query_text")).isFalse();
            assertThat(e.has("prompt")).isFalse();
            assertThat(e.has("completion")).isFalse();
        });
        assertThat(logs.allRawText()).doesNotContain("clause 7.2").doesNotContain("caps penalties");
    }

    @Test
    void contentIsTruncatedWhenTheApplicationOptsIn() throws Exception {
        StructuredLogger capturing = StructuredLogger.create(LoggerFactory.getLogger("rag_service"),
                ContentCapture.truncatedTo(20));
        capturing.event("search").content("query_text", QUERY).log();
        capturing.event("chat_message").field("message_id", "m-1").userId("u-1").field("message_type", "assistant")
                .field("status", "success").duration(Duration.ofMillis(5))
                .content("completion", "Short answer.")
                .log();
        List<JsonNode> app = logs.app();
        assertThat(app.get(0).get("query_text").asString()).isEqualTo(QUERY.substring(0, 20));
        assertThat(app.get(1).get("completion").asString()).isEqualTo("Short answer.");
    }

    private static List<String> fieldNames(JsonNode event) {
        return List.copyOf(event.propertyNames());
    }

    @Test
    void disabledLevelsWriteNothing() throws Exception {
        events.event("debug_only").level(Level.DEBUG).log();
        events.event("visible").log();
        assertThat(logs.app()).extracting(e -> e.get("event_type").asString()).containsExactly("visible");
    }
}
