package io.github.obskit.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.metrics.TagPolicy;
import io.github.obskit.core.operation.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Tag policy overrides and registered query types of the RAG metric set. */
class RagPoliciesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aMisspeltKeyFailsAndAGenAiKeyIsAcceptedByTheFacade() {
        TagPolicies typo = TagPolicies.builder().policy("usr_id", TagPolicy.bounded(500)).build();
        TagPolicies genAi = TagPolicies.builder()
                .policy("user_id", TagPolicy.bounded(500))
                .policy("gen_ai.request.model", TagPolicy.bounded(5))
                .build();

        assertThatThrownBy(() -> RagTelemetry.builder(registry, OpenTelemetry.noop()).tagPolicies(typo).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("usr_id")
                .hasMessageContaining("user_id");
        RagTelemetry rag = RagTelemetry.builder(registry, OpenTelemetry.noop()).tagPolicies(genAi).build();
        assertThat(rag.metrics().queryTypes()).containsExactly("semantic", "keyword", "hybrid");
    }

    @Test
    void registeredQueryTypesKeepTheirNameAndOthersAreOther() {
        RagMetrics metrics = RagMetrics.builder(registry).queryTypes("faq").build();

        metrics.recordQuery("alice", "faq", Outcome.SUCCESS, Duration.ofMillis(3));
        metrics.recordQuery("alice", "semantic", Outcome.SUCCESS, Duration.ofMillis(3));
        metrics.recordQuery("alice", "vector-magic", Outcome.SUCCESS, Duration.ofMillis(3));
        metrics.recordQuery("alice", null, Outcome.SUCCESS, Duration.ofMillis(3));

        for (String type : new String[] {"faq", "semantic", "other", "unknown"}) {
            assertThat(registry.get("rag.queries").tag("query_type", type).counter().count()).as(type).isEqualTo(1);
        }
        assertThat(registry.find("rag.queries").counters()).hasSize(4);
    }
}
