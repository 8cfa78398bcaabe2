package io.github.obskit.core.logging;

import io.github.obskit.core.tracing.ContentCapture;
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
 * events.event("job_retry").field("job_id", jobId).field("attempt", 2).level(Level.WARN).log();
 * }</pre>
 *
 * <p>{@link #event(String)} returns a {@link LogEvent} to add fields or change the level before
 * {@link LogEvent#log()}; fields are written in the order they are added. The event types and
 * fields of a domain belong to the module that owns it (obs-upload's {@code
 * document_processing}, obs-rag's {@code rag_query}, obs-servlet's {@code http_request}). Every
 * event carries {@value LogFields#EVENT_TYPE}, {@value LogFields#TRACE_ID} and {@value
 * LogFields#SPAN_ID} (when a span is current), and durations as {@value LogFields#DURATION_MS}.
 * The backend adds {@code @timestamp}. Content (query, prompt, completion text) is written only
 * as the {@link ContentCapture} policy allows; by default it is not written at all.
 *
 * <p>Immutable and thread-safe; the events it returns are not shared between threads.
 */
public final class StructuredLogger {

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
}
