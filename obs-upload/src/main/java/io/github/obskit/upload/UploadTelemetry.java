package io.github.obskit.upload;

import io.github.obskit.core.logging.StructuredLogger;
import io.github.obskit.core.metrics.TagValues;
import io.github.obskit.core.tracing.JobTraceContext;
import io.github.obskit.core.logging.LogFields;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Records the metrics, the OpenTelemetry spans and the structured log events of the upload
 * pipeline, one call per operation:
 *
 * <ul>
 *   <li>{@link #upload(String, String, long, String)}: receiving a document ({@code
 *       document_upload} span);</li>
 *   <li>{@link #processDocument(String, String, String)}: processing it stage by stage ({@code
 *       document_processing} span with one child span per stage, the {@code document_processing}
 *       log event per stage);</li>
 *   <li>{@link #jobContext()} and {@link #processJob(String, Map)}: handing it to a job queue
 *       and picking it up in a worker whose span links to the upload's trace.</li>
 * </ul>
 *
 * <p>Created once at start-up with {@link #create(MeterRegistry, OpenTelemetry)} or {@link
 * #builder(MeterRegistry, OpenTelemetry)}; thread-safe. The application supplies the registry
 * and the OpenTelemetry instance (obskit never looks up a global one). The metrics alone, such
 * as {@link UploadMetrics#recordUploadRequest} and {@link UploadMetrics#bindJobQueue}, are on
 * {@link #metrics()}. Log events go to the SLF4J logger {@code io.github.obskit.upload} unless
 * the builder names another.
 */
public final class UploadTelemetry {

    /** The instrumentation scope name of the tracer, and the default event logger name. */
    public static final String INSTRUMENTATION_NAME = "io.github.obskit.upload";

    private final UploadMetrics metrics;
    private final Tracing tracing;
    private final StructuredLogger events;

    UploadTelemetry(UploadMetrics metrics, OpenTelemetry openTelemetry, Logger eventLogger) {
        this.metrics = metrics;
        this.tracing = Tracing.create(openTelemetry, INSTRUMENTATION_NAME);
        this.events = StructuredLogger.create(eventLogger);
    }

    /**
     * Creates the facade with default options: default tag policies, the built-in stages, and
     * the event logger {@code io.github.obskit.upload}.
     *
     * @param registry where the metrics are registered
     * @param openTelemetry supplies the tracer
     * @return the facade
     */
    public static UploadTelemetry create(MeterRegistry registry, OpenTelemetry openTelemetry) {
        return builder(registry, openTelemetry).build();
    }

    /**
     * Starts a facade with options.
     *
     * @param registry where the metrics are registered
     * @param openTelemetry supplies the tracer
     * @return a builder
     */
    public static UploadTelemetryBuilder builder(MeterRegistry registry, OpenTelemetry openTelemetry) {
        return new UploadTelemetryBuilder(registry, openTelemetry);
    }

    /**
     * Returns the metric recorder the facade records into, for the metrics that have no span:
     * upload requests and the job queue gauge.
     *
     * @return the recorder
     */
    public UploadMetrics metrics() {
        return metrics;
    }

    /**
     * Starts receiving one document: the {@code document_upload} span, child of the current
     * span. See {@link DocumentUpload} for what is recorded.
     *
     * @param documentId the document's id
     * @param fileType its MIME type, extension or file name (normalized by {@link
     *     FileTypes#normalize(String)})
     * @param sizeBytes its size in bytes, or a negative value when unknown
     * @param userId the uploading user's id, or {@code null}
     * @return the operation; close it (try-with-resources)
     */
    public DocumentUpload upload(String documentId, String fileType, long sizeBytes, String userId) {
        return new DocumentUpload(this, documentId, fileType, sizeBytes, userId);
    }

    /**
     * Starts processing one document without a user: see {@link #processDocument(String,
     * String, String)}.
     *
     * @param documentId the document's id
     * @param fileType its MIME type, extension or file name
     * @return the operation; close it (try-with-resources)
     */
    public DocumentProcessing processDocument(String documentId, String fileType) {
        return processDocument(documentId, fileType, null);
    }

    /**
     * Starts processing one document: the {@code document_processing} span, child of the
     * current span (the upload's, or a job's). See {@link DocumentProcessing} for what is
     * recorded; call {@link DocumentProcessing#success()} when done: closing without {@code
     * success()} or {@link DocumentProcessing#fail(Throwable)} (such as when an exception escapes
     * the try block) is recorded as a failure.
     *
     * @param documentId the document's id
     * @param fileType its MIME type, extension or file name
     * @param userId the owning user's id, or {@code null}
     * @return the operation; close it (try-with-resources)
     */
    public DocumentProcessing processDocument(String documentId, String fileType, String userId) {
        return new DocumentProcessing(this, Context.current(), documentId, fileType, userId);
    }

    /**
     * Processes one document with {@code work} and records it as {@link #processDocument(String,
     * String, String)} does: a normal return is a success ({@link DocumentProcessing#success()});
     * an exception escaping {@code work} is reported as the failure of the stage it escaped from
     * (classified by {@link UploadErrorTypes#classify(Throwable)}) and rethrown unchanged. When
     * the work already reported it with {@link DocumentProcessing#fail(Throwable)}, that first
     * report stands and the failure is counted once.
     *
     * @param documentId the document's id
     * @param fileType its MIME type, extension or file name
     * @param userId the owning user's id, or {@code null}
     * @param work the processing, moving through stages with {@link
     *     DocumentProcessing#stage(UploadStage)}
     * @param <T> what the work returns
     * @param <E> the checked exception the work may throw
     * @return what the work returned
     * @throws E when the work throws it
     */
    public <T, E extends Throwable> T processDocument(String documentId, String fileType,
            String userId, ProcessingWork<T, E> work) throws E {
        try (DocumentProcessing operation = processDocument(documentId, fileType, userId)) {
            try {
                return operation.success(work.process(operation));
            } catch (Throwable t) {
                operation.fail(t);
                throw t;
            }
        }
    }

    /**
     * Returns the current trace context serialized for a job queue: the W3C Trace Context
     * ({@code traceparent}, and {@code tracestate} when the trace has vendor state), as {@link
     * JobTraceContext#capture()} writes it whatever propagators the application configured.
     * Store the map with the job; see {@link DocumentUpload#jobContext()} for the same from an
     * upload.
     *
     * @return a new mutable map; empty when there is no valid current span (tracing off)
     */
    public Map<String, String> jobContext() {
        return JobTraceContext.capture();
    }

    /**
     * Starts one run of a queued job in a worker: a CONSUMER span {@code process {job_type}},
     * child of the current span (usually none: a new trace), linked to the trace context stored
     * with the job ({@link Tracing#jobSpan(String, Map)}). See {@link JobProcessing} for what is
     * recorded.
     *
     * @param jobType the kind of job, a name chosen by the application's code, such as {@code
     *     process_document}
     * @param jobContext the map stored with the job (from {@link #jobContext()} or {@link
     *     DocumentUpload#jobContext()}); {@code null} or empty starts an unlinked span
     * @return the operation; close it (try-with-resources)
     */
    public JobProcessing processJob(String jobType, Map<String, String> jobContext) {
        String type = TagValues.sanitize(jobType);
        return new JobProcessing(this, type, tracing.jobSpan("process " + type, jobContext)
                .parent(Context.current())
                .attribute(SpanAttributeKeys.JOB_TYPE, type)
                .start());
    }

    Tracing tracing() {
        return tracing;
    }

    /**
     * Writes the {@code document_processing} event of one stage while its span is current:
     * INFO on success, WARN with {@code error_type} and the exception on failure.
     */
    void logStage(String documentId, UploadStage stage, String errorType, Throwable error,
            long nanos, String userId, String fileType) {
        boolean success = errorType == null;
        events.documentProcessing(documentId, stage.name(),
                        (success ? ProcessingStatus.SUCCESS : ProcessingStatus.ERROR).tagValue(),
                        Duration.ofNanos(nanos), userId)
                .field(LogFields.FILE_TYPE, fileType)
                .field(LogFields.ERROR_TYPE, errorType)
                .level(success ? Level.INFO : Level.WARN)
                .cause(error)
                .log();
    }
}
