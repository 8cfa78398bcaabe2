package io.github.obskit.upload;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attribute keys of the upload pipeline, under obskit's own {@code obskit.document.*}
 * and {@code obskit.job.*} namespaces (the semantic conventions define none for documents).
 * Shared keys such as {@code user.id} and {@code error.type} are in {@link
 * io.github.obskit.core.tracing.SpanAttributeKeys}.
 */
public final class UploadSpanKeys {

    /** {@code obskit.document.id}: the document's identifier. */
    public static final AttributeKey<String> DOCUMENT_ID = stringKey("obskit.document.id");

    /** {@code obskit.document.file_type}: the document's file type, e.g. {@code pdf}. */
    public static final AttributeKey<String> DOCUMENT_FILE_TYPE = stringKey("obskit.document.file_type");

    /** {@code obskit.document.size}: the uploaded document's size in bytes. */
    public static final AttributeKey<Long> DOCUMENT_SIZE = longKey("obskit.document.size");

    /**
     * {@code obskit.document.processing_stage}: on a stage span its stage, on the processing
     * span the stage where processing ended.
     */
    public static final AttributeKey<String> DOCUMENT_PROCESSING_STAGE =
            stringKey("obskit.document.processing_stage");

    /** {@code obskit.document.processing_status}: how processing ended, {@code success} or {@code error}. */
    public static final AttributeKey<String> DOCUMENT_PROCESSING_STATUS =
            stringKey("obskit.document.processing_status");

    /** {@code obskit.job.type}: the job type, e.g. {@code process_document}. */
    public static final AttributeKey<String> JOB_TYPE = stringKey("obskit.job.type");

    private UploadSpanKeys() {
    }
}
