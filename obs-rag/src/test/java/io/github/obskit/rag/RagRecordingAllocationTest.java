package io.github.obskit.rag;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.genai.GenAiMetrics;
import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.testsupport.ThreadAllocation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Counts the bytes the recording thread allocates (an exact per-thread figure from the JVM, not
 * a timing) while {@link RagMetrics} records under values it has seen before.
 */
class RagRecordingAllocationTest {

    private static final int OPERATIONS = 100_000;

    private static final String[] DOCS = {"doc-1", "doc-2"};
    private static final GenAiRequest EMBEDDER =
            GenAiRequest.embeddings().provider("local").model("all-minilm-l6-v2").build();
    private static final GenAiRequest CHAT = GenAiRequest.chat().provider("ollama").model("llama3").build();

    @Test
    void recordingSeenValuesDoesNotAllocate() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RagMetrics metrics = RagMetrics.builder(registry).queryTypes("faq").build();
        GenAiMetrics genAi = GenAiMetrics.create(registry);
        Duration elapsed = Duration.ofMillis(420);
        long allocated = ThreadAllocation.bytesAllocatedBy(OPERATIONS,
                i -> record(metrics, genAi, elapsed, i));

        // A per-operation allocation would show up as at least OPERATIONS * 16 bytes.
        assertThat(allocated).as("bytes allocated by %d recordings", OPERATIONS)
                .isLessThan(ThreadAllocation.ONE_OFF_ALLOWANCE_BYTES);
        assertThat(registry.get("rag.queries").counters().stream()
                .mapToDouble(Counter::count).sum()).isEqualTo(2.0 * OPERATIONS);
        assertThat(registry.get("gen_ai.client.token.usage").summary().count()).isEqualTo(2L * OPERATIONS);
    }

    private static void record(RagMetrics metrics, GenAiMetrics genAi, Duration elapsed, int i) {
        String user = (i & 1) == 0 ? "alice" : "bob";
        metrics.recordQuery(user, (i & 1) == 0 ? "semantic" : "faq", Outcome.SUCCESS, elapsed);
        metrics.recordChunkRetrieved(user, DOCS[i & 1], 0.83, "semantic");
        metrics.recordEmbeddings("all-minilm-l6-v2", Outcome.SUCCESS, 3, elapsed);
        metrics.recordResponseQuality(user, 0.75);
        genAi.recordOperation(EMBEDDER, null, elapsed);
        genAi.recordOperation(CHAT, "java.net.SocketTimeoutException", elapsed);
        genAi.recordInputTokens(CHAT, 412);
        genAi.recordTimePerOutputChunk(CHAT, elapsed);
    }

}
