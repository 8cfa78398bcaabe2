package io.github.obskit.rag;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.github.obskit.testsupport.ReadmeSnippets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.StatusCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's obs-rag usage section is the body of {@link #example}; this keeps them equal. */
class ReadmeExampleTest {

    record Match(String documentId, double score) {
    }

    private final float[] vector = new float[384];
    private final List<Match> matches = List.of(new Match("doc-1", 0.91), new Match("doc-7", 0.78));

    private String example(MeterRegistry registry, OpenTelemetry openTelemetry, String queryId,
            String userId, String question) {
        // README:rag-start
        RagTelemetry rag = RagTelemetry.builder(registry, openTelemetry)
                .captureQueryText(200)                  // opt-in, truncated; off by default
                .build();
        GenAiRequest embedder = GenAiRequest.embeddings().provider("local").model("all-minilm-l6-v2").build();
        GenAiRequest chatModel = GenAiRequest.chat().provider("ollama").model("llama3").build();

        QueryRequest request = QueryRequest.builder(queryId)
                .userId(userId).queryType("semantic").text(question).build();
        return rag.query(request, query -> {
            try (EmbeddingCall call = query.embed(embedder)) {
                call.dimensions(vector.length);
                call.success();                         // closing without it records a failure
            }
            try (Retrieval retrieval = query.retrieve("documents", 5)) {
                for (Match match : matches) {
                    retrieval.chunk(match.documentId(), match.score());
                }
                retrieval.success();
            }
            String answer;
            try (ResponseGeneration generation = query.generateResponse(chatModel)) {
                generation.inputTokens(412).outputTokens(12);
                answer = generation.success("Damaged items are refunded within 30 days.");
            }
            query.responseQuality(0.82);
            return answer;                              // success; an exception is recorded, rethrown
        });
        // README:rag-end
    }

    @Test
    void theReadmeExampleRecordsMetricsSpansAndLogs() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
                JsonLogCapture logs = new JsonLogCapture(RagTelemetry.INSTRUMENTATION_NAME)) {

            String answer = example(registry, tracing.openTelemetry(), "q-readme", "alice",
                    "What about damaged items?");

            assertThat(answer).startsWith("Damaged items");
            assertThat(tracing.spans()).extracting(s -> s.getName()).containsExactlyInAnyOrder(
                    "rag_query", "embeddings all-minilm-l6-v2", "retrieval documents", "chat llama3");
            assertThat(registry.scrape())
                    .contains("rag_queries_total{query_type=\"semantic\",status=\"success\",user_id=\"alice\"} 1.0")
                    .contains("chunks_retrieved_total{document_id=\"doc-7\",user_id=\"alice\"} 1.0")
                    .contains("embeddings_generated_total{model=\"all-minilm-l6-v2\",status=\"success\"} 1.0")
                    .contains("gen_ai_client_token_usage_sum{gen_ai_operation_name=\"chat\","
                            + "gen_ai_provider_name=\"ollama\",gen_ai_request_model=\"llama3\","
                            + "gen_ai_token_type=\"output\"} 12.0")
                    .doesNotContain("status=\"error\"");
            assertThat(tracing.spans()).allSatisfy(span ->
                    assertThat(span.getStatus().getStatusCode()).as(span.getName()).isEqualTo(StatusCode.UNSET));
            assertThat(logs.events("rag_query")).hasSize(1);
            assertThat(logs.events("rag_query").get(0).get("query_id").asString()).isEqualTo("q-readme");
            assertThat(logs.events("rag_query").get(0).get("query_text").asString())
                    .isEqualTo("What about damaged items?");
        }
    }

    @Test
    void theReadmeShowsExactlyThisExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/github/obskit/rag/ReadmeExampleTest.java"));
        String snippet = ReadmeSnippets.between(source, "// README:rag-start", "// README:rag-end");
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).contains("```java\n" + snippet + "```\n");
    }
}
