package io.github.obskit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.operation.Outcome;
import io.github.obskit.testsupport.ThreadAllocation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Counts the bytes the recording thread allocates (an exact per-thread figure from the JVM, not
 * a timing) while {@link AgentMetrics} records under values it has seen before. The cost is left
 * out: its exact decimal arithmetic allocates a few small numbers per LLM call, by design.
 */
class AgentRecordingAllocationTest {

    private static final int OPERATIONS = 100_000;

    @Test
    void recordingSeenValuesDoesNotAllocate() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AgentMetrics metrics = AgentMetrics.builder(registry).workflowTypes("ticket_triage").build();
        Duration elapsed = Duration.ofMillis(420);
        long allocated = ThreadAllocation.bytesAllocatedBy(OPERATIONS, i -> record(metrics, elapsed, i));

        // A per-operation allocation would show up as at least OPERATIONS * 16 bytes.
        assertThat(allocated).as("bytes allocated by %d recordings", OPERATIONS)
                .isLessThan(ThreadAllocation.ONE_OFF_ALLOWANCE_BYTES);
        assertThat(registry.get("chat.requests").counters().stream().mapToDouble(Counter::count).sum())
                .isEqualTo(2.0 * OPERATIONS);
        assertThat(metrics.activeSessions()).isZero();
    }

    private static void record(AgentMetrics metrics, Duration elapsed, int i) {
        String user = (i & 1) == 0 ? "alice" : "bob";
        metrics.recordChatRequest(user, (i & 1) == 0 ? "en" : "de", Outcome.SUCCESS);
        metrics.recordChatResponseDuration(AgentTagKeys.TOTAL_STAGE, elapsed);
        metrics.recordWorkflow((i & 1) == 0 ? "question_answering" : "ticket_triage", Outcome.SUCCESS, elapsed);
        metrics.recordWorkflowStage("question_answering", "retrieval", elapsed);
        metrics.recordLlmRequest("openai", "gpt-4o", Outcome.ERROR, elapsed);
        metrics.recordSessionStarted();
        metrics.recordSessionEnded(elapsed);
    }
}
