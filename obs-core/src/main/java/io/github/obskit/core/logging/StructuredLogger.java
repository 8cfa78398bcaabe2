package io.github.obskit.core.logging;

import io.github.obskit.core.tracing.ContentCapture;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes structured log events through an SLF4J 2 logger: one event per operation, each key a
 * field of its own (with logback and logstash-logback-encoder, a JSON field), never JSON inside
 * the message.
 *
 * <pre>{@code
 * StructuredLogger events = StructuredLogger.create(LoggerFactory.getLogger("rag_service"));
 * events.documentProcessing(documentId, "parse", "success", elapsed, userId).log();
 * events.event("job_retry").field("job_id", jobId).field("attempt", 2).level(Level.WARN).log();
 * }</pre>
 *
 * <p>The typed events take the fields of the spec's events, in the same order; each returns a
 * {@link LogEvent} to add more fields or change the level before {@link LogEvent#log()}. Every
 * event carries {@value LogFields#EVENT_TYPE}, {@value LogFields#TRACE_ID} and {@value
 * LogFields#SPAN_ID} (when a span is current), and durations as {@value LogFields#DURATION_MS}.
 * The backend adds {@code @timestamp}. Content (query, prompt, completion text) is written only
 * as the {@link ContentCapture} policy allows; by default it is not written at all.
 *
 * <p>Immutable and thread-safe; the events it returns are not shared between threads.
 */
public final class StructuredLogger {

    /** Event type of {@link #httpRequest}. */
    public static final String HTTP_REQUEST = "http_request";

    /** Event type of {@link #documentProcessing}. */
    public static final String DOCUMENT_PROCESSING = "document_processing";

    /** Event type of {@link #chatMessage}. */
    public static final String CHAT_MESSAGE = "chat_message";

    private final Logger logger;
    private final ContentCapture contentCapture;

    private StructuredLogger(Logger logger, ContentCapture contentCapture) {
        this.logger = logger;
        this.contentCapture = contentCapture;
    }

    /**
     * Creates a structured logger that records no content.
     *
     * @param logger the SLF4J logger the events are written to
     * @return the structured logger
     */
    public static StructuredLogger create(Logger logger) {
        return create(logger, ContentCapture.off());
    }

    /**
     * Creates a structured logger with a content capture policy.
     *
     * @param logger the SLF4J logger the events are written to
     * @param contentCapture whether and how much query, prompt and completion text is written
     * @return the structured logger
     */
    public static StructuredLogger create(Logger logger, ContentCapture contentCapture) {
        return new StructuredLogger(Objects.requireNonNull(logger, "logger"),
                Objects.requireNonNull(contentCapture, "contentCapture"));
    }

    /**
     * Creates a structured logger on the SLF4J logger of a given name that records no content.
     *
     * @param loggerName the logger name, e.g. {@code upload_pipeline}
     * @return the structured logger
     */
    public static StructuredLogger create(String loggerName) {
        return create(LoggerFactory.getLogger(loggerName));
    }

    /**
     * Returns the SLF4J logger the events are written to.
     *
     * @return the logger
     */
    public Logger logger() {
        return logger;
    }

    /**
     * Returns the content capture policy.
     *
     * @return the policy
     */
    public ContentCapture contentCapture() {
        return contentCapture;
    }

    /**
     * Starts an event of any type.
     *
     * @param eventType a low-cardinality snake_case type, e.g. {@code job_retry}
     * @return the event; add fields, then {@link LogEvent#log()}
     */
    public LogEvent event(String eventType) {
        return new LogEvent(logger, contentCapture, eventType);
    }

    /**
     * Starts an {@value #HTTP_REQUEST} event: {@code method}, {@code endpoint}, {@code status}
     * (a number), {@code duration_ms}, {@code user_id}.
     *
     * @param method the HTTP method
     * @param endpoint the route template
     * @param status the response status code
     * @param duration the request duration
     * @param userId the user, or {@code null}
     * @return the event; call {@link LogEvent#log()}
     */
    public LogEvent httpRequest(String method, String endpoint, int status, Duration duration, String userId) {
        return event(HTTP_REQUEST)
                .field(LogFields.METHOD, method)
                .field(LogFields.ENDPOINT, endpoint)
                .field(LogFields.STATUS, status)
                .duration(duration)
                .userId(userId);
    }

    /**
     * Starts a {@value #DOCUMENT_PROCESSING} event: {@code document_id}, {@code stage}, {@code
     * status}, {@code duration_ms}, {@code user_id}.
     *
     * @param documentId the document
     * @param stage the processing stage
     * @param status the outcome, e.g. {@code success}
     * @param duration the stage's duration
     * @param userId the document's owner, or {@code null}
     * @return the event; call {@link LogEvent#log()}
     */
    public LogEvent documentProcessing(String documentId, String stage, String status, Duration duration,
            String userId) {
        return event(DOCUMENT_PROCESSING)
                .field(LogFields.DOCUMENT_ID, documentId)
                .field(LogFields.STAGE, stage)
                .field(LogFields.STATUS, status)
                .duration(duration)
                .userId(userId);
    }

    /**
     * Starts a {@value #CHAT_MESSAGE} event: {@code message_id}, {@code user_id}, {@code
     * message_type}, {@code status}, {@code duration_ms}, {@code quality_score}. Add prompt and
     * completion with {@code .content(LogFields.PROMPT, text)}; they are written only when
     * content capture is on.
     *
     * @param messageId the message
     * @param userId the user, or {@code null}
     * @param messageType the message type
     * @param status the outcome, e.g. {@code success}
     * @param duration the time to answer
     * @param qualityScore the response quality score, or {@code null} when not scored
     * @return the event; call {@link LogEvent#log()}
     */
    public LogEvent chatMessage(String messageId, String userId, String messageType, String status,
            Duration duration, Double qualityScore) {
        LogEvent event = event(CHAT_MESSAGE)
                .field(LogFields.MESSAGE_ID, messageId)
                .userId(userId)
                .field(LogFields.MESSAGE_TYPE, messageType)
                .field(LogFields.STATUS, status)
                .duration(duration);
        return qualityScore == null ? event : event.field(LogFields.QUALITY_SCORE, qualityScore.doubleValue());
    }
}
