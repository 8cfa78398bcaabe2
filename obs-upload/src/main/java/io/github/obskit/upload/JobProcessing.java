package io.github.obskit.upload;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.tracing.OperationOutcome;
import io.github.obskit.core.tracing.SpanScope;
import io.opentelemetry.api.trace.Span;

/**
 * One run of a background job taken from the application's queue, started by {@link
 * UploadTelemetry#processJob(String, java.util.Map)}. Use it with try-with-resources in the
 * worker:
 *
 * <pre>{@code
 * try (JobProcessing job = upload.processJob("process_document", stored.traceContext())) {
 *     try (DocumentProcessing op = upload.processDocument(stored.documentId(), stored.fileType())) {
 *         ...
 *         op.success();
 *     }
 *     job.success();
 * }
 * }</pre>
 *
 * <p>What is recorded: a span {@code process {job_type}} of kind CONSUMER (attribute {@code
 * obskit.job.type}) that links to the trace context stored with the job, so the trace of the upload
 * continues even after a restart; it is current until {@link #close()}, so a {@code
 * document_processing} started inside is its child. At close, {@code
 * job_processing_duration_seconds{job_type,status}}. A failure reported with {@link
 * #fail(Throwable)} marks the span ERROR with {@code error.type} (the exception's class name)
 * and records the exception, and the job counts with {@code status=error}.
 *
 * <p><b>Outcome.</b> The obskit rule of {@link SpanScope}: call {@link #success()} when the job
 * is done, {@link #fail(Throwable)} when it failed (the first failure wins). Closing without
 * either is a failure, since try-with-resources does not show an escaping exception to {@code
 * close()}: the job counts with {@code status=error} and its span ends ERROR with {@code
 * error.type} {@value SpanScope#UNKNOWN_ERROR_TYPE}.
 *
 * <p>Not thread-safe: start and close it on one thread. Closing twice has no effect.
 */
public final class JobProcessing implements AutoCloseable {

    private final UploadTelemetry telemetry;
    private final String jobType;
    private final SpanScope span;
    private final long start;
    private final OperationOutcome outcome = new OperationOutcome();

    JobProcessing(UploadTelemetry telemetry, String jobType, SpanScope span) {
        this.telemetry = telemetry;
        this.jobType = jobType;
        this.span = span;
        this.start = System.nanoTime();
    }

    /** Marks the job as successful; a failure reported before is final. */
    public void success() {
        outcome.succeed();
    }

    /**
     * Marks the job as successful and returns its result, for {@code return job.success(result);}.
     *
     * @param result the job's result
     * @param <T> the result type
     * @return {@code result}
     */
    public <T> T success(T result) {
        success();
        return result;
    }

    /**
     * Reports that the job failed; later calls are ignored.
     *
     * @param error the failure, possibly {@code null} (recorded with {@code error.type} {@code
     *     _OTHER})
     */
    public void fail(Throwable error) {
        if (outcome.fail(error)) {
            span.fail(error);
        }
    }

    /**
     * Returns the job's span, to add the application's own attributes.
     *
     * @return the span; do not end it, close this job instead
     */
    public Span span() {
        return span.span();
    }

    /**
     * Ends the job: records its duration and status, ends the span and restores the context
     * that was current before. Without {@link #success()} or {@link #fail(Throwable)} before,
     * the job is recorded as failed.
     */
    @Override
    public void close() {
        if (!outcome.close()) {
            return;
        }
        boolean failed = outcome.isFailed(); // fail() reported it, or no outcome (span: _OTHER)
        try {
            telemetry.metrics().recordJobNanos(jobType,
                    failed ? ProcessingStatus.ERROR : ProcessingStatus.SUCCESS,
                    System.nanoTime() - start);
            if (!failed) {
                span.success();
            }
        } catch (RuntimeException e) {
            OnceLogger.warn("upload-job", "Could not record the end of a job", e);
        } finally {
            span.close();
        }
    }
}
