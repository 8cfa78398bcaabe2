package io.github.obskit.upload;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.logging.StructuredLogger;
import io.github.obskit.core.metrics.TagValues;
import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.OperationType;
import io.github.obskit.core.operation.OperationWork;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.tracing.JobTraceContext;
import io.github.obskit.core.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Records the metrics, the OpenTelemetry spans and the structured log events of the upload
 * pipeline, one operation per step:
 *
 * <ul>
 *   <li>{@link #upload(Document)}: receiving a document ({@link DocumentUpload});</li>
 *   <li>{@link #processDocument(Document)}: processing it stage by stage ({@link
 *       DocumentProcessing}, {@link ProcessingStage});</li>
 *   <li>{@link #jobContext()} and {@link #processJob(String, Map)}: handing it to a job queue
 *       and picking it up in a worker whose span links to the upload's trace ({@link
 *       JobProcessing}).</li>
 * </ul>
 *
 * <p>Every operation follows {@link Operation}'s outcome rule and has a lambda form. Created
 * once at start-up with {@link #create(MeterRegistry, OpenTelemetry)} or {@link
 * #builder(MeterRegistry, OpenTelemetry)}; thread-safe. The application supplies the registry and
 * the OpenTelemetry instance (obskit never looks up a global one). The metrics without a span,
 * such as {@link UploadMetrics#recordUploadRequest} and {@link UploadMetrics#bindJobQueue}, are
 * on {@link #metrics()}. Log events go to the SLF4J logger {@value #INSTRUMENTATION_NAME} unless
 * the builder names another.
 */
public final class UploadTelemetry {

    /** The instrumentation scope name of the tracer, and the default event logger name. */
    public static final String INSTRUMENTATION_NAME = "io.github.obskit.upload";

    private final UploadMetrics metrics;
    private final Tracing tracing;
    private final OperationType uploadType;
    private final OperationType processingType;
    private final OperationType stageType;
    private final OperationType jobType;
    private final UploadListener[] listeners;

    UploadTelemetry(UploadMetrics metrics, OpenTelemetry openTelemetry, Logger eventLogger,
            List<UploadListener> listeners) {
        this.metrics = metrics;
        this.listeners = listeners.toArray(new UploadListener[0]);
        this.tracing = Tracing.create(openTelemetry, INSTRUMENTATION_NAME);
        StructuredLogger events = StructuredLogger.create(eventLogger);
        this.uploadType = OperationType.builder("document_upload")
                .events(events, UploadLogFields.DOCUMENT_PROCESSING)
                .errorTypes(UploadErrorTypes::classify, UploadErrorTypes.ALL)
                .build();
        this.processingType = OperationType.builder("document_processing")
                .errorTypes(UploadErrorTypes::classify, UploadErrorTypes.ALL)
                .build();
        this.stageType = OperationType.builder("document_stage")
                .events(events, UploadLogFields.DOCUMENT_PROCESSING)
                .errorTypes(UploadErrorTypes::classify, UploadErrorTypes.ALL)
                .build();
        this.jobType = OperationType.builder("job").build();
    }

    /**
     * Creates the facade with default options: default tag policies, the built-in stages, and
     * the event logger {@value #INSTRUMENTATION_NAME}.
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
     * span. See {@link DocumentUpload}.
     *
     * @param document the document
     * @return the operation; close it (try-with-resources)
     */
    public DocumentUpload upload(Document document) {
        return new DocumentUpload(this, document != null ? document : Document.builder(null).build());
    }

    /**
     * Receives one document with {@code work}, as {@link Operation#run(Operation, OperationWork)}
     * does: a return is a success, an exception a failure (rethrown unchanged).
     *
     * @param document the document
     * @param work the upload's work
     * @param <T> what the work returns
     * @param <E> the checked exception the work may throw
     * @return what the work returned
     * @throws E when the work throws it
     */
    public <T, E extends Throwable> T upload(Document document,
            OperationWork<DocumentUpload, T, E> work) throws E {
        return Operation.run(upload(document), work);
    }

    /**
     * Starts processing one document: the {@code document_processing} span, child of the
     * current span (a job's, in a worker). See {@link DocumentProcessing}; inside an upload use
     * {@link DocumentUpload#processDocument()}.
     *
     * @param document the document
     * @return the operation; close it (try-with-resources)
     */
    public DocumentProcessing processDocument(Document document) {
        Document d = document != null ? document : Document.builder(null).build();
        return new DocumentProcessing(this, new DocumentRecord(d), Context.current(), false);
    }

    /**
     * Processes one document with {@code work}, as {@link Operation#run(Operation,
     * OperationWork)} does.
     *
     * @param document the document
     * @param work the processing, moving through stages with {@link
     *     DocumentProcessing#stage(UploadStage, OperationWork)}
     * @param <T> what the work returns
     * @param <E> the checked exception the work may throw
     * @return what the work returned
     * @throws E when the work throws it
     */
    public <T, E extends Throwable> T processDocument(Document document,
            OperationWork<DocumentProcessing, T, E> work) throws E {
        return Operation.run(processDocument(document), work);
    }

    /**
     * Returns the current trace context serialized for a job queue, as {@link
     * JobTraceContext#capture()} writes it (W3C Trace Context whatever propagators the
     * application configured). Store the map with the job; {@link DocumentUpload#jobContext()}
     * does the same for an upload.
     *
     * @return a new mutable map; empty when there is no valid current span (tracing off)
     */
    public Map<String, String> jobContext() {
        return JobTraceContext.capture();
    }

    /**
     * Starts one run of a queued job in a worker: a CONSUMER span {@code process {job_type}},
     * child of the current span (usually none: a new trace), linked to the trace context stored
     * with the job ({@link Tracing#jobSpan(String, Map)}). See {@link JobProcessing}.
     *
     * @param jobType the kind of job, a name chosen by the application's code, such as {@code
     *     process_document}
     * @param jobContext the map stored with the job; {@code null} or empty starts an unlinked span
     * @return the operation; close it (try-with-resources)
     */
    public JobProcessing processJob(String jobType, Map<String, String> jobContext) {
        return new JobProcessing(this, TagValues.sanitize(jobType), jobContext);
    }

    /**
     * Runs one queued job with {@code work}, as {@link Operation#run(Operation, OperationWork)}
     * does.
     *
     * @param jobType the kind of job
     * @param jobContext the map stored with the job
     * @param work the job's work
     * @param <T> what the work returns
     * @param <E> the checked exception the work may throw
     * @return what the work returned
     * @throws E when the work throws it
     */
    public <T, E extends Throwable> T processJob(String jobType, Map<String, String> jobContext,
            OperationWork<JobProcessing, T, E> work) throws E {
        return Operation.run(processJob(jobType, jobContext), work);
    }

    void uploadEnded(Document document, Outcome outcome) {
        for (UploadListener listener : listeners) {
            try {
                listener.uploadEnded(document, outcome);
            } catch (RuntimeException e) {
                OnceLogger.warn("upload-listener:" + listener.getClass().getName(),
                        "An UploadListener failed; the upload was recorded, the listener skipped", e);
            }
        }
    }

    Tracing tracing() {
        return tracing;
    }

    OperationType uploadType() {
        return uploadType;
    }

    OperationType processingType() {
        return processingType;
    }

    OperationType stageType() {
        return stageType;
    }

    OperationType jobType() {
        return jobType;
    }
}
