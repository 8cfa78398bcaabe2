package io.github.obskit.upload;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.upload.internal.SpanFailures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * One run of a background job taken from the application's queue, started by {@link
 * UploadTelemetry#processJob(String, java.util.Map)}. Use it with try-with-resources in the
 * worker:
 *
 * <pre>{@code
 * try (JobProcessing job = upload.processJob("process_document", stored.traceContext())) {
 *     try (DocumentProcessing op = upload.processDocument(stored.documentId(), stored.fileType())) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>What is recorded: a span {@code process {job_type}} of kind CONSUMER (attribute {@code
 * job.type}) that links to the trace context stored with the job, so the trace of the upload
 * continues even after a restart; it is current until {@link #close()}, so a {@code
 * document_processing} started inside is its child. At close, {@code
 * job_processing_duration_seconds{job_type,status}}. A failure reported with {@link
 * #fail(Throwable)} marks the span ERROR and records the exception; try-with-resources does not
 * show an exception to {@code close()}, so report it in a {@code catch} block.
 *
 * <p>Not thread-safe: start and close it on one thread. Closing twice has no effect.
 */
public final class JobProcessing implements AutoCloseable {

    private final UploadTelemetry telemetry;
    private final String jobType;
    private final Span span;
    private final Scope scope;
    private final long start;
    private boolean failed;
    private boolean closed;

    JobProcessing(UploadTelemetry telemetry, String jobType, Span span) {
        this.telemetry = telemetry;
        this.jobType = jobType;
        this.span = span;
        this.scope = span.makeCurrent();
        this.start = System.nanoTime();
    }

    /**
     * Reports that the job failed, classified by {@link UploadErrorTypes#classify(Throwable)}.
     *
     * @param error the failure, possibly {@code null}
     */
    public void fail(Throwable error) {
        if (closed || failed) {
            return;
        }
        failed = true;
        try {
            SpanFailures.mark(span, error, UploadErrorTypes.classify(error), true);
        } catch (RuntimeException e) {
            OnceLogger.warn("upload-job-fail", "Could not record a job failure", e);
        }
    }

    /**
     * Returns the job's span, to add the application's own attributes.
     *
     * @return the span
     */
    public Span span() {
        return span;
    }

    /**
     * Ends the job: records its duration and status, ends the span and restores the context
     * that was current before.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            telemetry.metrics().recordJobNanos(jobType,
                    failed ? ProcessingStatus.ERROR : ProcessingStatus.SUCCESS,
                    System.nanoTime() - start);
        } catch (RuntimeException e) {
            OnceLogger.warn("upload-job", "Could not record the end of a job", e);
        } finally {
            span.end();
            scope.close();
        }
    }
}
