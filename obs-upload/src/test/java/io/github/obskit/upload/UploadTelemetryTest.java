package io.github.obskit.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The facade against a real OpenTelemetry SDK (in-memory exporter), a real Prometheus registry
 * and logback with the real LogstashEncoder.
 */
class UploadTelemetryTest {

    private static final AttributeKey<String> DOCUMENT_ID = AttributeKey.stringKey("obskit.document.id");
    private static final AttributeKey<Long> DOCUMENT_SIZE = AttributeKey.longKey("obskit.document.size");
    private static final AttributeKey<String> FILE_TYPE = AttributeKey.stringKey("obskit.document.file_type");
    private static final AttributeKey<String> STAGE = AttributeKey.stringKey("obskit.document.processing_stage");
    private static final AttributeKey<String> STATUS = AttributeKey.stringKey("obskit.document.processing_status");
    private static final AttributeKey<String> USER_ID = AttributeKey.stringKey("user.id");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> JOB_TYPE = AttributeKey.stringKey("obskit.job.type");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private InMemoryOpenTelemetry tracing;
    private JsonLogCapture logs;
    private UploadTelemetry upload;
    private final String documentId = "doc-" + UUID.randomUUID();

    @BeforeEach
    void setUp() {
        tracing = new InMemoryOpenTelemetry();
        logs = new JsonLogCapture(UploadTelemetry.INSTRUMENTATION_NAME);
        upload = UploadTelemetry.builder(registry, tracing.openTelemetry())
                .stages(UploadStage.of("ocr"))
                .build();
    }

    @AfterEach
    void tearDown() {
        logs.close();
        tracing.close();
    }

    private List<JsonNode> eventsFor(String document) {
        return logs.events("document_processing").stream()
                .filter(e -> e.has("document_id") && e.get("document_id").asString().equals(document))
                .toList();
    }

    @Test
    void uploadThenProcessingInTheSameRequestNestsStageSpansUnderProcessingUnderUpload() {
        try (DocumentUpload up = upload.upload(Document.builder(documentId).fileType("application/pdf").sizeBytes(52_431).userId("alice").build())) {
            try (DocumentProcessing op = up.processDocument()) {
                op.stage(UploadStage.PARSE, stage -> null);
                op.stage(UploadStage.CHUNK, stage -> null);
                op.stage(UploadStage.EMBED, stage -> null);
                op.stage(UploadStage.INDEX, stage -> null);
                op.success();
            }
            up.success();
        }

        SpanData uploadSpan = tracing.span("document_upload");
        SpanData processing = tracing.span("document_processing");
        assertThat(uploadSpan.getParentSpanContext().isValid()).isFalse();
        assertThat(uploadSpan.getAttributes().get(DOCUMENT_ID)).isEqualTo(documentId);
        assertThat(uploadSpan.getAttributes().get(DOCUMENT_SIZE)).isEqualTo(52_431L);
        assertThat(uploadSpan.getAttributes().get(FILE_TYPE)).isEqualTo("pdf");
        assertThat(uploadSpan.getAttributes().get(USER_ID)).isEqualTo("alice");
        assertThat(uploadSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        assertThat(processing.getParentSpanId()).isEqualTo(uploadSpan.getSpanId());
        assertThat(processing.getTraceId()).isEqualTo(uploadSpan.getTraceId());
        assertThat(processing.getAttributes().get(DOCUMENT_ID)).isEqualTo(documentId);
        assertThat(processing.getAttributes().get(STAGE)).isEqualTo("index");
        assertThat(processing.getAttributes().get(STATUS)).isEqualTo("success");

        for (String stage : List.of("parse", "chunk", "embed", "index")) {
            SpanData span = tracing.span("document_stage " + stage);
            assertThat(span.getParentSpanId()).as(stage).isEqualTo(processing.getSpanId());
            assertThat(span.getAttributes().get(STAGE)).isEqualTo(stage);
            assertThat(span.getAttributes().get(DOCUMENT_ID)).isEqualTo(documentId);
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        }
        assertThat(tracing.spans()).hasSize(6);

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("documents_processed_total{file_type=\"pdf\",processing_stage=\"index\",status=\"success\"} 1.0")
                .contains("document_processing_duration_seconds_count{stage=\"upload\"} 1")
                .contains("document_processing_duration_seconds_count{stage=\"parse\"} 1")
                .contains("document_processing_duration_seconds_count{stage=\"chunk\"} 1")
                .contains("document_processing_duration_seconds_count{stage=\"embed\"} 1")
                .contains("document_processing_duration_seconds_count{stage=\"index\"} 1")
                .doesNotContain("upload_errors_total{");
    }

    @Test
    void eachStageWritesADocumentProcessingLogEventWithTraceCorrelation() {
        try (DocumentUpload up = upload.upload(Document.builder(documentId).fileType("notes.md").sizeBytes(120).userId("alice").build())) {
            try (DocumentProcessing op = up.processDocument()) {
                op.stage(UploadStage.PARSE, stage -> null);
                op.stage(UploadStage.INDEX, stage -> null);
                op.success();
            }
            up.success();
        }

        List<JsonNode> events = eventsFor(documentId);
        assertThat(events).extracting(e -> e.get("stage").asString())
                .containsExactly("parse", "index", "upload");
        for (JsonNode event : events) {
            String stage = event.get("stage").asString();
            SpanData span = tracing.span(stage.equals("upload") ? "document_upload" : "document_stage " + stage);
            assertThat(event.get("event_type").asString()).isEqualTo("document_processing");
            assertThat(event.get("message").asString()).isEqualTo("document_processing");
            assertThat(event.get("level").asString()).isEqualTo("INFO");
            assertThat(event.get("logger_name").asString()).isEqualTo("io.github.obskit.upload");
            assertThat(event.get("status").asString()).isEqualTo("success");
            assertThat(event.get("user_id").asString()).isEqualTo("alice");
            assertThat(event.get("file_type").asString()).isEqualTo("md");
            assertThat(event.get("duration_ms").isNumber()).isTrue();
            assertThat(event.get("duration_ms").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(event.get("trace_id").asString()).isEqualTo(span.getTraceId());
            assertThat(event.get("span_id").asString()).isEqualTo(span.getSpanId());
            assertThat(event.has("error_type")).isFalse();
        }
    }

    @Test
    void aFailedStageMarksTheStageAndTheProcessingSpanAndCountsTheError() {
        IOException broken = new IOException("truncated PDF");
        try (DocumentProcessing op = upload.processDocument(Document.builder(documentId).fileType("application/pdf").userId("bob").build())) {
            try (ProcessingStage parse = op.stage(UploadStage.PARSE)) {
                throw broken;
            } catch (IOException e) {
                op.fail(e, UploadErrorTypes.PARSE); // the stage closed without outcome: _OTHER
            }
        }

        SpanData stage = tracing.span("document_stage parse");
        SpanData processing = tracing.span("document_processing");
        assertThat(stage.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(stage.getAttributes().get(ERROR_TYPE)).isEqualTo("_OTHER");
        assertThat(stage.getEvents()).isEmpty();
        List<EventData> events = processing.getEvents();
        assertThat(events).extracting(EventData::getName).containsExactly("exception");
        assertThat(events.get(0).getAttributes().get(AttributeKey.stringKey("exception.message")))
                .isEqualTo("truncated PDF");
        assertThat(processing.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(processing.getAttributes().get(ERROR_TYPE)).isEqualTo("parse");
        assertThat(processing.getAttributes().get(STAGE)).isEqualTo("parse");
        assertThat(processing.getAttributes().get(STATUS)).isEqualTo("error");

        // The stage ended first, without outcome: it counts the document's one error.
        assertThat(registry.scrape())
                .contains("upload_errors_total{error_type=\"_OTHER\",stage=\"parse\"} 1.0")
                .contains("documents_processed_total{file_type=\"pdf\",processing_stage=\"parse\",status=\"error\"} 1.0")
                .contains("document_processing_duration_seconds_count{stage=\"parse\"} 1");

        JsonNode event = eventsFor(documentId).get(0);
        assertThat(event.get("status").asString()).isEqualTo("error");
        assertThat(event.get("level").asString()).isEqualTo("WARN");
        assertThat(event.get("error_type").asString()).isEqualTo("_OTHER");
        assertThat(event.get("user_id").asString()).isEqualTo("bob");
    }

    @Test
    void anExceptionEscapingTheWorkIsRecordedAndRethrown() {
        UncheckedIOException escaping = new UncheckedIOException(new IOException("index refused"));

        assertThatThrownBy(() -> upload.processDocument(Document.builder(documentId).fileType("txt").userId("carol").build(), op -> {
            op.stage(UploadStage.EMBED, stage -> null);
            return op.stage(UploadStage.INDEX, stage -> {
                throw escaping;
            });
        })).isSameAs(escaping);

        SpanData index = tracing.span("document_stage index");
        assertThat(index.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(tracing.span("document_stage embed").getStatus().getStatusCode())
                .isEqualTo(StatusCode.UNSET);
        assertThat(tracing.span("document_processing").getStatus().getStatusCode())
                .isEqualTo(StatusCode.ERROR);
        assertThat(registry.scrape())
                .contains("upload_errors_total{error_type=\"io\",stage=\"index\"} 1.0")
                .contains("documents_processed_total{file_type=\"txt\",processing_stage=\"index\",status=\"error\"} 1.0");
    }

    @Test
    void theWorkFormReturnsTheResultAndRecordsSuccess() throws Exception {
        int chunks = upload.processDocument(Document.builder(documentId).fileType("txt").build(), op -> {
            op.stage(UploadStage.CHUNK, stage -> null);
            return 12;
        });

        assertThat(chunks).isEqualTo(12);
        assertThat(tracing.span("document_processing").getStatus().getStatusCode())
                .isEqualTo(StatusCode.UNSET);
        assertThat(registry.scrape())
                .contains("documents_processed_total{file_type=\"txt\",processing_stage=\"chunk\",status=\"success\"} 1.0");
        assertThat(eventsFor(documentId).get(0).has("user_id")).isFalse();
    }

    @Test
    void aFailedUploadIsCountedAtTheUploadStage() {
        try (DocumentUpload up = upload.upload(Document.builder(documentId).fileType("scan.tiff").sizeBytes(10_000_000).userId("dave").build())) {
            up.fail(new IllegalArgumentException("too big"), UploadErrorTypes.FILE_TOO_LARGE);
        }

        SpanData span = tracing.span("document_upload");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("exception");
        assertThat(span.getAttributes().get(FILE_TYPE)).isEqualTo("other");
        assertThat(registry.scrape())
                .contains("upload_errors_total{error_type=\"file_too_large\",stage=\"upload\"} 1.0")
                .contains("documents_processed_total{file_type=\"other\",processing_stage=\"upload\",status=\"error\"} 1.0");
        JsonNode event = eventsFor(documentId).get(0);
        assertThat(event.get("stage").asString()).isEqualTo("upload");
        assertThat(event.get("status").asString()).isEqualTo("error");
        assertThat(event.get("error_type").asString()).isEqualTo("file_too_large");
    }

    @Test
    void aQueuedJobStoresW3cContextAndTheWorkerSpanLinksToTheUpload() {
        Map<String, String> stored;
        try (DocumentUpload up = upload.upload(Document.builder(documentId).fileType("application/pdf").sizeBytes(2048).userId("erin").build())) {
            stored = up.jobContext();
            up.success();
        }
        SpanData uploadSpan = tracing.span("document_upload");
        assertThat(stored).containsOnlyKeys("traceparent");
        // version 00, the upload's trace and span id, then the trace flags (sampled)
        assertThat(stored.get("traceparent"))
                .startsWith("00-" + uploadSpan.getTraceId() + "-" + uploadSpan.getSpanId() + "-");

        // Later, in a worker (possibly after a restart): only the stored map survives.
        try (JobProcessing job = upload.processJob("process_document", Map.copyOf(stored))) {
            assertThat(job.span().getSpanContext().isValid()).isTrue();
            try (DocumentProcessing op = upload.processDocument(Document.builder(documentId).fileType("application/pdf").userId("erin").build())) {
                op.stage(UploadStage.PARSE, stage -> null);
                op.success();
            }
            job.success();
        }

        SpanData jobSpan = tracing.span("process process_document");
        assertThat(jobSpan.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(jobSpan.getAttributes().get(JOB_TYPE)).isEqualTo("process_document");
        assertThat(jobSpan.getParentSpanContext().isValid()).isFalse();
        assertThat(jobSpan.getTraceId()).isNotEqualTo(uploadSpan.getTraceId());
        assertThat(jobSpan.getLinks()).hasSize(1);
        assertThat(jobSpan.getLinks().get(0).getSpanContext().getTraceId()).isEqualTo(uploadSpan.getTraceId());
        assertThat(jobSpan.getLinks().get(0).getSpanContext().getSpanId()).isEqualTo(uploadSpan.getSpanId());
        assertThat(tracing.span("document_processing").getParentSpanId()).isEqualTo(jobSpan.getSpanId());
        assertThat(registry.scrape())
                .contains("job_processing_duration_seconds_count{job_type=\"process_document\",status=\"success\"} 1");
    }

    @Test
    @SuppressWarnings("try") // the scope is only opened and closed
    void aJobStartedInsideAWorkerSpanStaysItsChildAndStillLinksToTheUpload() {
        Map<String, String> stored;
        try (DocumentUpload up = upload.upload(Document.builder(documentId).fileType("txt").sizeBytes(10).build())) {
            stored = up.jobContext();
            up.success();
        }
        var poll = tracing.openTelemetry().getTracer("worker").spanBuilder("poll_queue").startSpan();
        try (var scope = poll.makeCurrent();
                JobProcessing job = upload.processJob("process_document", stored)) {
            assertThat(job.span().getSpanContext().getTraceId()).isEqualTo(poll.getSpanContext().getTraceId());
            job.success();
        } finally {
            poll.end();
        }

        SpanData jobSpan = tracing.span("process process_document");
        assertThat(jobSpan.getParentSpanId()).isEqualTo(tracing.span("poll_queue").getSpanId());
        assertThat(jobSpan.getLinks()).extracting(l -> l.getSpanContext().getSpanId())
                .containsExactly(tracing.span("document_upload").getSpanId());
        assertThat(jobSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aFailedJobIsMarkedAndCountedAsError() {
        try (JobProcessing job = upload.processJob("reindex", null)) {
            job.fail(new IllegalStateException("index offline"));
        }

        SpanData jobSpan = tracing.span("process reindex");
        assertThat(jobSpan.getLinks()).isEmpty();
        assertThat(jobSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(jobSpan.getAttributes().get(ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
        assertThat(registry.scrape())
                .contains("job_processing_duration_seconds_count{job_type=\"reindex\",status=\"error\"} 1");
    }

    @Test
    void applicationStagesAreSpansAndLogsByNameAndOtherInMetricsWhenUnregistered() {
        try (DocumentProcessing op = upload.processDocument(Document.builder(documentId).fileType("png").build())) {
            op.stage(UploadStage.of("ocr"), stage -> null);
            op.stage(UploadStage.of("translate"), stage -> null);
            op.success();
        }

        assertThat(tracing.span("document_stage ocr").getAttributes().get(STAGE)).isEqualTo("ocr");
        assertThat(tracing.span("document_stage translate").getAttributes().get(STAGE)).isEqualTo("translate");
        assertThat(eventsFor(documentId)).extracting(e -> e.get("stage").asString())
                .containsExactly("ocr", "translate");
        assertThat(registry.scrape())
                .contains("document_processing_duration_seconds_count{stage=\"ocr\"} 1")
                .contains("document_processing_duration_seconds_count{stage=\"other\"} 1")
                .contains("documents_processed_total{file_type=\"png\",processing_stage=\"other\",status=\"success\"} 1.0");
    }

    @Test
    void closingTwiceAndCallingAfterCloseChangeNothing() {
        DocumentProcessing op = upload.processDocument(Document.builder(documentId).fileType("pdf").build());
        op.stage(UploadStage.PARSE, stage -> null);
        op.success();
        op.close();
        op.close();
        try (ProcessingStage late = op.stage(UploadStage.CHUNK)) {
            late.fail(new IllegalStateException("late"));
        }
        op.fail(new IllegalStateException("late"));

        assertThat(tracing.spans()).hasSize(2);
        assertThat(registry.scrape())
                .contains("documents_processed_total{file_type=\"pdf\",processing_stage=\"parse\",status=\"success\"} 1.0")
                .doesNotContain("upload_errors_total{");
    }
}
