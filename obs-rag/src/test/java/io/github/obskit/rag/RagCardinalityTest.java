package io.github.obskit.rag;

import io.github.obskit.core.operation.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.metrics.TagPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import org.junit.jupiter.api.Test;

/** The cardinality rule as a RAG service sees it: bounds and caps belong to the registry. */
class RagCardinalityTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void twoRecordersOnOneRegistryKeepOneBoundOfUserIds() {
        RagMetrics first = RagMetrics.create(registry);
        RagMetrics second = RagMetrics.create(registry);

        for (int i = 0; i < 300; i++) {
            RagMetrics recorder = i % 2 == 0 ? first : second;
            recorder.recordQuery("user-" + i, "semantic", Outcome.SUCCESS, Duration.ofMillis(3));
        }

        Collection<Counter> queries = registry.find("rag.queries").counters();
        assertThat(queries.stream().map(c -> c.getId().getTag("user_id")).distinct())
                .hasSize(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES + 1);
        assertThat(queries).hasSize(101);
        assertThat(queries.stream().mapToDouble(Counter::count).sum()).isEqualTo(300);
        assertThat(registry.get("rag.queries").tag("user_id", "other").counter().count())
                .isEqualTo(200);
        assertThat(registry.get("rag.query.duration").timer().count()).isEqualTo(300);
        assertThat(registry.get("obskit.cardinality.overflow").tags("metric", "rag.queries",
                "key", "user_id").counter().count()).isEqualTo(200);
    }

    /**
     * Both keys of {@code chunks.retrieved} are bounded at 100, which alone would allow 10,201
     * series; the per-metric cap keeps it at {@value TagPolicy#DEFAULT_MAX_SERIES} plus the one
     * overflow series {user_id=other, document_id=other}, and the total stays 40,000.
     */
    @Test
    void chunksRetrievedByTwoHundredUsersOverTwoHundredDocumentsStaysUnderTheCap() {
        RagMetrics metrics = RagMetrics.create(registry);

        for (int u = 0; u < 200; u++) {
            for (int d = 0; d < 200; d++) {
                metrics.recordChunkRetrieved("user-" + u, "doc-" + d, 0.8, "semantic");
            }
        }

        Collection<Counter> chunks = registry.find("chunks.retrieved").counters();
        assertThat(chunks).hasSize(TagPolicy.DEFAULT_MAX_SERIES + 1);
        assertThat(chunks.stream().mapToDouble(Counter::count).sum()).isEqualTo(40_000);
        assertThat(registry.get("chunks.retrieved").tags("user_id", "other", "document_id", "other")
                .counter().count()).isEqualTo(38_109);
        assertThat(registry.get("obskit.cardinality.overflow").tags("metric", "chunks.retrieved",
                "key", TagPolicy.SERIES_CAP_KEY).counter().count()).isEqualTo(28_109);
        assertThat(registry.get("similarity.scores").summary().count()).isEqualTo(40_000);
    }
}
