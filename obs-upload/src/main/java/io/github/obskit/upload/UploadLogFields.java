package io.github.obskit.upload;

/**
 * The fields of the upload pipeline's {@value #DOCUMENT_PROCESSING} log event, besides those
 * every obskit event has ({@link io.github.obskit.core.logging.LogFields}: {@code event_type},
 * {@code status}, {@code duration_ms}, {@code error_type}, {@code user_id}, {@code trace_id},
 * {@code span_id}).
 */
public final class UploadLogFields {

    /** The event type: one event per upload and per processing stage. */
    public static final String DOCUMENT_PROCESSING = "document_processing";

    /** The document's identifier. */
    public static final String DOCUMENT_ID = "document_id";

    /** The stage: {@code upload}, {@code parse}, ... */
    public static final String STAGE = "stage";

    /** The document's normalized file type, such as {@code pdf}. */
    public static final String FILE_TYPE = "file_type";

    private UploadLogFields() {
    }
}
