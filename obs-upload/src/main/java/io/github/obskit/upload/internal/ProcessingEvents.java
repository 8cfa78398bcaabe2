package io.github.obskit.upload.internal;

import io.github.obskit.core.internal.OnceLogger;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes the {@code document_processing} log event through SLF4J 2's fluent API: every field
 * is a key-value pair, which logstash-logback-encoder writes as a JSON field. Successful stages
 * log at INFO, failed ones at WARN with the exception.
 */
public final class ProcessingEvents {

    private ProcessingEvents() {
    }

    /**
     * Logs one stage of one document.
     *
     * @param logger the event logger
     * @param documentId the document's id
     * @param stage the stage's name
     * @param success whether the stage succeeded
     * @param nanos the stage's duration in nanoseconds
     * @param userId the user's id, or {@code null} (then omitted)
     * @param fileType the normalized file type
     * @param span the stage span's context, for {@code trace_id} and {@code span_id}
     * @param errorType the error class on failure, else {@code null}
     * @param error the exception on failure, else {@code null}
     */
    public static void documentProcessing(Logger logger, String documentId, String stage,
            boolean success, long nanos, String userId, String fileType, SpanContext span,
            String errorType, Throwable error) {
        try {
            LoggingEventBuilder event = success ? logger.atInfo() : logger.atWarn();
            event = event.setMessage(UploadAttributes.EVENT_DOCUMENT_PROCESSING)
                    .addKeyValue(UploadAttributes.LOG_EVENT_TYPE,
                            UploadAttributes.EVENT_DOCUMENT_PROCESSING)
                    .addKeyValue(UploadAttributes.LOG_DOCUMENT_ID, documentId)
                    .addKeyValue(UploadAttributes.LOG_STAGE, stage)
                    .addKeyValue(UploadAttributes.LOG_STATUS, success ? "success" : "error")
                    .addKeyValue(UploadAttributes.LOG_DURATION_MS, nanos / 1_000_000d)
                    .addKeyValue(UploadAttributes.LOG_FILE_TYPE, fileType);
            if (userId != null) {
                event = event.addKeyValue(UploadAttributes.LOG_USER_ID, userId);
            }
            if (span.isValid()) {
                event = event.addKeyValue(UploadAttributes.LOG_TRACE_ID, span.getTraceId())
                        .addKeyValue(UploadAttributes.LOG_SPAN_ID, span.getSpanId());
            }
            if (errorType != null) {
                event = event.addKeyValue(UploadAttributes.LOG_ERROR_TYPE, errorType);
            }
            if (error != null) {
                event = event.setCause(error);
            }
            event.log();
        } catch (RuntimeException e) {
            OnceLogger.warn("upload-log", "Could not write the document_processing log event", e);
        }
    }
}
