package io.github.obskit.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;

/** Nulls, a registry that refuses meters and a no-op OpenTelemetry never reach the caller. */
class RagRobustnessTest {

    private static final GenAiRequest NO_MODEL_EMBEDDINGS = GenAiRequest.embeddings().provider(null).model(null).build();
    private static final GenAiRequest NO_MODEL_CHAT = GenAiRequest.chat().build();

    @Test
    void nullsEverywhereAreRecordedUnderSafeValues() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry()) {
            RagTelemetry rag = RagTelemetry.builder(registry, tracing.openTelemetry())
                    .captureQueryText(10).captureRetrievedDocuments(true).build();

            assertThatCode(() -> {
                try (RagQuery query = rag.query(null)) {
                    try (EmbeddingCall call = query.embed(NO_MODEL_EMBEDDINGS)) {
                        call.fail(null);
                    }
                    try (Retrieval retrieval = query.retrieve(null, 0)) {
                        retrieval.chunk(null, Double.NaN).chunk("say \"hi\"\n", 0.5);
                        retrieval.success();
                    }
                    try (ResponseGeneration generation = query.generateResponse(NO_MODEL_CHAT)) {
                        generation.fail(null);
                    }
                    query.responseQuality(Double.NaN);
                    query.success();
                }
            }).doesNotThrowAnyException();

            assertThat(tracing.span("retrieval").getAttributes()
                    .get(AttributeKey.stringKey("gen_ai.retrieval.documents")))
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
        assertThatThrownBy(() -> RagTelemetry.create(new SimpleMeterRegistry(), OpenTelemetry.noop())
                .embeddings(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aMeterTheRegistryRefusesIsSkippedAndEverythingElseIsRecorded() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().equals(RagMeters.CHUNKS_RETRIEVED.getName())) {
                    throw new IllegalStateException("refused");
                }
                return id;
            }
        });
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
                JsonLogCapture logs = new JsonLogCapture(RagTelemetry.INSTRUMENTATION_NAME)) {
            RagTelemetry rag = RagTelemetry.create(registry, tracing.openTelemetry());

            assertThatCode(() -> answer(rag)).doesNotThrowAnyException();

            assertThat(registry.find(RagMeters.CHUNKS_RETRIEVED.getName()).meters()).isEmpty();
            assertThat(registry.scrape())
                    .doesNotContain("chunks_retrieved_total{")
                    .contains("similarity_scores_count{query_type=\"semantic\"} 2")
                    .contains("rag_queries_total{query_type=\"semantic\",status=\"success\",user_id=\"alice\"} 1.0")
                    .contains("response_quality_scores_count{user_id=\"alice\"} 1");
            assertThat(tracing.span("rag_query").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(logs.events("rag_query")).singleElement()
                    .satisfies(e -> assertThat(e.get("chunks_retrieved").asLong()).isEqualTo(2));
        }
    }

    @Test
    void aRegistryThatRefusesEveryTimerStillCountsAndEndsEverySpan() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, Clock.SYSTEM) {
            @Override
            protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
                throw new IllegalStateException("no timers here");
            }
        };
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry()) {
            RagTelemetry rag = RagTelemetry.create(registry, tracing.openTelemetry());

            assertThatCode(() -> answer(rag)).doesNotThrowAnyException();

            assertThat(registry.find("rag.query.duration").meters()).isEmpty();
            assertThat(registry.find("gen_ai.client.operation.duration").meters()).isEmpty();
            assertThat(registry.get("rag.queries").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("chunks.retrieved").counters()).extracting(c -> c.count())
                    .containsExactlyInAnyOrder(1.0, 1.0);
            assertThat(registry.get("embeddings.generated").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("gen_ai.client.token.usage").summary().totalAmount()).isEqualTo(11.0);
            assertThat(tracing.spans()).hasSize(3);
        }
    }

    @Test
    void aNoopOpenTelemetryIsHarmless() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RagTelemetry rag = RagTelemetry.create(registry, OpenTelemetry.noop());

        assertThatCode(() -> answer(rag)).doesNotThrowAnyException();
        assertThat(registry.get("rag.queries").counter().count()).isEqualTo(1.0);
    }

    private static void answer(RagTelemetry rag) {
        try (RagQuery query = rag.query(QueryRequest.builder("q-1").userId("alice").queryType("semantic").build())) {
            try (EmbeddingCall call = query.embed(GenAiRequest.embeddings().provider("local").model("m").build())) {
                call.inputTokens(11);
                call.success();
            }
            try (Retrieval retrieval = query.retrieve("documents", 3)) {
                retrieval.chunk("doc-1", 0.7).chunk("doc-2", 0.6);
                retrieval.success();
            }
            query.responseQuality(0.9);
            query.success();
        }
    }
}
