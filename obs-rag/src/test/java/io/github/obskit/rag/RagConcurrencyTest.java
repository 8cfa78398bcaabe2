package io.github.obskit.rag;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Handles recorded into from several threads at once, as a parallel hybrid search does. */
class RagConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CHUNKS_PER_THREAD = 1_000;

    @Test
    void eightThreadsReportingIntoOneRetrievalLoseNoChunk() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
                JsonLogCapture logs = new JsonLogCapture(RagTelemetry.INSTRUMENTATION_NAME)) {
            RagTelemetry rag = RagTelemetry.builder(registry, tracing.openTelemetry())
                    .captureRetrievedDocuments(true).build();
            Context before = Context.current();

            try (RagQuery query = rag.query(QueryRequest.builder("q-parallel").userId("alice")
                    .queryType("hybrid").build())) {
                try (Retrieval retrieval = query.retrieve("documents", THREADS * CHUNKS_PER_THREAD)) {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<?>> searches = new ArrayList<>();
                    for (int t = 0; t < THREADS; t++) {
                        String document = "doc-" + t;
                        searches.add(pool.submit(() -> {
                            go.await();
                            for (int i = 0; i < CHUNKS_PER_THREAD; i++) {
                                retrieval.chunk(document, 0.5);
                            }
                            return null;
                        }));
                    }
                    go.countDown();
                    for (Future<?> search : searches) {
                        search.get(30, TimeUnit.SECONDS);
                    }
                    retrieval.success();
                }
                try (ResponseGeneration generation = query.generateResponse(
                        GenAiRequest.chat().provider("ollama").model("llama3").build())) {
                    // A streaming callback on another thread reports the usage.
                    pool.submit(() -> generation.inputTokens(700).outputTokens(300)).get(10, TimeUnit.SECONDS);
                    generation.success();
                }
                query.success();
            }

            int expected = THREADS * CHUNKS_PER_THREAD;
            assertThat(registry.get("chunks.retrieved").counters().stream().mapToDouble(Counter::count).sum())
                    .isEqualTo(expected);
            assertThat(registry.get("similarity.scores").summary().count()).isEqualTo(expected);
            JsonNode event = logs.events("rag_query").get(0);
            assertThat(event.get("chunks_retrieved").asLong()).isEqualTo(expected);
            SpanData retrievalSpan = tracing.span("retrieval documents");
            assertThat(retrievalSpan.getAttributes().get(AttributeKey.longKey("obskit.rag.chunks_retrieved")))
                    .isEqualTo(expected);
            assertThat(JsonMapper.builder().build().readTree(retrievalSpan.getAttributes()
                    .get(AttributeKey.stringKey("gen_ai.retrieval.documents"))).size()).isEqualTo(expected);
            assertThat(tracing.span("chat llama3").getAttributes()
                    .get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(300L);
            assertThat(registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input")
                    .summary().totalAmount()).isEqualTo(700.0);
            assertThat(Context.current()).isSameAs(before);
        } finally {
            pool.shutdownNow();
        }
    }
}
