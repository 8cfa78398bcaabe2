package io.github.obskit.upload;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.tracing.JobTraceContext;
import io.github.obskit.core.tracing.OperationOutcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.SpanScope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.Map;

/**
 * The receipt of one uploaded document (the {@link UploadStage#UPLOAD} stage), started by {@link
 * UploadTelemetry#upload(String, String, long, String)}. Use it with try-with-resources:
 *
 * <pre>{@code
 * try (DocumentUpload up = upload.upload(documentId, "report.pdf", sizeBytes, userId)) {
 *     storage.save(documentId, body);
 *     jobQueue.add(new Job(documentId, up.jobContext())); // processed later by a worker
 *     up.success();
 * }
 * }</pre>
 *
 * <p>What is recorded: a span {@code document_upload} (attributes {@code obskit.document.id},
 * {@code obskit.document.size}, {@code obskit.document.file_type}, {@code user.id}), child of the span current when
 * it started (such as the HTTP server span) and current until {@link #close()}; at close, the
 * upload's duration in {@code document_processing_duration_seconds{stage="upload"}} and the log
 * event {@code document_processing} with {@code stage=upload}. A failure reported with {@link
 * #fail(Throwable)} marks the span ERROR with {@code error.type} (the exception's class name)
 * and records the exception; it counts {@code
 * upload_errors_total{error_type,stage="upload"}} and counts the document in {@code
 * documents_processed_total} with {@code status=error, processing_stage=upload} (its processing
 * ended there).
 *
 * <p><b>Outcome.</b> The obskit rule of {@link SpanScope}: call {@link #success()} when the
 * upload is done, {@link #fail(Throwable)} when it failed (the first failure wins). Closing
 * without either is a failure, since try-with-resources does not show an escaping exception to
 * {@code close()}: it is recorded as above with error type {@value
 * SpanScope#UNKNOWN_ERROR_TYPE} (span {@code error.type} and log {@code error_type} {@code
 * _OTHER}; {@code upload_errors_total{error_type="other"}}, that tag being a closed set) and a
 * WARN log event.
 *
 * <p>Processing in the same request goes through {@link #processDocument()}, whose span is a
 * child of {@code document_upload}; processing in a worker goes through {@link #jobContext()}
 * and {@link UploadTelemetry#processJob(String, Map)}, whose span links back to this one.
 *
 * <p>Not thread-safe: start and close it on one thread. Closing twice has no effect.
 */
public final class DocumentUpload implements AutoCloseable {

    private final UploadTelemetry telemetry;
    private final String documentId;
    private final String fileType;
    private final String userId;
    private final SpanScope span;
    private final long start;
    private final OperationOutcome outcome = new OperationOutcome();
    private String errorType; // the UploadErrorTypes class of the failure, set with it

    DocumentUpload(UploadTelemetry telemetry, String documentId, String fileType, long sizeBytes,
            String userId) {
        this.telemetry = telemetry;
        this.documentId = documentId;
        this.fileType = FileTypes.normalize(fileType);
        this.userId = userId;
        var starter = telemetry.tracing().span("document_upload")
                .attribute(SpanAttributeKeys.DOCUMENT_FILE_TYPE, this.fileType)
                .attribute(SpanAttributeKeys.DOCUMENT_ID, documentId)
                .attribute(SpanAttributeKeys.USER_ID, userId);
        if (sizeBytes >= 0) {
            starter.attribute(SpanAttributeKeys.DOCUMENT_SIZE, sizeBytes);
        }
        this.span = starter.start();
        this.start = System.nanoTime();
    }

    /**
     * Starts processing this document in the same thread: a {@code document_processing} span,
     * child of {@code document_upload}, with this upload's document id, file type and user.
     *
     * @return the processing operation; close it before this upload
     */
    public DocumentProcessing processDocument() {
        return new DocumentProcessing(telemetry, Context.current().with(span.span()), documentId,
                fileType, userId);
    }

    /**
     * Returns this upload's trace context serialized for a job queue: the W3C Trace Context
     * ({@code traceparent}, and {@code tracestate} when the trace has vendor state), as {@link
     * JobTraceContext#capture(Context)} writes it. Store the map with the job and pass it to
     * {@link UploadTelemetry#processJob(String, Map)} in the worker, whose span then links to
     * this upload.
     *
     * @return a new mutable map; empty when tracing is off
     */
    public Map<String, String> jobContext() {
        return JobTraceContext.capture(Context.current().with(span.span()));
    }

    /** Marks the upload as successful; a failure reported before is final. */
    public void success() {
        outcome.succeed();
    }

    /**
     * Marks the upload as successful and returns a result, for {@code return up.success(result);}.
     *
     * @param result the upload's result
     * @param <T> the result type
     * @return {@code result}
     */
    public <T> T success(T result) {
        success();
        return result;
    }

    /**
     * Reports that the upload failed, classified by {@link UploadErrorTypes#classify(Throwable)}.
     *
     * @param failure the failure
     */
    public void fail(Throwable failure) {
        fail(failure, UploadErrorTypes.classify(failure));
    }

    /**
     * Reports that the upload failed with the application's own error class.
     *
     * @param failure the failure, possibly {@code null}
     * @param type a value of {@link UploadErrorTypes#ALL}; anything else is {@code other}
     */
    public void fail(Throwable failure, String type) {
        if (outcome.fail(failure)) {
            this.errorType = type != null ? type : UploadErrorTypes.INTERNAL;
        }
    }

    /**
     * Returns the {@code document_upload} span, to add the application's own attributes.
     *
     * @return the span; do not end it, close this upload instead
     */
    public Span span() {
        return span.span();
    }

    /**
     * Ends the upload: records its duration and log event (and its failure, if reported), ends
     * the span and restores the context that was current before. Without {@link #success()} or
     * {@link #fail(Throwable)} before, the upload is recorded as failed.
     */
    @Override
    public void close() {
        if (!outcome.close()) {
            return;
        }
        long nanos = System.nanoTime() - start;
        if (outcome.closedWithoutOutcome()) {
            // Closed without an outcome: an exception escaped the try block, or an early return.
            errorType = SpanScope.UNKNOWN_ERROR_TYPE;
        }
        boolean success = !outcome.isFailed();
        Throwable error = outcome.failure();
        try {
            UploadMetrics metrics = telemetry.metrics();
            metrics.recordStageNanos(UploadStage.UPLOAD, nanos);
            if (success) {
                span.success();
            } else {
                metrics.recordError(errorType, UploadStage.UPLOAD);
                metrics.recordDocumentProcessed(ProcessingStatus.ERROR, fileType, UploadStage.UPLOAD);
                if (error != null || !SpanScope.UNKNOWN_ERROR_TYPE.equals(errorType)) {
                    span.fail(error);
                } // else: the span scope closes without outcome, ERROR with error.type _OTHER
            }
            telemetry.logStage(documentId, UploadStage.UPLOAD, errorType, error, nanos, userId, fileType);
        } catch (RuntimeException e) {
            OnceLogger.warn("upload-upload", "Could not record the end of a document upload", e);
        } finally {
            span.close();
        }
    }
}
