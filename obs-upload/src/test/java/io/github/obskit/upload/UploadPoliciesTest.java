package io.github.obskit.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.metrics.TagPolicy;
import io.github.obskit.core.operation.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** Tag policy overrides, registered stages and the job queue gauge of {@link UploadMetrics}. */
class UploadPoliciesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void anOverrideOfAKeyNoUploadMetricHasFailsWhenTheRecorderIsBuilt() {
        TagPolicies typo = TagPolicies.builder().policy("job_typ", TagPolicy.bounded(5)).build();

        assertThatThrownBy(() -> UploadMetrics.builder(registry).tagPolicies(typo).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("job_typ")
                .hasMessageContaining("job_type");
    }

    @Test
    void registeredStagesKeepTheirNameInBothStageTagsAndOthersAreOther() {
        UploadMetrics metrics = UploadMetrics.builder(registry).stages(UploadStage.of("ocr")).build();

        metrics.recordStageDuration(UploadStage.of("ocr"), Duration.ofMillis(5));
        metrics.recordStageDuration(UploadStage.of("translate"), Duration.ofMillis(5));
        metrics.recordDocumentProcessed(Outcome.SUCCESS, "pdf", UploadStage.of("ocr"));
        metrics.recordDocumentProcessed(Outcome.SUCCESS, "pdf", UploadStage.of("translate"));

        assertThat(registry.get("document.processing.duration").tag("stage", "ocr").timer().count()).isEqualTo(1);
        assertThat(registry.get("document.processing.duration").tag("stage", "other").timer().count()).isEqualTo(1);
        assertThat(registry.get("documents.processed").tag("processing_stage", "ocr").counter().count()).isEqualTo(1);
        assertThat(registry.get("documents.processed").tag("processing_stage", "other").counter().count()).isEqualTo(1);
        assertThat(UploadTagKeys.STAGE.defaultPolicy().allowedValues())
                .containsExactly("upload", "parse", "chunk", "embed", "index");
    }

    @Test
    void theJobQueueGaugeKeepsReadingAQueueOnlyItReferences() {
        UploadMetrics metrics = UploadMetrics.create(registry);
        Queue<String> queue = new ArrayDeque<>();
        queue.add("job-1");
        queue.add("job-2");
        queue.add("job-3");
        metrics.bindJobQueue(queue, Queue::size);
        queue = null; // the application keeps no reference of its own

        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        assertThat(registry.get("job.queue.size").gauge().value()).isEqualTo(3.0);
    }
}
