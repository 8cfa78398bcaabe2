package io.github.obskit.upload;

import io.github.obskit.core.metrics.Buckets;
import io.github.obskit.core.metrics.CatalogMeter;
import io.github.obskit.core.metrics.MeterDefinition;

/**
 * The upload-pipeline metrics. Scraped by Prometheus they carry the names and labels of the
 * upload pipeline's dashboards and alerts: {@code upload_requests_total}, {@code
 * upload_request_duration_seconds}, {@code documents_processed_total}, {@code
 * document_processing_duration_seconds}, {@code job_queue_size}, {@code
 * job_processing_duration_seconds} and {@code upload_errors_total}.
 */
public enum UploadMeters implements CatalogMeter {

    /** Total number of upload requests. */
    UPLOAD_REQUESTS(MeterDefinition.counter("upload.requests")
            .description("Total number of upload requests")
            .tags(UploadTagKeys.METHOD, UploadTagKeys.ENDPOINT, UploadTagKeys.HTTP_STATUS)
            .build()),

    /** Upload request duration in seconds. */
    UPLOAD_REQUEST_DURATION(MeterDefinition.timer("upload.request.duration")
            .description("Upload request duration in seconds")
            .tags(UploadTagKeys.METHOD, UploadTagKeys.ENDPOINT)
            .buckets(Buckets.HTTP_SECONDS)
            .build()),

    /**
     * Total number of documents processed, counted once per document at the stage where its
     * processing ended.
     */
    DOCUMENTS_PROCESSED(MeterDefinition.counter("documents.processed")
            .description("Total number of documents processed, counted once per document at the "
                    + "stage where its processing ended")
            .tags(UploadTagKeys.STATUS, UploadTagKeys.FILE_TYPE, UploadTagKeys.PROCESSING_STAGE)
            .build()),

    /** Document processing duration in seconds, per pipeline stage. */
    DOCUMENT_PROCESSING_DURATION(MeterDefinition.timer("document.processing.duration")
            .description("Document processing duration in seconds, per pipeline stage")
            .tags(UploadTagKeys.STAGE)
            .buckets(Buckets.PROCESSING_SECONDS)
            .build()),

    /** Current size of job queue. */
    JOB_QUEUE_SIZE(MeterDefinition.gauge("job.queue.size")
            .description("Current size of job queue")
            .build()),

    /** Job processing duration in seconds. */
    JOB_PROCESSING_DURATION(MeterDefinition.timer("job.processing.duration")
            .description("Job processing duration in seconds")
            .tags(UploadTagKeys.JOB_TYPE, UploadTagKeys.STATUS)
            .buckets(Buckets.PROCESSING_SECONDS)
            .build()),

    /** Total number of upload errors. */
    UPLOAD_ERRORS(MeterDefinition.counter("upload.errors")
            .description("Total number of upload errors")
            .tags(UploadTagKeys.ERROR_TYPE, UploadTagKeys.STAGE)
            .build());

    private final MeterDefinition definition;

    UploadMeters(MeterDefinition definition) {
        this.definition = definition;
    }

    @Override
    public MeterDefinition definition() {
        return definition;
    }
}
