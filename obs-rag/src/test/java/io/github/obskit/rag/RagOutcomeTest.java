package io.github.obskit.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The obskit outcome rule (that of obs-core's {@code SpanScope}) in the RAG facades: an exception
 * escaping a try-with-resources block is a failure in metrics, span status and log level.
 */
class RagOutcomeTest {

    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> QUERY_STATUS = AttributeKey.stringKey("obskit.rag.query.status");

    private static final GenAiRequest MINILM =
            GenAiRequest.embeddings().provider("local").model("all-minilm-l6-v2").build();
    private static final GenAiRequest OPENAI_SMALL =
            GenAiRequest.embeddings().provider("openai").model("text-embedding-3-small").build();
    private static final GenAiRequest LLAMA3 = GenAiRequest.chat().provider("ollama").model("llama3").build();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private InMemoryOpenTelemetry tracing;
    private JsonLogCapture logs;
    private RagTelemetry rag;

    @BeforeEach
    void setUp() {
        tracing = new InMemoryOpenTelemetry();
        logs = new JsonLogCapture(RagTelemetry.INSTRUMENTATION_NAME);
        rag = RagTelemetry.create(registry, tracing.openTelemetry());
    }

    @AfterEach
    void tearDown() {
        logs.close();
        tracing.close();
    }

    @Test
    void anExceptionEscapingTryWithResourcesFailsTheQueryAndEveryStepInEverySignal() {
        IllegalStateException escaping = new IllegalStateException("model crashed");

        assertThatThrownBy(() -> {
            try (RagQuery query = rag.query(QueryRequest.builder("q-escape").userId("frank")
                    .queryType("semantic").text("question").build());
                    EmbeddingCall call = query.embed(MINILM);
                    Retrieval retrieval = query.retrieve("documents", 5);
                    ResponseGeneration generation = query.generateResponse(LLAMA3)) {
                call.dimensions(384);
                retrieval.chunk("doc-1", 0.9);
                throw escaping;
            }
        }).isSameAs(escaping);

        for (String name : List.of("rag_query", "embeddings all-minilm-l6-v2", "retrieval documents",
                "chat llama3")) {
            SpanData span = tracing.span(name);
            assertThat(span.getStatus().getStatusCode()).as(name).isEqualTo(StatusCode.ERROR);
            assertThat(span.getAttributes().get(ERROR_TYPE)).as(name).isEqualTo("_OTHER");
        }
        assertThat(tracing.span("rag_query").getAttributes().get(QUERY_STATUS)).isEqualTo("error");

        assertThat(registry.scrape())
                .contains("rag_queries_total{query_type=\"semantic\",status=\"error\",user_id=\"frank\"} 1.0")
                .contains("embeddings_generated_total{model=\"all-minilm-l6-v2\",status=\"error\"} 1.0")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"_OTHER\","
                        + "gen_ai_operation_name=\"embeddings\",gen_ai_provider_name=\"local\","
                        + "gen_ai_request_model=\"all-minilm-l6-v2\"} 1")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"_OTHER\","
                        + "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"ollama\","
                        + "gen_ai_request_model=\"llama3\"} 1")
                .doesNotContain("status=\"success\"")
                .doesNotContain("error_type=\"\"");

        List<JsonNode> events = logs.events("rag_query").stream()
                .filter(e -> e.get("query_id").asString().equals("q-escape")).toList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("level").asString()).isEqualTo("WARN");
        assertThat(events.get(0).get("status").asString()).isEqualTo("error");
        assertThat(events.get(0).get("error_type").asString()).isEqualTo("_OTHER");
    }

    @Test
    void anExceptionEscapingAnEmbeddingCallOutsideAQueryFailsIt() {
        assertThatThrownBy(() -> {
            try (EmbeddingCall call = rag.embeddings(OPENAI_SMALL)) {
                call.count(8);
                throw new IllegalStateException("connection reset");
            }
        }).isInstanceOf(IllegalStateException.class);

        SpanData span = tracing.span("embeddings text-embedding-3-small");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("_OTHER");
        assertThat(registry.scrape())
                .contains("embeddings_generated_total{model=\"text-embedding-3-small\",status=\"error\"} 8.0")
                .doesNotContain("status=\"success\"");
    }

    @Test
    void theStepsOfEachQueryAreChildrenOfThatQueryAndNamedAfterTheirRequest() {
        for (String queryId : List.of("q-1", "q-2")) {
            rag.query(QueryRequest.builder(queryId).userId("alice").queryType("semantic").build(), query -> {
                try (EmbeddingCall call = query.embed(MINILM)) {
                    call.success();
                }
                query.retrieve("documents", 5).close(); // no outcome: a failure of the step only
                return null;
            });
        }

        List<SpanData> queries = tracing.spans().stream().filter(s -> s.getName().equals("rag_query")).toList();
        assertThat(queries).hasSize(2).allSatisfy(q ->
                assertThat(q.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET));
        for (SpanData query : queries) {
            List<SpanData> steps = tracing.spans().stream()
                    .filter(s -> s.getParentSpanId().equals(query.getSpanId())).toList();
            assertThat(steps).extracting(SpanData::getName)
                    .containsExactly(MINILM.spanName(), "retrieval documents");
            assertThat(steps.get(0).getTraceId()).isEqualTo(query.getTraceId());
        }
        assertThat(MINILM.spanName()).isEqualTo("embeddings all-minilm-l6-v2");
    }

    @Test
    void successReturnsTheResultAndMarksEachOperationSuccessful() {
        String answer;
        try (RagQuery query = rag.query(QueryRequest.builder("q-ok").userId("alice")
                .queryType("semantic").text("question").build())) {
            float[] vector;
            try (EmbeddingCall call = query.embed(MINILM)) {
                vector = call.success(new float[384]);
            }
            try (Retrieval retrieval = query.retrieve("documents", 5)) {
                retrieval.chunk("doc-1", 0.9);
                retrieval.success();
            }
            try (ResponseGeneration generation = query.generateResponse(LLAMA3)) {
                answer = query.success(generation.success("refunded within " + vector.length + " days"));
            }
        }

        assertThat(answer).isEqualTo("refunded within 384 days");
        assertThat(tracing.spans()).hasSize(4).extracting(s -> s.getStatus().getStatusCode())
                .containsOnly(StatusCode.UNSET);
        assertThat(registry.scrape())
                .contains("rag_queries_total{query_type=\"semantic\",status=\"success\",user_id=\"alice\"} 1.0")
                .doesNotContain("status=\"error\"");
    }

    @Test
    void theWorkFormFailsTheQueryWithTheExceptionAndAFailureIsFinal() {
        IllegalStateException broken = new IllegalStateException("index offline");

        assertThatThrownBy(() -> rag.query(QueryRequest.builder("q-work").userId("bob")
                .queryType("keyword").text("question").build(), query -> {
            throw broken;
        })).isSameAs(broken);
        try (RagQuery query = rag.query(QueryRequest.builder("q-final").userId("bob")
                .queryType("keyword").text("question").build())) {
            query.fail(new IllegalArgumentException("empty question"));
            query.fail(new IllegalStateException("second"));
            query.success();
        }

        assertThat(tracing.spans()).extracting(s -> s.getAttributes().get(ERROR_TYPE))
                .containsExactly(IllegalStateException.class.getName(), IllegalArgumentException.class.getName());
        assertThat(registry.scrape())
                .contains("rag_queries_total{query_type=\"keyword\",status=\"error\",user_id=\"bob\"} 2.0")
                .doesNotContain("status=\"success\"");
    }
}
