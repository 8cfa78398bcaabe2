package io.github.obskit.upload;

import io.github.obskit.core.logging.LogEvent;
import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.OperationWork;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.tracing.JobTraceContext;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import java.util.Map;

/**
 * The receipt of one uploaded document (the {@link UploadStage#UPLOAD} stage), started by {@link
 * UploadTelemetry#upload(Document)}:
 *
 * <pre>{@code
 * try (DocumentUpload up = upload.upload(document)) {
 *     storage.save(document.id(), body);
 *     jobQueue.add(new Job(document.id(), up.jobContext())); // processed later by a worker
 *     up.success();
 * }
 * }</pre>
 *
 * <p>What is recorded: a span {@code document_upload} (attributes {@code obskit.document.id},
 * {@code obskit.document.size}, {@code obskit.document.file_type}, {@code user.id}), child of the
 * span current when it started (such as the HTTP server span); at close, the upload's own time in
 * {@code document_processing_duration_seconds{stage="upload"}} (without the processing nested in
 * it, which its stages record) and the log event {@code document_processing} with {@code
 * stage=upload} ({@code duration_ms} is the whole upload). A failed upload counts the document's
 * error in {@code upload_errors_total{error_type,stage="upload"}} and the document in {@code
 * documents_processed_total{status="error",processing_stage="upload"}} unless the processing
 * nested in it counted them already: one document, one count, whatever the nesting.
 *
 * <p>Processing in the same request goes through {@link #processDocument()}, whose span is a
 * child of {@code document_upload}; processing in a worker goes through {@link #jobContext()}
 * and {@link UploadTelemetry#processJob(String, Map)}, whose span links back to this one.
 * Outcome, error type, threads and context: {@link Operation}; the error types are those of
 * {@link UploadErrorTypes}.
 */
public final class DocumentUpload extends Operation {

    private final UploadTelemetry telemetry;
    private final DocumentRecord record;

    DocumentUpload(UploadTelemetry telemetry, Document document) {
        super(telemetry.uploadType(), telemetry.tracing().span("document_upload")
                .attribute(UploadSpanKeys.DOCUMENT_FILE_TYPE, document.fileType())
                .attribute(UploadSpanKeys.DOCUMENT_ID, document.id())
                .attribute(SpanAttributeKeys.USER_ID, document.userId())
                .attribute(UploadSpanKeys.DOCUMENT_SIZE, document.sizeBytes() >= 0 ? document.sizeBytes() : null), true);
        this.telemetry = telemetry;
        this.record = new DocumentRecord(document);
    }

    /**
     * Starts processing this document in the same request: a {@code document_processing} span,
     * child of {@code document_upload}. Close it before this upload.
     *
     * @return the processing operation
     */
    public DocumentProcessing processDocument() {
        return new DocumentProcessing(telemetry, record, childContext(), true);
    }

    /**
     * Processes this document with {@code work}, as {@link Operation#run(Operation,
     * OperationWork)} does.
     *
     * @param work the processing, moving through stages with {@link
     *     DocumentProcessing#stage(UploadStage, OperationWork)}
     * @param <T> what the work returns
     * @param <E> the checked exception the work may throw
     * @return what the work returned
     * @throws E when the work throws it
     */
    public <T, E extends Throwable> T processDocument(OperationWork<DocumentProcessing, T, E> work)
            throws E {
        return Operation.run(processDocument(), work);
    }

    /**
     * Returns this upload's trace context serialized for a job queue (W3C {@code traceparent},
     * and {@code tracestate} when present), as {@link JobTraceContext#capture(
     * io.opentelemetry.context.Context)} writes it. Store it with the job and pass it to {@link
     * UploadTelemetry#processJob(String, Map)}.
     *
     * @return a new mutable map; empty when tracing is off
     */
    public Map<String, String> jobContext() {
        return JobTraceContext.capture(childContext());
    }

    @Override
    protected void onEnd(Outcome outcome, String errorType, long durationNanos) {
        UploadMetrics metrics = telemetry.metrics();
        metrics.recordStageNanos(UploadStage.UPLOAD, Math.max(0, durationNanos - record.nestedNanos()));
        if (outcome == Outcome.ERROR) {
            if (record.claimError()) {
                metrics.recordError(errorType, UploadStage.UPLOAD);
            }
            if (record.claimProcessed()) {
                metrics.recordDocumentProcessed(Outcome.ERROR, record.document.fileType(), UploadStage.UPLOAD);
            }
        }
        telemetry.uploadEnded(record.document, outcome);
    }

    @Override
    protected void logFields(LogEvent event) {
        Document document = record.document;
        event.field(UploadLogFields.DOCUMENT_ID, document.id())
                .field(UploadLogFields.STAGE, UploadStage.UPLOAD.name())
                .userId(document.userId())
                .field(UploadLogFields.FILE_TYPE, document.fileType());
    }
}
