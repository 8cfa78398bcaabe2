package io.github.obskit.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The facade against a real OpenTelemetry SDK (in-memory exporter), a real Prometheus registry
 * and logback with the real LogstashEncoder.
 */
class RagTelemetryTest {

    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    private static final AttributeKey<Long> DIMENSIONS = AttributeKey.longKey("gen_ai.embeddings.dimension.count");
    private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    private static final AttributeKey<Double> TOP_K = AttributeKey.doubleKey("gen_ai.request.top_k");
    private static final AttributeKey<String> DATA_SOURCE = AttributeKey.stringKey("gen_ai.data_source.id");
    private static final AttributeKey<String> QUERY_TEXT = AttributeKey.stringKey("gen_ai.retrieval.query.text");
    private static final AttributeKey<String> DOCUMENTS = AttributeKey.stringKey("gen_ai.retrieval.documents");
    private static final AttributeKey<Long> CHUNKS = AttributeKey.longKey("obskit.rag.chunks_retrieved");
    private static final AttributeKey<String> QUERY_ID = AttributeKey.stringKey("obskit.rag.query.id");
    private static final AttributeKey<String> QUERY_TYPE = AttributeKey.stringKey("obskit.rag.query.type");
    private static final AttributeKey<String> QUERY_STATUS = AttributeKey.stringKey("obskit.rag.query.status");
    private static final AttributeKey<Double> QUALITY = AttributeKey.doubleKey("obskit.rag.quality_score");
    private static final AttributeKey<String> USER_ID = AttributeKey.stringKey("user.id");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private static final String QUESTION = "What does the refund policy say about damaged items?";

    private static final GenAiRequest MINILM =
            GenAiRequest.embeddings().provider("local").model("all-minilm-l6-v2").build();
    private static final GenAiRequest OPENAI_SMALL =
            GenAiRequest.embeddings().provider("openai").model("text-embedding-3-small").build();
    private static final GenAiRequest LLAMA3 = GenAiRequest.chat().provider("ollama").model("llama3").build();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final String queryId = "q-" + UUID.randomUUID();
    private InMemoryOpenTelemetry tracing;
    private JsonLogCapture logs;

    @BeforeEach
    void setUp() {
        tracing = new InMemoryOpenTelemetry();
        logs = new JsonLogCapture(RagTelemetry.INSTRUMENTATION_NAME);
    }

    @AfterEach
    void tearDown() {
        logs.close();
        tracing.close();
    }

    private List<JsonNode> eventsFor(String query) {
        return logs.events("rag_query").stream()
                .filter(e -> e.has("query_id") && e.get("query_id").asString().equals(query))
                .toList();
    }

    private void answer(RagTelemetry rag) {
        try (RagQuery query = rag.query(QueryRequest.builder(queryId).userId("alice")
                .queryType("semantic").text(QUESTION).build())) {
            try (EmbeddingCall call = query.embed(MINILM)) {
                call.dimensions(384).inputTokens(11);
                call.success();
            }
            try (Retrieval retrieval = query.retrieve("documents", 3)) {
                retrieval.chunk("doc-1", 0.91).chunk("doc-2", 0.74).chunk("doc-1", 0.55);
                retrieval.success();
            }
            try (ResponseGeneration generation = query.generateResponse(LLAMA3)) {
                generation.inputTokens(420).outputTokens(96);
                generation.success();
            }
            query.responseQuality(0.82);
            query.success();
        }
    }

    @Test
    void aQueryRecordsGenAiSpansAsChildrenOfTheQuerySpan() {
        answer(RagTelemetry.create(registry, tracing.openTelemetry()));

        SpanData query = tracing.span("rag_query");
        assertThat(query.getParentSpanContext().isValid()).isFalse();
        assertThat(query.getAttributes().get(QUERY_ID)).isEqualTo(queryId);
        assertThat(query.getAttributes().get(USER_ID)).isEqualTo("alice");
        assertThat(query.getAttributes().get(QUERY_TYPE)).isEqualTo("semantic");
        assertThat(query.getAttributes().get(CHUNKS)).isEqualTo(3L);
        assertThat(query.getAttributes().get(QUERY_STATUS)).isEqualTo("success");
        assertThat(query.getAttributes().get(QUALITY)).isEqualTo(0.82);
        assertThat(query.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        SpanData embeddings = tracing.span("embeddings all-minilm-l6-v2");
        assertThat(embeddings.getParentSpanId()).isEqualTo(query.getSpanId());
        assertThat(embeddings.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(embeddings.getAttributes().get(OPERATION)).isEqualTo("embeddings");
        assertThat(embeddings.getAttributes().get(MODEL)).isEqualTo("all-minilm-l6-v2");
        assertThat(embeddings.getAttributes().get(PROVIDER)).isEqualTo("local");
        assertThat(embeddings.getAttributes().get(DIMENSIONS)).isEqualTo(384L);
        assertThat(embeddings.getAttributes().get(INPUT_TOKENS)).isEqualTo(11L);

        SpanData retrieval = tracing.span("retrieval documents");
        assertThat(retrieval.getParentSpanId()).isEqualTo(query.getSpanId());
        assertThat(retrieval.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(retrieval.getAttributes().get(OPERATION)).isEqualTo("retrieval");
        assertThat(retrieval.getAttributes().get(DATA_SOURCE)).isEqualTo("documents");
        assertThat(retrieval.getAttributes().get(TOP_K)).isEqualTo(3.0);
        assertThat(retrieval.getAttributes().get(CHUNKS)).isEqualTo(3L);
        assertThat(retrieval.getAttributes().get(DOCUMENTS)).isNull();
        assertThat(retrieval.getAttributes().get(QUERY_TEXT)).isNull();

        SpanData chat = tracing.span("chat llama3");
        assertThat(chat.getParentSpanId()).isEqualTo(query.getSpanId());
        assertThat(chat.getAttributes().get(OPERATION)).isEqualTo("chat");
        assertThat(chat.getAttributes().get(PROVIDER)).isEqualTo("ollama");
        assertThat(chat.getAttributes().get(INPUT_TOKENS)).isEqualTo(420L);
        assertThat(chat.getAttributes().get(OUTPUT_TOKENS)).isEqualTo(96L);

        assertThat(tracing.spans()).hasSize(4);
        for (SpanData span : tracing.spans()) {
            assertThat(span.getAttributes().asMap().values()).as(span.getName())
                    .noneMatch(v -> v.toString().contains("refund"));
        }
    }

    @Test
    void aQueryRecordsEveryMetricIncludingTheGenAiDurationOfEmbeddingAndChatCalls() {
        answer(RagTelemetry.create(registry, tracing.openTelemetry()));

        assertThat(registry.scrape())
                .contains("rag_queries_total{query_type=\"semantic\",status=\"success\",user_id=\"alice\"} 1.0")
                .contains("rag_query_duration_seconds_count{query_type=\"semantic\"} 1")
                .contains("chunks_retrieved_total{document_id=\"doc-1\",user_id=\"alice\"} 2.0")
                .contains("chunks_retrieved_total{document_id=\"doc-2\",user_id=\"alice\"} 1.0")
                .contains("similarity_scores_count{query_type=\"semantic\"} 3")
                .contains("similarity_scores_sum{query_type=\"semantic\"} 220.0")
                .contains("embeddings_generated_total{model=\"all-minilm-l6-v2\",status=\"success\"} 1.0")
                .contains("embedding_generation_duration_seconds_count{model=\"all-minilm-l6-v2\"} 1")
                .contains("response_quality_scores_count{user_id=\"alice\"} 1")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\","
                        + "gen_ai_operation_name=\"embeddings\",gen_ai_provider_name=\"local\","
                        + "gen_ai_request_model=\"all-minilm-l6-v2\"} 1")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\","
                        + "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"ollama\","
                        + "gen_ai_request_model=\"llama3\"} 1");
    }

    @Test
    void reportedTokensAreRecordedInTheGenAiTokenUsageHistogramByTokenType() {
        RagTelemetry rag = RagTelemetry.create(registry, tracing.openTelemetry());
        answer(rag);
        try (EmbeddingCall call = rag.embeddings(MINILM)) {
            call.dimensions(384); // the model did not report its input tokens
            call.success();
        }

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("gen_ai_client_token_usage_count{gen_ai_operation_name=\"embeddings\","
                        + "gen_ai_provider_name=\"local\",gen_ai_request_model=\"all-minilm-l6-v2\","
                        + "gen_ai_token_type=\"input\"} 1")
                .contains("gen_ai_client_token_usage_sum{gen_ai_operation_name=\"embeddings\","
                        + "gen_ai_provider_name=\"local\",gen_ai_request_model=\"all-minilm-l6-v2\","
                        + "gen_ai_token_type=\"input\"} 11.0")
                .contains("gen_ai_client_token_usage_sum{gen_ai_operation_name=\"chat\","
                        + "gen_ai_provider_name=\"ollama\",gen_ai_request_model=\"llama3\","
                        + "gen_ai_token_type=\"input\"} 420.0")
                .contains("gen_ai_client_token_usage_sum{gen_ai_operation_name=\"chat\","
                        + "gen_ai_provider_name=\"ollama\",gen_ai_request_model=\"llama3\","
                        + "gen_ai_token_type=\"output\"} 96.0")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\","
                        + "gen_ai_operation_name=\"embeddings\",gen_ai_provider_name=\"local\","
                        + "gen_ai_request_model=\"all-minilm-l6-v2\"} 2")
                .doesNotContain("gen_ai_client_token_usage__token_");
        assertThat(scrape.lines().filter(l -> l.startsWith("gen_ai_client_token_usage_count{")).count())
                .as("one series per operation and token type reported; none for the call without tokens")
                .isEqualTo(3);
    }

    @Test
    void aQueryWritesOneRagQueryLogEventWithoutTheQueryTextByDefault() {
        answer(RagTelemetry.create(registry, tracing.openTelemetry()));

        List<JsonNode> events = eventsFor(queryId);
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        SpanData query = tracing.span("rag_query");
        assertThat(event.get("event_type").asString()).isEqualTo("rag_query");
        assertThat(event.get("level").asString()).isEqualTo("INFO");
        assertThat(event.get("logger_name").asString()).isEqualTo("io.github.obskit.rag");
        assertThat(event.get("user_id").asString()).isEqualTo("alice");
        assertThat(event.get("query_type").asString()).isEqualTo("semantic");
        assertThat(event.get("status").asString()).isEqualTo("success");
        assertThat(event.get("chunks_retrieved").asLong()).isEqualTo(3);
        assertThat(event.get("duration_ms").isNumber()).isTrue();
        assertThat(event.get("trace_id").asString()).isEqualTo(query.getTraceId());
        assertThat(event.get("span_id").asString()).isEqualTo(query.getSpanId());
        assertThat(event.has("query_text")).isFalse();
        assertThat(event.has("query")).isFalse();
        assertThat(event.toString()).doesNotContain("refund");
    }

    @Test
    void optedInQueryTextIsTruncatedAndDocumentsAndScoresGoOnTheRetrievalSpan() {
        RagTelemetry rag = RagTelemetry.builder(registry, tracing.openTelemetry())
                .captureQueryText(20)
                .captureRetrievedDocuments(true)
                .build();

        answer(rag);

        String truncated = QUESTION.substring(0, 20);
        SpanData retrieval = tracing.span("retrieval documents");
        assertThat(retrieval.getAttributes().get(QUERY_TEXT)).isEqualTo(truncated);
        JsonNode documents = JsonMapper.builder().build().readTree(retrieval.getAttributes().get(DOCUMENTS));
        assertThat(documents.size()).isEqualTo(3);
        assertThat(documents.get(0).get("id").asString()).isEqualTo("doc-1");
        assertThat(documents.get(0).get("score").asDouble()).isEqualTo(0.91);
        assertThat(documents.get(1).get("id").asString()).isEqualTo("doc-2");
        assertThat(documents.get(2).get("score").asDouble()).isEqualTo(0.55);
        assertThat(eventsFor(queryId).get(0).get("query_text").asString()).isEqualTo(truncated);
    }

    @Test
    void aFailedQueryIsMarkedCountedAndLoggedAsError() {
        RagTelemetry rag = RagTelemetry.create(registry, tracing.openTelemetry());
        SocketTimeoutException timeout = new SocketTimeoutException("model did not answer");

        try (RagQuery query = rag.query(QueryRequest.builder(queryId).userId("bob")
                .queryType("hybrid").text(QUESTION).build())) {
            try (ResponseGeneration generation = query.generateResponse(LLAMA3)) {
                generation.fail(timeout);
            }
            query.fail(timeout);
        }

        SpanData query = tracing.span("rag_query");
        SpanData chat = tracing.span("chat llama3");
        for (SpanData span : List.of(query, chat)) {
            assertThat(span.getStatus().getStatusCode()).as(span.getName()).isEqualTo(StatusCode.ERROR);
            assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("java.net.SocketTimeoutException");
            assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("exception");
        }
        assertThat(query.getAttributes().get(QUERY_STATUS)).isEqualTo("error");
        assertThat(registry.scrape())
                .contains("rag_queries_total{query_type=\"hybrid\",status=\"error\",user_id=\"bob\"} 1.0")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"java.net.SocketTimeoutException\","
                        + "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"ollama\","
                        + "gen_ai_request_model=\"llama3\"} 1");
        JsonNode event = eventsFor(queryId).get(0);
        assertThat(event.get("status").asString()).isEqualTo("error");
        assertThat(event.get("level").asString()).isEqualTo("WARN");
        assertThat(event.get("error_type").asString()).isEqualTo("java.net.SocketTimeoutException");
        assertThat(event.get("stack_trace").asString()).contains("model did not answer");
    }

    @Test
    void anExceptionEscapingTheWorkFailsTheQueryAndIsRethrown() {
        RagTelemetry rag = RagTelemetry.create(registry, tracing.openTelemetry());
        IllegalStateException broken = new IllegalStateException("index offline");

        assertThatThrownBy(() -> rag.query(QueryRequest.builder(queryId).userId("carol")
                .queryType("keyword").text(QUESTION).build(), query -> {
            try (Retrieval retrieval = query.retrieve("documents", 5)) {
                retrieval.fail(broken);
                throw broken;
            }
        })).isSameAs(broken);

        assertThat(tracing.span("rag_query").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(tracing.span("retrieval documents").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(registry.scrape())
                .contains("rag_queries_total{query_type=\"keyword\",status=\"error\",user_id=\"carol\"} 1.0");
    }

    @Test
    void theWorkFormReturnsTheAnswer() {
        RagTelemetry rag = RagTelemetry.create(registry, tracing.openTelemetry());

        String answer = rag.query(QueryRequest.builder(queryId).userId("dave")
                .queryType("semantic").text(QUESTION).build(), query -> "42");

        assertThat(answer).isEqualTo("42");
        assertThat(tracing.span("rag_query").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    @SuppressWarnings("try") // the scope is only opened and closed
    void embeddingsOutsideAQueryAreChildrenOfTheCurrentSpanAndCountBatches() {
        RagTelemetry rag = RagTelemetry.create(registry, tracing.openTelemetry());
        var indexing = tracing.openTelemetry().getTracer("test").spanBuilder("index_document").startSpan();

        try (var scope = indexing.makeCurrent();
                EmbeddingCall call = rag.embeddings(OPENAI_SMALL)) {
            call.count(16).dimensions(1536);
            call.success();
        } finally {
            indexing.end();
        }
        try (EmbeddingCall failed = rag.embeddings(OPENAI_SMALL)) {
            failed.count(4).fail(new SocketTimeoutException("slow"));
        }

        List<SpanData> calls = tracing.spans().stream()
                .filter(s -> s.getName().equals("embeddings text-embedding-3-small")).toList();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).getParentSpanId()).isEqualTo(tracing.span("index_document").getSpanId());
        assertThat(calls.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(registry.scrape())
                .contains("embeddings_generated_total{model=\"text-embedding-3-small\",status=\"success\"} 16.0")
                .contains("embeddings_generated_total{model=\"text-embedding-3-small\",status=\"error\"} 4.0")
                .contains("embedding_generation_duration_seconds_count{model=\"text-embedding-3-small\"} 2")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"java.net.SocketTimeoutException\","
                        + "gen_ai_operation_name=\"embeddings\",gen_ai_provider_name=\"openai\","
                        + "gen_ai_request_model=\"text-embedding-3-small\"} 1");
    }

    @Test
    void closingTwiceAndCallingAfterCloseChangeNothing() {
        RagTelemetry rag = RagTelemetry.create(registry, tracing.openTelemetry());
        RagQuery query = rag.query(QueryRequest.builder(queryId).userId("erin")
                .queryType("semantic").text(QUESTION).build());
        query.success();
        query.close();
        query.close();
        query.fail(new IllegalStateException("late"));
        query.responseQuality(0.3);

        assertThat(tracing.spans()).hasSize(1);
        assertThat(eventsFor(queryId)).hasSize(1);
        assertThat(registry.scrape())
                .contains("rag_queries_total{query_type=\"semantic\",status=\"success\",user_id=\"erin\"} 1.0")
                .doesNotContain("response_quality_scores_count");
    }
}
