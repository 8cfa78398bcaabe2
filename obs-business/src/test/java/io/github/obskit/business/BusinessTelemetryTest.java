package io.github.obskit.business;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.operation.Outcome;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.upload.Document;
import io.github.obskit.upload.DocumentUpload;
import io.github.obskit.upload.UploadTelemetry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Feedback on the current span (real OTel SDK) and the obs-upload bridge. */
class BusinessTelemetryTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InMemoryOpenTelemetry otel = new InMemoryOpenTelemetry();
    private final BusinessMetrics metrics = BusinessMetrics.builder(registry)
            .refreshInterval(Duration.ofHours(1)).build();
    private final BusinessTelemetry telemetry = BusinessTelemetry.create(metrics);

    @AfterEach
    void tearDown() {
        metrics.close();
        otel.close();
    }

    @Test
    void feedbackInASpanAddsAnEvaluationResultEventWithTheConventionsNames() {
        Span span = otel.openTelemetry().getTracer("test").spanBuilder("chat gpt-4o").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            telemetry.satisfaction("alice", 4, "satisfied");
            telemetry.responseQuality("alice", 0.25, null);
            telemetry.satisfaction("alice", 9, "off the scale");
        } finally {
            span.end();
        }
        telemetry.satisfaction("bob", 2, "unsatisfied"); // no span: metric only

        assertThat(otel.spans()).hasSize(1);
        var events = otel.span("chat gpt-4o").getEvents();
        assertThat(events).extracting(EventData::getName)
                .containsExactly("gen_ai.evaluation.result", "gen_ai.evaluation.result");
        EventData satisfaction = events.get(0);
        assertThat(BusinessTelemetry.EVALUATION_EVENT).isEqualTo("gen_ai.evaluation.result");
        assertThat(satisfaction.getAttributes().get(GenAiIncubatingAttributes.GEN_AI_EVALUATION_NAME))
                .isEqualTo("user_satisfaction");
        assertThat(satisfaction.getAttributes().get(GenAiIncubatingAttributes.GEN_AI_EVALUATION_SCORE_VALUE))
                .isEqualTo(4.0);
        assertThat(satisfaction.getAttributes().get(GenAiIncubatingAttributes.GEN_AI_EVALUATION_SCORE_LABEL))
                .isEqualTo("satisfied");
        EventData quality = events.get(1);
        assertThat(quality.getAttributes().get(GenAiIncubatingAttributes.GEN_AI_EVALUATION_NAME))
                .isEqualTo("response_quality");
        assertThat(quality.getAttributes().get(GenAiIncubatingAttributes.GEN_AI_EVALUATION_SCORE_VALUE))
                .isEqualTo(0.25);
        assertThat(quality.getAttributes().get(GenAiIncubatingAttributes.GEN_AI_EVALUATION_SCORE_LABEL)).isNull();
        assertThat(quality.getAttributes().size()).isEqualTo(2);

        assertThat(registry.scrape())
                .contains("user_satisfaction_score{user_id=\"alice\"} 4.0")
                .contains("user_satisfaction_score{user_id=\"bob\"} 2.0")
                .contains("user_satisfaction_score{user_id=\"_all\"} 3.0")
                .contains("response_quality_average{user_id=\"alice\"} 0.25");
        assertThat(telemetry.metrics()).isSameAs(metrics);
    }

    @Test
    void uploadsRecordedThroughObsUploadAreCountedOnceThroughTheListener() {
        UploadTelemetry upload = UploadTelemetry.builder(registry, otel.openTelemetry())
                .listener(metrics.uploadListener())
                .build();
        Document pdf = Document.builder("doc-1").fileType("application/pdf").userId("alice").build();
        Document md = Document.builder("doc-2").fileType("notes.md").userId("bob").build();

        upload.upload(pdf, u -> "stored");
        upload.upload(pdf, u -> "stored again");
        try (DocumentUpload up = upload.upload(md)) {
            up.fail(new IllegalStateException("storage full"));
        }

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("documents_uploaded_total{file_type=\"pdf\",status=\"success\",user_id=\"alice\"} 2.0")
                .contains("documents_uploaded_total{file_type=\"md\",status=\"error\",user_id=\"bob\"} 1.0");
        assertThat(scrape.lines().filter(l -> l.startsWith("documents_uploaded_total{"))).hasSize(2);
        assertThat(metrics.uploadListener()).isSameAs(metrics.uploadListener());
        metrics.recordDocumentUploaded("carol", "pdf", Outcome.SUCCESS);
        assertThat(registry.get("documents.uploaded").counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(4.0);
    }
}
