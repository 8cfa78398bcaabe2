package io.github.obskit.upload;

import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.Outcome;

/**
 * One run of a background job taken from the application's queue, started by {@link
 * UploadTelemetry#processJob(String, java.util.Map)} in the worker:
 *
 * <pre>{@code
 * try (JobProcessing job = upload.processJob("process_document", stored.traceContext())) {
 *     try (DocumentProcessing op = upload.processDocument(stored.document())) {
 *         ...
 *         op.success();
 *     }
 *     job.success();
 * }
 * }</pre>
 *
 * <p>What is recorded: a CONSUMER span {@code process {job_type}} (attribute {@code
 * obskit.job.type}) that links to the trace context stored with the job, so the upload's trace
 * continues even after a restart; at close, {@code job_processing_duration_seconds{job_type,
 * status}}. Outcome, error type (the exception's class name), threads and context: {@link
 * Operation}.
 */
public final class JobProcessing extends Operation {

    private final UploadTelemetry telemetry;
    private final String jobType;

    JobProcessing(UploadTelemetry telemetry, String jobType, java.util.Map<String, String> jobContext) {
        super(telemetry.jobType(), telemetry.tracing().jobSpan("process " + jobType, jobContext)
                .parent(io.opentelemetry.context.Context.current())
                .attribute(UploadSpanKeys.JOB_TYPE, jobType), true);
        this.telemetry = telemetry;
        this.jobType = jobType;
    }

    @Override
    protected void onEnd(Outcome outcome, String errorType, long durationNanos) {
        telemetry.metrics().recordJobNanos(jobType, outcome, durationNanos);
    }
}
