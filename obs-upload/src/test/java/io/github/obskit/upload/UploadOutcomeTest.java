package io.github.obskit.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.github.obskit.core.tracing.SpanScope;
import io.github.obskit.core.tracing.Tracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The outcome rule of obs-core's {@code Operation} in the upload operations: an exception
 * escaping a try-with-resources block is a failure in every signal, one document is counted
 * once whatever the nesting, one failure has one error type, and the thread's context is the
 * one of before once every handle is closed.
 */
class UploadOutcomeTest {

    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private InMemoryOpenTelemetry tracing;
    private JsonLogCapture logs;
    private UploadTelemetry upload;

    @BeforeEach
    void setUp() {
        tracing = new InMemoryOpenTelemetry();
        logs = new JsonLogCapture(UploadTelemetry.INSTRUMENTATION_NAME);
        upload = UploadTelemetry.create(registry, tracing.openTelemetry());
    }

    @AfterEach
    void tearDown() {
        logs.close();
        tracing.close();
    }

    private static Document pdf(String id) {
        return Document.builder(id).fileType("application/pdf").sizeBytes(100).userId("alice").build();
    }

    private double count(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private double count(String name, String key, String value) {
        return registry.find(name).tag(key, value).counters().stream().mapToDouble(Counter::count).sum();
    }

    private JsonNode event(String documentId, String stage) {
        return logs.events("document_processing").stream()
                .filter(e -> e.get("document_id").asString().equals(documentId)
                        && e.get("stage").asString().equals(stage))
                .findFirst().orElseThrow();
    }

    private static void assertFailedWithoutOutcome(SpanData span) {
        assertThat(span.getStatus().getStatusCode()).as(span.getName()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(ERROR_TYPE)).as(span.getName()).isEqualTo("_OTHER");
    }

    @Test
    void oneDocumentFailingInsideItsUploadIsCountedOnce() {
        IllegalStateException escaping = new IllegalStateException("parser crashed");

        assertThatThrownBy(() -> {
            try (DocumentUpload up = upload.upload(pdf("doc-escape"));
                    DocumentProcessing op = up.processDocument();
                    ProcessingStage parse = op.stage(UploadStage.PARSE)) {
                throw escaping;
            }
        }).isSameAs(escaping);

        assertFailedWithoutOutcome(tracing.span("document_stage parse"));
        assertFailedWithoutOutcome(tracing.span("document_processing"));
        assertFailedWithoutOutcome(tracing.span("document_upload"));
        assertThat(count("documents.processed")).isEqualTo(1);
        assertThat(count("documents.processed", "processing_stage", "parse")).isEqualTo(1);
        assertThat(count("upload.errors")).isEqualTo(1);
        assertThat(count("upload.errors", "stage", "parse")).isEqualTo(1);
        assertThat(registry.scrape())
                .contains("upload_errors_total{error_type=\"_OTHER\",stage=\"parse\"} 1.0")
                .doesNotContain("status=\"success\"");
        for (String stage : List.of("parse", "upload")) {
            JsonNode event = event("doc-escape", stage);
            assertThat(event.get("level").asString()).as(stage).isEqualTo("WARN");
            assertThat(event.get("error_type").asString()).as(stage).isEqualTo("_OTHER");
        }
    }

    @Test
    void theLambdaFormsCountAFailureThatPropagatesThroughEveryLevelOnce() {
        UncheckedIOException broken = new UncheckedIOException(new IOException("truncated PDF"));

        assertThatThrownBy(() -> upload.upload(pdf("doc-lambda"), up ->
                up.processDocument(op -> op.stage(UploadStage.PARSE, stage -> {
                    throw broken;
                })))).isSameAs(broken);

        assertThat(count("documents.processed", "processing_stage", "parse")).isEqualTo(1);
        assertThat(count("documents.processed")).isEqualTo(1);
        assertThat(count("upload.errors", "error_type", "io")).isEqualTo(1);
        assertThat(count("upload.errors")).isEqualTo(1);
        for (String span : List.of("document_stage parse", "document_processing", "document_upload")) {
            assertThat(tracing.span(span).getAttributes().get(ERROR_TYPE)).as(span).isEqualTo("io");
        }
        assertThat(tracing.span("document_stage parse").getEvents()).extracting(EventData::getName)
                .containsExactly("exception");
    }

    @Test
    void theUploadStageTimerLeavesOutTheProcessingNestedInIt() throws Exception {
        try (DocumentUpload up = upload.upload(pdf("doc-timed"))) {
            try (DocumentProcessing op = up.processDocument()) {
                try (ProcessingStage parse = op.stage(UploadStage.PARSE)) {
                    Thread.sleep(200);
                    parse.success();
                }
                op.success();
            }
            up.success();
        }

        Timer uploadStage = registry.get("document.processing.duration").tag("stage", "upload").timer();
        Timer parseStage = registry.get("document.processing.duration").tag("stage", "parse").timer();
        assertThat(parseStage.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(200);
        assertThat(uploadStage.totalTime(TimeUnit.MILLISECONDS)).isLessThan(150);
        assertThat(count("documents.processed", "status", "success")).isEqualTo(1);
    }

    @Test
    void oneFailureHasOneErrorTypeOnSpanMetricAndLogEvent() {
        try (DocumentUpload up = upload.upload(pdf("doc-large"))) {
            up.fail(null, UploadErrorTypes.FILE_TOO_LARGE);
        }
        try (DocumentUpload up = upload.upload(pdf("doc-quota"))) {
            up.fail(null, "quota_exceeded"); // not an UploadErrorTypes value
        }

        assertThat(tracing.spans().get(0).getAttributes().get(ERROR_TYPE)).isEqualTo("file_too_large");
        assertThat(count("upload.errors", "error_type", "file_too_large")).isEqualTo(1);
        assertThat(event("doc-large", "upload").get("error_type").asString()).isEqualTo("file_too_large");
        assertThat(tracing.spans().get(1).getAttributes().get(ERROR_TYPE)).isEqualTo("_OTHER");
        assertThat(count("upload.errors", "error_type", "_OTHER")).isEqualTo(1);
        assertThat(event("doc-quota", "upload").get("error_type").asString()).isEqualTo("_OTHER");
    }

    @Test
    void afterAnySequenceOfHandlesTheThreadsContextIsTheOneOfBefore() {
        Context before = Context.current();
        try (DocumentProcessing op = upload.processDocument(pdf("doc-context"))) {
            ProcessingStage parse = op.stage(UploadStage.PARSE);
            SpanScope inner = Tracing.create(tracing.openTelemetry()).span("inner").start();
            parse.success();
            parse.close();                           // closed while the inner span is current
            ProcessingStage chunk = op.stage(UploadStage.CHUNK);
            inner.success();
            inner.close();                           // out of order: the chunk stage is current
            chunk.success();
            chunk.close();
            op.success();
        }

        assertThat(Context.current()).isSameAs(before);
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void anExceptionEscapingAJobsTryWithResourcesFailsTheJob() {
        assertThatThrownBy(() -> {
            try (JobProcessing job = upload.processJob("reindex", null)) {
                throw new IllegalStateException("index offline");
            }
        }).isInstanceOf(IllegalStateException.class);

        assertFailedWithoutOutcome(tracing.span("process reindex"));
        assertThat(registry.get("job.processing.duration").tag("status", "error").timer().count())
                .isEqualTo(1);
    }

    @Test
    void anEarlyReturnWithoutSuccessIsAFailureAndReturningSuccessIsNot() {
        assertThat(chunksOf("doc-ok", true)).isEqualTo(3);
        assertThat(chunksOf("doc-early", false)).isZero();

        assertThat(count("documents.processed", "status", "success")).isEqualTo(1);
        assertThat(registry.get("documents.processed").tag("status", "success")
                .tag("processing_stage", "chunk").counter().count()).isEqualTo(1);
        assertThat(registry.get("documents.processed").tag("status", "error")
                .tag("processing_stage", "parse").counter().count()).isEqualTo(1);
        assertThat(count("upload.errors", "error_type", "_OTHER")).isEqualTo(1);
        assertThat(event("doc-ok", "chunk").get("level").asString()).isEqualTo("INFO");
        assertThat(event("doc-early", "parse").get("level").asString()).isEqualTo("WARN");
    }

    private int chunksOf(String documentId, boolean parsed) {
        try (DocumentProcessing op = upload.processDocument(Document.builder(documentId).fileType("txt").build())) {
            try (ProcessingStage parse = op.stage(UploadStage.PARSE)) {
                if (!parsed) {
                    return 0; // forgot parse.success() and op.success(0): recorded as a failure
                }
                parse.success();
            }
            op.stage(UploadStage.CHUNK, stage -> 3);
            return op.success(3);
        }
    }

    @Test
    void successAfterAFailureDoesNotClearIt() {
        try (DocumentProcessing op = upload.processDocument(Document.builder("doc-final").fileType("txt").build())) {
            op.fail(new IllegalStateException("bad encoding"), UploadErrorTypes.PARSE);
            op.fail(new IllegalStateException("second"), UploadErrorTypes.STORAGE);
            op.success();
        }
        try (JobProcessing job = upload.processJob("reindex", null)) {
            job.fail(new IllegalStateException("index offline"));
            job.success();
        }

        assertThat(tracing.spans()).extracting(s -> s.getStatus().getStatusCode())
                .containsOnly(StatusCode.ERROR);
        assertThat(tracing.span("document_processing").getAttributes().get(ERROR_TYPE)).isEqualTo("parse");
        assertThat(count("upload.errors", "error_type", "parse")).isEqualTo(1);
        assertThat(count("upload.errors")).isEqualTo(1);
        assertThat(registry.get("job.processing.duration").tag("status", "error").timer().count())
                .isEqualTo(1);
    }
}
