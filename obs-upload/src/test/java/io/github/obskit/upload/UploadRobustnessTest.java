package io.github.obskit.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Nulls, missing stages, a closed registry and a no-op OpenTelemetry never reach the caller. */
class UploadRobustnessTest {

    @Test
    void nullsEverywhereAreRecordedUnderSafeValues() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
                JsonLogCapture logs = new JsonLogCapture(UploadTelemetry.INSTRUMENTATION_NAME)) {
            UploadTelemetry upload = UploadTelemetry.create(registry, tracing.openTelemetry());

            assertThatCode(() -> {
                try (DocumentUpload up = upload.upload(null, null, -1, null)) {
                    try (DocumentProcessing op = up.processDocument()) {
                        op.stage(null);
                        op.stage(UploadStage.PARSE);
                        op.fail(null, null);
                    }
                    up.success();
                }
                try (JobProcessing job = upload.processJob(null, Map.of("traceparent", "garbage"))) {
                    job.fail(null);
                }
            }).doesNotThrowAnyException();

            // A failure without exception or error type still fails the stage, in every signal.
            SpanData parse = tracing.span("document_stage parse");
            assertThat(parse.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(parse.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("_OTHER");
            JsonNode parseEvent = logs.events("document_processing").stream()
                    .filter(e -> e.get("stage").asString().equals("parse")).findFirst().orElseThrow();
            assertThat(parseEvent.get("status").asString()).isEqualTo("error");
            assertThat(parseEvent.get("error_type").asString()).isEqualTo("unknown");
            assertThat(parseEvent.get("level").asString()).isEqualTo("WARN");
            assertThat(registry.scrape())
                    .contains("documents_processed_total{file_type=\"unknown\",processing_stage=\"parse\",status=\"error\"} 1.0")
                    .contains("upload_errors_total{error_type=\"unknown\",stage=\"parse\"} 1.0")
                    .contains("job_processing_duration_seconds_count{job_type=\"unknown\",status=\"error\"} 1");
            assertThat(tracing.span("process unknown").getLinks()).isEmpty();
        }
    }

    @Test
    void aFailureBeforeAnyStageMarksTheProcessingSpanAndCountsStageUnknown() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry()) {
            UploadTelemetry upload = UploadTelemetry.create(registry, tracing.openTelemetry());

            try (DocumentProcessing op = upload.processDocument("doc-early", "pdf")) {
                op.fail(new java.io.FileNotFoundException("gone"));
            }

            SpanData processing = tracing.span("document_processing");
            assertThat(processing.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(processing.getEvents()).extracting(EventData::getName).containsExactly("exception");
            assertThat(registry.scrape())
                    .contains("upload_errors_total{error_type=\"io\",stage=\"unknown\"} 1.0")
                    .contains("documents_processed_total{file_type=\"pdf\",processing_stage=\"unknown\",status=\"error\"} 1.0");
        }
    }

    @Test
    void aClosedRegistryAndANoopOpenTelemetryAreHarmless() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        UploadTelemetry upload = UploadTelemetry.create(registry, OpenTelemetry.noop());
        registry.close();

        assertThatCode(() -> {
            try (DocumentUpload up = upload.upload("doc-1", "pdf", 10, "alice")) {
                assertThat(up.jobContext()).isEmpty();
                try (DocumentProcessing op = up.processDocument()) {
                    op.stage(UploadStage.PARSE);
                    op.success();
                }
                up.success();
            }
            upload.metrics().recordUploadRequest("POST", "/documents", 201, java.time.Duration.ofMillis(3));
        }).doesNotThrowAnyException();
    }
}
