package io.github.obskit.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;

/** Nulls, a closed registry and a no-op OpenTelemetry never reach the caller. */
class RagRobustnessTest {

    @Test
    void nullsEverywhereAreRecordedUnderSafeValues() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry()) {
            RagTelemetry rag = RagTelemetry.builder(registry, tracing.openTelemetry())
                    .captureQueryText(10).captureRetrievedDocuments(true).build();

            assertThatCode(() -> {
                try (RagQuery query = rag.query(null, null, null, null)) {
                    try (EmbeddingCall call = query.embed(null, null)) {
                        call.fail(null);
                    }
                    try (Retrieval retrieval = query.retrieve(null, 0)) {
                        retrieval.chunk(null, Double.NaN).chunk("say \"hi\"\n", 0.5);
                        retrieval.success();
                    }
                    try (ResponseGeneration generation = query.generateResponse(null, null)) {
                        generation.fail(null);
                    }
                    query.responseQuality(Double.NaN);
                    query.success();
                }
            }).doesNotThrowAnyException();

            assertThat(tracing.span("retrieval").getAttributes()
                    .get(io.opentelemetry.api.common.AttributeKey.stringKey("gen_ai.retrieval.documents")))
                    .isEqualTo("[{\"id\":null,\"score\":null},{\"id\":\"say \\\"hi\\\"\\n\",\"score\":0.5}]");
            assertThat(tracing.spans()).extracting(s -> s.getName())
                    .containsExactlyInAnyOrder("rag_query", "embeddings", "retrieval", "chat");
            assertThat(registry.scrape())
                    .contains("rag_queries_total{query_type=\"unknown\",status=\"success\",user_id=\"unknown\"} 1.0")
                    .contains("chunks_retrieved_total{document_id=\"unknown\",user_id=\"unknown\"} 1.0")
                    .contains("embeddings_generated_total{model=\"unknown\",status=\"error\"} 1.0")
                    .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"_OTHER\","
                            + "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"unknown\","
                            + "gen_ai_request_model=\"unknown\"} 1");
        }
    }

    @Test
    void queryTextCaptureIsRefusedAtBuildTimeWhenItWouldKeepNothing() {
        RagTelemetryBuilder builder = RagTelemetry.builder(new SimpleMeterRegistry(), OpenTelemetry.noop());

        assertThatThrownBy(() -> builder.captureQueryText(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedRegistryAndANoopOpenTelemetryAreHarmless() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RagTelemetry rag = RagTelemetry.create(registry, OpenTelemetry.noop());
        registry.close();

        assertThatCode(() -> {
            try (RagQuery query = rag.query("q-1", "alice", "semantic", "text")) {
                try (Retrieval retrieval = query.retrieve("documents", 3)) {
                    retrieval.chunk("doc-1", 0.7);
                    retrieval.success();
                }
                query.responseQuality(0.9);
                query.success();
            }
        }).doesNotThrowAnyException();
    }
}
