package io.github.obskit.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Nulls, a registry that refuses meters and a no-op OpenTelemetry never reach the caller. */
class UploadRobustnessTest {

    @Test
    void nullsEverywhereAreRecordedUnderSafeValues() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
                JsonLogCapture logs = new JsonLogCapture(UploadTelemetry.INSTRUMENTATION_NAME)) {
            UploadTelemetry upload = UploadTelemetry.create(registry, tracing.openTelemetry());

            assertThatCode(() -> {
                try (DocumentUpload up = upload.upload(null)) {
                    try (DocumentProcessing op = up.processDocument()) {
                        op.stage(null, stage -> null);
                        try (ProcessingStage parse = op.stage(UploadStage.PARSE)) {
                            parse.fail(null, null);
                        }
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
            assertThat(parseEvent.get("error_type").asString()).isEqualTo("_OTHER");
            assertThat(parseEvent.get("level").asString()).isEqualTo("WARN");
            assertThat(registry.scrape())
                    .contains("documents_processed_total{file_type=\"unknown\",processing_stage=\"parse\",status=\"error\"} 1.0")
                    .contains("upload_errors_total{error_type=\"_OTHER\",stage=\"parse\"} 1.0")
                    .contains("job_processing_duration_seconds_count{job_type=\"unknown\",status=\"error\"} 1");
            assertThat(tracing.span("process unknown").getLinks()).isEmpty();
        }
    }

    @Test
    void aFailureBeforeAnyStageMarksTheProcessingSpanAndCountsStageUnknown() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry()) {
            UploadTelemetry upload = UploadTelemetry.create(registry, tracing.openTelemetry());

            try (DocumentProcessing op = upload.processDocument(Document.builder("doc-early").fileType("pdf").build())) {
                op.fail(new java.io.FileNotFoundException("gone"));
            }

            SpanData processing = tracing.span("document_processing");
            assertThat(processing.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(processing.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("io");
            assertThat(processing.getEvents()).extracting(EventData::getName).containsExactly("exception");
            assertThat(registry.scrape())
                    .contains("upload_errors_total{error_type=\"io\",stage=\"unknown\"} 1.0")
                    .contains("documents_processed_total{file_type=\"pdf\",processing_stage=\"unknown\",status=\"error\"} 1.0");
        }
    }

    @Test
    void aRegistryThatRefusesAMeterCostsThatMetricOnlyAndWarnsOnce() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().equals("documents.processed")) {
                    throw new IllegalStateException("refused by the registry");
                }
                return id;
            }
        });
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
                JsonLogCapture warnings = new JsonLogCapture("io.github.obskit")) {
            UploadTelemetry upload = UploadTelemetry.create(registry, tracing.openTelemetry());

            assertThatCode(() -> {
                for (int i = 0; i < 3; i++) {
                    upload.processDocument(Document.builder("doc-" + i).fileType("pdf").build(),
                            op -> op.stage(UploadStage.PARSE, stage -> "text"));
                }
            }).doesNotThrowAnyException();

            assertThat(registry.find("documents.processed").meters()).isEmpty();
            assertThat(registry.get("document.processing.duration").tag("stage", "parse").timer().count())
                    .isEqualTo(3);
            assertThat(tracing.spans()).hasSize(6);
            assertThat(warnings.events().stream()
                    .filter(e -> e.get("message").asString().startsWith("Could not register documents.processed")))
                    .hasSize(1);
        }
    }

    @Test
    void aNoopOpenTelemetryRecordsMetricsAndLeavesTheContextAlone() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        UploadTelemetry upload = UploadTelemetry.create(registry, OpenTelemetry.noop());
        Context before = Context.current();

        try (DocumentUpload up = upload.upload(Document.builder("doc-1").fileType("pdf").build())) {
            assertThat(up.jobContext()).isEmpty();
            assertThat(Context.current()).isSameAs(before);
            up.processDocument(op -> op.stage(UploadStage.PARSE, stage -> null));
            up.success();
        }
        upload.metrics().recordUploadRequest("POST", "/documents", 201, Duration.ofMillis(3));

        assertThat(Context.current()).isSameAs(before);
        assertThat(registry.get("documents.processed").tag("status", "success").counter().count()).isEqualTo(1);
        assertThat(registry.get("upload.requests").tag("status", "201").counter().count()).isEqualTo(1);
    }
}
