package io.github.obskit.upload.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attribute and log field names obs-upload writes besides the shared ones of {@link
 * io.github.obskit.core.tracing.SpanAttributeKeys} and {@link
 * io.github.obskit.core.logging.LogFields}.
 */
public final class UploadFields {

    /**
     * Span attribute {@code obskit.document.processing_status}: how a document's processing
     * ended, {@code success} or {@code error}.
     */
    public static final AttributeKey<String> PROCESSING_STATUS =
            AttributeKey.stringKey("obskit.document.processing_status");

    /** Log field {@code file_type}: the normalized file type. */
    public static final String LOG_FILE_TYPE = "file_type";

    /** Log field {@code error_type}: the error class of {@code upload_errors_total}, on failure. */
    public static final String LOG_ERROR_TYPE = "error_type";

    private UploadFields() {
    }
}
