package io.github.obskit.upload.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attribute keys and log event field names of obs-upload, in one place. Where the
 * OpenTelemetry semantic conventions define a key ({@code user.id}, {@code error.type}) it is
 * used as defined.
 */
public final class UploadAttributes {

    /** Span attribute: the document's id. */
    public static final AttributeKey<String> DOCUMENT_ID = AttributeKey.stringKey("document.id");
    /** Span attribute: the uploaded file's size in bytes. */
    public static final AttributeKey<Long> DOCUMENT_SIZE = AttributeKey.longKey("document.size");
    /** Span attribute: the normalized file type. */
    public static final AttributeKey<String> DOCUMENT_FILE_TYPE =
            AttributeKey.stringKey("document.file_type");
    /** Span attribute: a pipeline stage. */
    public static final AttributeKey<String> PROCESSING_STAGE =
            AttributeKey.stringKey("document.processing.stage");
    /** Span attribute: how processing ended, {@code success} or {@code error}. */
    public static final AttributeKey<String> PROCESSING_STATUS =
            AttributeKey.stringKey("document.processing.status");
    /** Span attribute (semantic conventions): the user's id. */
    public static final AttributeKey<String> USER_ID = AttributeKey.stringKey("user.id");
    /** Span attribute: the kind of background job. */
    public static final AttributeKey<String> JOB_TYPE = AttributeKey.stringKey("job.type");
    /** Span attribute (semantic conventions): the exception's fully qualified class name. */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** Log field: the event type. */
    public static final String LOG_EVENT_TYPE = "event_type";
    /** Log field: the document's id. */
    public static final String LOG_DOCUMENT_ID = "document_id";
    /** Log field: the stage. */
    public static final String LOG_STAGE = "stage";
    /** Log field: {@code success} or {@code error}. */
    public static final String LOG_STATUS = "status";
    /** Log field: the duration in milliseconds. */
    public static final String LOG_DURATION_MS = "duration_ms";
    /** Log field: the user's id. */
    public static final String LOG_USER_ID = "user_id";
    /** Log field: the normalized file type. */
    public static final String LOG_FILE_TYPE = "file_type";
    /** Log field: the error class of {@code upload_errors_total}. */
    public static final String LOG_ERROR_TYPE = "error_type";
    /** Log field: the W3C trace id. */
    public static final String LOG_TRACE_ID = "trace_id";
    /** Log field: the W3C span id. */
    public static final String LOG_SPAN_ID = "span_id";

    /** The event type of the per-stage log event. */
    public static final String EVENT_DOCUMENT_PROCESSING = "document_processing";

    private UploadAttributes() {
    }
}
