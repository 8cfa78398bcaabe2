package io.github.obskit.upload;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.metrics.TagValues;
import io.github.obskit.core.tracing.OperationOutcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.SpanScope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * The processing of one document through the pipeline's stages, started by {@link
 * UploadTelemetry#processDocument(String, String, String)}. Use it with try-with-resources, move
 * from stage to stage with {@link #stage(UploadStage)} and end with {@link #success()}:
 *
 * <pre>{@code
 * try (DocumentProcessing op = upload.processDocument(documentId, "application/pdf", userId)) {
 *     op.stage(UploadStage.PARSE);
 *     String text = parser.parse(file);
 *     op.stage(UploadStage.CHUNK);
 *     List<String> chunks = chunker.split(text);
 *     ...
 *     op.success();
 * } // ends the last stage and the processing; without success() or fail() they count as failed
 * }</pre>
 *
 * <p>What is recorded:
 *
 * <ul>
 *   <li>a span {@code document_processing} (attributes {@code obskit.document.id}, {@code
 *       obskit.document.file_type}, {@code user.id}, and at the end {@code
 *       obskit.document.processing_stage} and {@code obskit.document.processing_status}), child
 *       of the span current when it started
 *       (the {@code document_upload} span, or a job's span), and current until {@link #close()};
 *   <li>per stage, a child span {@code document_stage {stage}} (attributes {@code
 *       obskit.document.processing_stage}, {@code obskit.document.id}), current while the stage
 *       runs;
 *       the stage's duration in {@code document_processing_duration_seconds{stage}}; and the
 *       log event {@code document_processing} (document_id, stage, status, duration_ms,
 *       user_id, file_type, trace_id, span_id);
 *   <li>at {@link #close()}, one count in {@code documents_processed_total{status,file_type,
 *       processing_stage}} with the stage where processing ended (the failing stage on error).
 * </ul>
 *
 * <p><b>Outcome.</b> The obskit rule of {@link SpanScope}: {@link #success()} (or {@link
 * #success(Object)}) marks the processing as done; {@link #fail(Throwable)} marks it as failed;
 * closing without either is a failure, because Java's try-with-resources does not show an
 * escaping exception to {@code close()} (an exception escaped, or the code returned early without
 * saying so). Write {@code return op.success(result);} on early returns. {@link
 * UploadTelemetry#processDocument(String, String, String, ProcessingWork)} calls {@code
 * success()} when the work returns and {@code fail(t)} when it throws.
 *
 * <p>A failure reported with {@code fail} marks the current stage span and the {@code
 * document_processing} span with ERROR status and {@code error.type} (the exception's class
 * name), records the exception on the stage span (on the {@code document_processing} span when
 * no stage is running), writes the stage's log event at WARN with {@code error_type}, and counts
 * {@code upload_errors_total{error_type,stage}}. The first failure wins: later {@code fail}
 * calls (such as the lambda form reporting again an exception the work already reported and
 * rethrew) are ignored, so a failure is counted once. Closing without an outcome records the
 * same failure path with error type {@value SpanScope#UNKNOWN_ERROR_TYPE} (span {@code
 * error.type} {@code _OTHER}, log {@code error_type} {@code _OTHER}, {@code
 * upload_errors_total{error_type="other"}}, as that tag is a closed set) at the stage that was
 * running or ran last.
 *
 * <p>Not thread-safe: start, advance and close it on one thread (spans are made current in that
 * thread's context). Closing twice has no effect; instrumentation problems are logged once and
 * never thrown.
 */
public final class DocumentProcessing implements AutoCloseable {

    private final UploadTelemetry telemetry;
    private final String documentId;
    private final String fileType;
    private final String userId;
    private final SpanScope span;
    private final OperationOutcome outcome = new OperationOutcome();

    private UploadStage stage;
    private SpanScope stageSpan;
    private long stageStart;
    private UploadStage lastStage;
    private UploadStage failedStage;
    // Whether success() was called, even after a failure (which it does not clear): a stage
    // started after fail() then ends as successful at close. The outcome itself is in `outcome`.
    private boolean successReported;

    DocumentProcessing(UploadTelemetry telemetry, Context parent, String documentId,
            String fileType, String userId) {
        this.telemetry = telemetry;
        this.documentId = documentId;
        this.fileType = FileTypes.normalize(fileType);
        this.userId = userId;
        this.span = telemetry.tracing().span("document_processing")
                .parent(parent)
                .attribute(SpanAttributeKeys.DOCUMENT_FILE_TYPE, this.fileType)
                .attribute(SpanAttributeKeys.DOCUMENT_ID, documentId)
                .attribute(SpanAttributeKeys.USER_ID, userId)
                .start();
    }

    /**
     * Ends the current stage (as successful, unless {@link #fail(Throwable)} ended it already)
     * and starts {@code next}.
     *
     * @param next the stage that starts now; {@code null} only ends the current stage
     * @return this operation
     */
    public DocumentProcessing stage(UploadStage next) {
        if (outcome.isClosed()) {
            return this;
        }
        try {
            endStage(null, null);
            if (next != null) {
                stage = next;
                lastStage = next;
                stageStart = System.nanoTime();
                stageSpan = telemetry.tracing().span(next.spanName())
                        .parent(Context.current().with(span.span()))
                        .attribute(SpanAttributeKeys.DOCUMENT_PROCESSING_STAGE, next.name())
                        .attribute(SpanAttributeKeys.DOCUMENT_ID, documentId)
                        .start();
            }
        } catch (RuntimeException e) {
            OnceLogger.warn("upload-stage", "Could not record a document processing stage", e);
        }
        return this;
    }

    /**
     * Marks the processing as successful: at {@link #close()} the running stage ends as
     * successful and the document counts with {@code status=success}. A failure reported before
     * is final; {@code success()} does not clear it.
     */
    public void success() {
        if (!outcome.isClosed()) {
            successReported = true;
            outcome.succeed();
        }
    }

    /**
     * Marks the processing as successful and returns its result, for {@code return
     * op.success(result);}.
     *
     * @param result the processing's result
     * @param <T> the result type
     * @return {@code result}
     */
    public <T> T success(T result) {
        success();
        return result;
    }

    /**
     * Reports a failure, classified by {@link UploadErrorTypes#classify(Throwable)}. Ends the
     * current stage as failed; the document counts as failed when the operation closes. Only the
     * first failure is recorded; later calls are ignored.
     *
     * @param error the failure
     */
    public void fail(Throwable error) {
        if (outcome.isClosed() || outcome.isFailed()) {
            return;
        }
        fail(error, UploadErrorTypes.classify(error));
    }

    /**
     * Reports a failure with the application's own error class. Ends the current stage as
     * failed; the document counts as failed when the operation closes. Only the first failure is
     * recorded; later calls are ignored.
     *
     * @param error the failure, possibly {@code null}
     * @param errorType a value of {@link UploadErrorTypes#ALL}; anything else is {@code other}
     */
    public void fail(Throwable error, String errorType) {
        if (!outcome.fail(error)) {
            return;
        }
        UploadStage where = stage != null ? stage : lastStage;
        failedStage = where;
        try {
            telemetry.metrics().recordError(errorType, where);
            if (stage == null) {
                span.fail(error); // no stage span to hold the exception: record it here
            } else {
                span.fail(error != null ? error.getClass().getName() : null);
            }
            endStage(error, errorType != null ? errorType : TagValues.UNKNOWN);
        } catch (RuntimeException e) {
            OnceLogger.warn("upload-fail", "Could not record a document processing failure", e);
        }
    }

    /**
     * Returns the {@code document_processing} span, to add the application's own attributes.
     *
     * @return the span; do not end it, close this operation instead
     */
    public Span span() {
        return span.span();
    }

    /**
     * Returns the document's id.
     *
     * @return the id given when processing started
     */
    public String documentId() {
        return documentId;
    }

    /**
     * Ends the current stage and the processing: counts the document in {@code
     * documents_processed_total}, ends the {@code document_processing} span and restores the
     * context that was current before. Without {@link #success()} or {@link #fail(Throwable)}
     * before, the processing is recorded as failed (see the class description).
     */
    @Override
    public void close() {
        if (!outcome.close()) {
            return;
        }
        try {
            if (outcome.closedWithoutOutcome()) {
                // Closed without an outcome: an exception escaped the try block, or an early return.
                failedStage = stage != null ? stage : lastStage;
                telemetry.metrics().recordError(SpanScope.UNKNOWN_ERROR_TYPE, failedStage);
            }
            endStage(null, successReported ? null : SpanScope.UNKNOWN_ERROR_TYPE);
            boolean failed = outcome.isFailed();
            ProcessingStatus status = failed ? ProcessingStatus.ERROR : ProcessingStatus.SUCCESS;
            UploadStage endedAt = failed ? failedStage : lastStage;
            telemetry.metrics().recordDocumentProcessed(status, fileType, endedAt);
            if (endedAt != null) {
                span.attribute(SpanAttributeKeys.DOCUMENT_PROCESSING_STAGE, endedAt.name());
            }
            span.attribute(SpanAttributeKeys.DOCUMENT_PROCESSING_STATUS, status.tagValue());
            if (!failed) {
                span.success();
            } // else: failed by fail(), or ERROR with error.type _OTHER when the span scope closes
        } catch (RuntimeException e) {
            OnceLogger.warn("upload-close", "Could not record the end of document processing", e);
        } finally {
            span.close();
        }
    }

    private void endStage(Throwable error, String errorType) {
        if (stage == null) {
            return;
        }
        UploadStage ended = stage;
        SpanScope endedSpan = stageSpan;
        stage = null;
        stageSpan = null;
        long nanos = System.nanoTime() - stageStart;
        try {
            telemetry.metrics().recordStageNanos(ended, nanos);
            if (errorType == null) {
                endedSpan.success();
            } else {
                endedSpan.fail(error);
            }
            // Written while the stage span is current, so the event carries its trace and span id.
            telemetry.logStage(documentId, ended, errorType, error, nanos, userId, fileType);
        } finally {
            endedSpan.close();
        }
    }
}
