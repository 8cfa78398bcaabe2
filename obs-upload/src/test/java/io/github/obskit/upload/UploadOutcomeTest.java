package io.github.obskit.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The obskit outcome rule (that of obs-core's {@code SpanScope}) in the upload facades: an
 * exception escaping a try-with-resources block is a failure in every signal, and a failure is
 * counted once.
 */
class UploadOutcomeTest {

    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> STAGE = AttributeKey.stringKey("obskit.document.processing_stage");
    private static final AttributeKey<String> STATUS = AttributeKey.stringKey("obskit.document.processing_status");

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
    void anExceptionEscapingTryWithResourcesFailsTheUploadAndTheProcessingInEverySignal() {
        IllegalStateException escaping = new IllegalStateException("parser crashed");

        assertThatThrownBy(() -> {
            try (DocumentUpload up = upload.upload("doc-escape", "application/pdf", 100, "alice");
                    DocumentProcessing op = up.processDocument()) {
                op.stage(UploadStage.PARSE);
                throw escaping;
            }
        }).isSameAs(escaping);

        SpanData parse = tracing.span("document_stage parse");
        SpanData processing = tracing.span("document_processing");
        assertFailedWithoutOutcome(parse);
        assertFailedWithoutOutcome(processing);
        assertFailedWithoutOutcome(tracing.span("document_upload"));
        assertThat(processing.getAttributes().get(STAGE)).isEqualTo("parse");
        assertThat(processing.getAttributes().get(STATUS)).isEqualTo("error");

        assertThat(registry.scrape())
                .contains("documents_processed_total{file_type=\"pdf\",processing_stage=\"parse\",status=\"error\"} 1.0")
                .contains("documents_processed_total{file_type=\"pdf\",processing_stage=\"upload\",status=\"error\"} 1.0")
                .contains("upload_errors_total{error_type=\"other\",stage=\"parse\"} 1.0")
                .contains("upload_errors_total{error_type=\"other\",stage=\"upload\"} 1.0")
                .doesNotContain("status=\"success\"");

        for (String stage : List.of("parse", "upload")) {
            JsonNode event = event("doc-escape", stage);
            assertThat(event.get("level").asString()).as(stage).isEqualTo("WARN");
            assertThat(event.get("status").asString()).as(stage).isEqualTo("error");
            assertThat(event.get("error_type").asString()).as(stage).isEqualTo("_OTHER");
        }
    }

    @Test
    void anExceptionEscapingAJobsTryWithResourcesFailsTheJob() {
        assertThatThrownBy(() -> {
            try (JobProcessing job = upload.processJob("reindex", null)) {
                throw new IllegalStateException("index offline");
            }
        }).isInstanceOf(IllegalStateException.class);

        assertFailedWithoutOutcome(tracing.span("process reindex"));
        assertThat(registry.scrape())
                .contains("job_processing_duration_seconds_count{job_type=\"reindex\",status=\"error\"} 1")
                .doesNotContain("status=\"success\"");
    }

    @Test
    void aFailureTheWorkReportsAndRethrowsIsCountedOnce() {
        UncheckedIOException broken = new UncheckedIOException(new IOException("truncated PDF"));

        assertThatThrownBy(() -> upload.processDocument("doc-twice", "pdf", "bob", op -> {
            op.stage(UploadStage.PARSE);
            try {
                throw broken;
            } catch (UncheckedIOException e) {
                op.fail(e, UploadErrorTypes.PARSE);
                throw e;
            }
        })).isSameAs(broken);

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("upload_errors_total{error_type=\"parse\",stage=\"parse\"} 1.0")
                .contains("documents_processed_total{file_type=\"pdf\",processing_stage=\"parse\",status=\"error\"} 1.0");
        assertThat(scrape.lines().filter(l -> l.startsWith("upload_errors_total{")))
                .as("the first fail wins: the wrapper's second report adds no error")
                .hasSize(1);
        SpanData parse = tracing.span("document_stage parse");
        SpanData processing = tracing.span("document_processing");
        assertThat(parse.getEvents()).extracting(EventData::getName).containsExactly("exception");
        assertThat(processing.getEvents()).as("the exception is recorded once, on the stage span").isEmpty();
        assertThat(processing.getAttributes().get(ERROR_TYPE)).isEqualTo(UncheckedIOException.class.getName());
        assertThat(logs.events("document_processing").stream()
                .filter(e -> e.get("document_id").asString().equals("doc-twice"))).hasSize(1);
        assertThat(event("doc-twice", "parse").get("error_type").asString()).isEqualTo("parse");
    }

    @Test
    void stageSpanNamesAreBuiltOnce() throws Exception {
        for (String documentId : List.of("doc-a", "doc-b")) {
            upload.processDocument(documentId, "txt", null, op -> op.stage(UploadStage.PARSE));
        }

        List<SpanData> parses = tracing.spans().stream()
                .filter(s -> s.getName().equals("document_stage parse")).toList();
        assertThat(parses).hasSize(2);
        assertThat(parses.get(0).getName()).isSameAs(parses.get(1).getName());
    }

    @Test
    void anEarlyReturnWithoutSuccessIsAFailureAndReturningSuccessIsNot() {
        int chunks = chunksOf("doc-ok", true);
        int none = chunksOf("doc-early", false);

        assertThat(chunks).isEqualTo(3);
        assertThat(none).isZero();
        assertThat(registry.scrape())
                .contains("documents_processed_total{file_type=\"txt\",processing_stage=\"chunk\",status=\"success\"} 1.0")
                .contains("documents_processed_total{file_type=\"txt\",processing_stage=\"parse\",status=\"error\"} 1.0")
                .contains("upload_errors_total{error_type=\"other\",stage=\"parse\"} 1.0");
        List<SpanData> processing = tracing.spans().stream()
                .filter(s -> s.getName().equals("document_processing")).toList();
        assertThat(processing).extracting(s -> s.getStatus().getStatusCode())
                .containsExactly(StatusCode.UNSET, StatusCode.ERROR);
        assertThat(event("doc-ok", "chunk").get("level").asString()).isEqualTo("INFO");
        assertThat(event("doc-early", "parse").get("level").asString()).isEqualTo("WARN");
    }

    private int chunksOf(String documentId, boolean parsed) {
        try (DocumentProcessing op = upload.processDocument(documentId, "txt")) {
            op.stage(UploadStage.PARSE);
            if (!parsed) {
                return 0; // forgot op.success(0): recorded as a failure
            }
            op.stage(UploadStage.CHUNK);
            return op.success(3);
        }
    }

    @Test
    void successAfterAFailureDoesNotClearIt() {
        try (DocumentProcessing op = upload.processDocument("doc-final", "txt")) {
            op.stage(UploadStage.PARSE);
            op.fail(new IllegalStateException("bad encoding"), UploadErrorTypes.PARSE);
            op.fail(new IllegalStateException("second"), UploadErrorTypes.STORAGE);
            op.success();
        }
        try (JobProcessing job = upload.processJob("reindex", null)) {
            job.fail(new IllegalStateException("index offline"));
            job.success();
        }
        try (DocumentUpload up = upload.upload("doc-final", "txt", 1, null)) {
            up.fail(new IllegalArgumentException("empty"));
            up.success();
        }

        assertThat(tracing.spans()).extracting(s -> s.getStatus().getStatusCode())
                .containsOnly(StatusCode.ERROR);
        assertThat(tracing.span("document_processing").getAttributes().get(ERROR_TYPE))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(registry.scrape())
                .contains("upload_errors_total{error_type=\"parse\",stage=\"parse\"} 1.0")
                .contains("upload_errors_total{error_type=\"validation\",stage=\"upload\"} 1.0")
                .contains("job_processing_duration_seconds_count{job_type=\"reindex\",status=\"error\"} 1")
                .doesNotContain("error_type=\"storage\"")
                .doesNotContain("status=\"success\"");
    }
}
