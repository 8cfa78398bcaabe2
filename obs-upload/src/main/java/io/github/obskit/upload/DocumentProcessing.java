package io.github.obskit.upload;

import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.OperationWork;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The processing of one document through the pipeline's stages, started by {@link
 * UploadTelemetry#processDocument(Document)} (in a worker) or {@link
 * DocumentUpload#processDocument()} (inside the upload). Each stage is a lexically scoped
 * operation of its own, {@link #stage(UploadStage)}:
 *
 * <pre>{@code
 * try (DocumentProcessing op = upload.processDocument(document)) {
 *     String text = op.stage(UploadStage.PARSE, stage -> parser.parse(file));
 *     List<String> chunks = op.stage(UploadStage.CHUNK, stage -> chunker.split(text));
 *     op.success();
 * }
 * }</pre>
 *
 * <p>What is recorded: a span {@code document_processing} (attributes {@code obskit.document.id},
 * {@code obskit.document.file_type}, {@code user.id}, and at the end {@code
 * obskit.document.processing_stage} and {@code obskit.document.processing_status}), child of the
 * span current when it started (the upload's or a job's), with one child span per stage; at
 * close, the document counts once in {@code documents_processed_total{status,file_type,
 * processing_stage}}, at the stage where processing ended (the failing stage on error). A
 * failure counts once in {@code upload_errors_total{error_type,stage}}: at the failing stage, or
 * here when it happened outside any stage, never again in the upload around it. The
 * processing writes no log event of its own: each stage writes one.
 *
 * <p>Outcome, error type, threads and context: {@link Operation}; the error types are those of
 * {@link UploadErrorTypes} ({@link UploadErrorTypes#classify(Throwable)} unless given).
 */
public final class DocumentProcessing extends Operation {

    private final UploadTelemetry telemetry;
    private final DocumentRecord record;
    private final boolean insideUpload;
    private volatile UploadStage lastStage;
    private final AtomicReference<UploadStage> failedStage = new AtomicReference<>();

    DocumentProcessing(UploadTelemetry telemetry, DocumentRecord record, Context parent,
            boolean insideUpload) {
        super(telemetry.processingType(), telemetry.tracing().span("document_processing")
                .parent(parent)
                .attribute(UploadSpanKeys.DOCUMENT_FILE_TYPE, record.document.fileType())
                .attribute(UploadSpanKeys.DOCUMENT_ID, record.document.id())
                .attribute(SpanAttributeKeys.USER_ID, record.document.userId()), true);
        this.telemetry = telemetry;
        this.record = record;
        this.insideUpload = insideUpload;
    }

    /**
     * Starts one stage: current until closed, so close it before the next one starts (a
     * try-with-resources block, or the lambda form {@link #stage(UploadStage, OperationWork)}).
     *
     * @param stage the stage; an unregistered one is recorded as {@code other} in metrics
     * @return the stage; close it (after this processing is closed, a stage that records
     *     nothing)
     */
    public ProcessingStage stage(UploadStage stage) {
        UploadStage s = stage != null ? stage : UploadStage.of("unknown");
        if (isClosed()) {
            return new ProcessingStage(telemetry, this, s, true);
        }
        lastStage = s;
        return new ProcessingStage(telemetry, this, s);
    }

    /**
     * Runs one stage with {@code work}, as {@link Operation#run(Operation, OperationWork)} does:
     * a return is the stage's success, an exception its failure (rethrown unchanged).
     *
     * @param stage the stage
     * @param work the stage's work
     * @param <T> what the work returns
     * @param <E> the checked exception the work may throw
     * @return what the work returned
     * @throws E when the work throws it
     */
    public <T, E extends Throwable> T stage(UploadStage stage,
            OperationWork<ProcessingStage, T, E> work) throws E {
        return Operation.run(stage(stage), work);
    }

    /**
     * Returns the document's id.
     *
     * @return the id given when processing started
     */
    public String documentId() {
        return record.document.id();
    }

    @Override
    protected void onEnd(Outcome outcome, String errorType, long durationNanos) {
        UploadStage failed = failedStage.get();
        UploadStage endedAt = outcome == Outcome.ERROR && failed != null ? failed : lastStage;
        UploadMetrics metrics = telemetry.metrics();
        if (record.claimProcessed()) {
            metrics.recordDocumentProcessed(outcome, record.document.fileType(), endedAt);
        }
        if (outcome == Outcome.ERROR && record.claimError()) {
            metrics.recordError(errorType, endedAt);
        }
        if (endedAt != null) {
            span().setAttribute(UploadSpanKeys.DOCUMENT_PROCESSING_STAGE, endedAt.name());
        }
        span().setAttribute(UploadSpanKeys.DOCUMENT_PROCESSING_STATUS, outcome.tagValue());
        if (insideUpload) {
            record.addNestedNanos(durationNanos);
        }
    }

    DocumentRecord record() {
        return record;
    }

    Context parentOfStages() {
        return childContext();
    }

    void stageFailed(UploadStage stage) {
        failedStage.compareAndSet(null, stage);
    }
}
