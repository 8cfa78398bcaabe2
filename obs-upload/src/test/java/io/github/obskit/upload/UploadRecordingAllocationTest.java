package io.github.obskit.upload;

import io.github.obskit.core.operation.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.testsupport.ThreadAllocation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Counts the bytes the recording thread allocates (an exact per-thread figure from the JVM, not
 * a timing) while {@link UploadMetrics} records under values it has seen before, including file
 * names and MIME types with parameters that {@link FileTypes} normalizes on every call.
 */
class UploadRecordingAllocationTest {

    private static final int OPERATIONS = 100_000;

    private static final String[] FILE_TYPES = {"application/pdf", "report.PDF",
        "text/plain; charset=utf-8", "notes.md", "scan.tiff", "  DOCX "};

    @Test
    void recordingSeenValuesDoesNotAllocate() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        UploadMetrics metrics = UploadMetrics.builder(registry).stages(UploadStage.of("ocr")).build();
        UploadStage ocr = UploadStage.of("ocr");
        Duration elapsed = Duration.ofMillis(42);
        long allocated = ThreadAllocation.bytesAllocatedBy(OPERATIONS,
                i -> record(metrics, ocr, elapsed, i));

        // A per-operation allocation would show up as at least OPERATIONS * 16 bytes.
        assertThat(allocated).as("bytes allocated by %d recordings", OPERATIONS)
                .isLessThan(ThreadAllocation.ONE_OFF_ALLOWANCE_BYTES);
        assertThat(registry.get("documents.processed").counters().stream()
                .mapToDouble(Counter::count).sum()).isEqualTo(2.0 * OPERATIONS);
        assertThat(registry.scrape())
                .contains("documents_processed_total{file_type=\"pdf\",processing_stage=\"ocr\",status=\"success\"}")
                .contains("documents_processed_total{file_type=\"pdf\",processing_stage=\"ocr\",status=\"error\"}")
                .contains("documents_processed_total{file_type=\"txt\",processing_stage=\"ocr\",status=\"success\"}")
                .contains("documents_processed_total{file_type=\"md\",processing_stage=\"ocr\",status=\"error\"}")
                .contains("documents_processed_total{file_type=\"docx\",processing_stage=\"ocr\",status=\"error\"}")
                .contains("documents_processed_total{file_type=\"other\",processing_stage=\"ocr\",status=\"success\"}");
    }

    /**
     * What one document processing with one stage costs in allocation when tracing is off and
     * the event logger is disabled: the handles themselves, no log event, no context.
     */
    @Test
    void anOperationWithTracingAndLoggingOffAllocatesOnlyItsHandles() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ch.qos.logback.classic.Logger events = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("obskit.test.upload.events.off");
        events.setLevel(ch.qos.logback.classic.Level.OFF);
        UploadTelemetry upload = UploadTelemetry.builder(registry, io.opentelemetry.api.OpenTelemetry.noop())
                .eventLogger(events).build();
        Document document = Document.builder("doc-1").fileType("pdf").userId("alice").build();
        int operations = 20_000;

        long allocated = ThreadAllocation.bytesAllocatedBy(operations, i -> {
            try (DocumentProcessing op = upload.processDocument(document)) {
                try (ProcessingStage stage = op.stage(UploadStage.PARSE)) {
                    stage.success();
                }
                op.success();
            }
        });

        long perOperation = allocated / operations;
        System.out.println("document processing + one stage, tracing and logging off: "
                + perOperation + " B per operation");
        assertThat(perOperation).as("bytes per processing with one stage").isLessThan(400);
        assertThat(registry.get("documents.processed").counter().count() % operations).isZero();
    }

    private static void record(UploadMetrics metrics, UploadStage ocr, Duration elapsed, int i) {
        metrics.recordUploadRequest((i & 1) == 0 ? "POST" : "GET", "/documents", (i & 1) == 0 ? 201 : 404, elapsed);
        metrics.recordDocumentProcessed((i & 1) == 0 ? Outcome.SUCCESS : Outcome.ERROR,
                FILE_TYPES[i % FILE_TYPES.length], ocr);
        metrics.recordStageDuration(UploadStage.PARSE, elapsed);
        metrics.recordJob("process_document", Outcome.SUCCESS, elapsed);
        metrics.recordError(UploadErrorTypes.PARSE, ocr);
    }
}
