package io.github.obskit.upload;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.upload.internal.MapCarrier;
import io.github.obskit.upload.internal.ProcessingEvents;
import io.github.obskit.upload.internal.SpanFailures;
import io.github.obskit.upload.internal.UploadAttributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;

/**
 * The receipt of one uploaded document (the {@link UploadStage#UPLOAD} stage), started by {@link
 * UploadTelemetry#upload(String, String, long, String)}. Use it with try-with-resources:
 *
 * <pre>{@code
 * try (DocumentUpload up = upload.upload(documentId, "report.pdf", sizeBytes, userId)) {
 *     storage.save(documentId, body);
 *     jobQueue.add(new Job(documentId, up.jobContext())); // processed later by a worker
 * }
 * }</pre>
 *
 * <p>What is recorded: a span {@code document_upload} (attributes {@code document.id}, {@code
 * document.size}, {@code document.file_type}, {@code user.id}), child of the span current when
 * it started (such as the HTTP server span) and current until {@link #close()}; at close, the
 * upload's duration in {@code document_processing_duration_seconds{stage="upload"}} and the log
 * event {@code document_processing} with {@code stage=upload}. A failure reported with {@link
 * #fail(Throwable)} marks the span ERROR, records the exception, counts {@code
 * upload_errors_total{error_type,stage="upload"}} and counts the document in {@code
 * documents_processed_total} with {@code status=error, processing_stage=upload} (its processing
 * ended there). try-with-resources does not show an exception to {@code close()}: report it
 * with {@code fail} in a {@code catch} block.
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
    private final Span span;
    private final Scope scope;
    private final long start;
    private Throwable error;
    private String errorType;
    private boolean closed;

    DocumentUpload(UploadTelemetry telemetry, String documentId, String fileType, long sizeBytes,
            String userId) {
        this.telemetry = telemetry;
        this.documentId = documentId;
        this.fileType = FileTypes.normalize(fileType);
        this.userId = userId;
        var builder = telemetry.tracer().spanBuilder("document_upload")
                .setAttribute(UploadAttributes.DOCUMENT_FILE_TYPE, this.fileType);
        if (documentId != null) {
            builder.setAttribute(UploadAttributes.DOCUMENT_ID, documentId);
        }
        if (sizeBytes >= 0) {
            builder.setAttribute(UploadAttributes.DOCUMENT_SIZE, sizeBytes);
        }
        if (userId != null) {
            builder.setAttribute(UploadAttributes.USER_ID, userId);
        }
        this.span = builder.startSpan();
        this.scope = span.makeCurrent();
        this.start = System.nanoTime();
    }

    /**
     * Starts processing this document in the same thread: a {@code document_processing} span,
     * child of {@code document_upload}, with this upload's document id, file type and user.
     *
     * @return the processing operation; close it before this upload
     */
    public DocumentProcessing processDocument() {
        return new DocumentProcessing(telemetry, Context.current().with(span), documentId,
                fileType, userId);
    }

    /**
     * Returns this upload's trace context serialized for a job queue (W3C {@code traceparent}
     * and {@code tracestate} when the application's OpenTelemetry instance propagates W3C trace
     * context). Store the map with the job and pass it to {@link UploadTelemetry#processJob(
     * String, Map)} in the worker, whose span then links to this upload.
     *
     * @return a new mutable map; empty when the OpenTelemetry instance has no propagators
     */
    public Map<String, String> jobContext() {
        return MapCarrier.inject(telemetry.openTelemetry(), Context.current().with(span));
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
        if (closed || errorType != null) {
            return;
        }
        this.error = failure;
        this.errorType = type != null ? type : UploadErrorTypes.INTERNAL;
    }

    /**
     * Returns the {@code document_upload} span, to add the application's own attributes.
     *
     * @return the span
     */
    public Span span() {
        return span;
    }

    /**
     * Ends the upload: records its duration and log event (and its failure, if reported), ends
     * the span and restores the context that was current before.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long nanos = System.nanoTime() - start;
        boolean success = errorType == null;
        try {
            UploadMetrics metrics = telemetry.metrics();
            metrics.recordStageNanos(UploadStage.UPLOAD, nanos);
            if (!success) {
                metrics.recordError(errorType, UploadStage.UPLOAD);
                metrics.recordDocumentProcessed(ProcessingStatus.ERROR, fileType, UploadStage.UPLOAD);
                SpanFailures.mark(span, error, errorType, true);
            }
            ProcessingEvents.documentProcessing(telemetry.eventLogger(), documentId,
                    UploadStage.UPLOAD.name(), success, nanos, userId, fileType,
                    span.getSpanContext(), errorType, error);
        } catch (RuntimeException e) {
            OnceLogger.warn("upload-upload", "Could not record the end of a document upload", e);
        } finally {
            span.end();
            scope.close();
        }
    }
}
