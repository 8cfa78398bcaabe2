package io.github.obskit.core.logging;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.tracing.ContentCapture;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured log event being built; {@link #log()} writes it. Obtained from {@link
 * StructuredLogger}.
 *
 * <p>Defaults: level INFO, message = the event type, no exception. Fields keep the order they
 * were added in; adding a field twice keeps the last value; {@code null} values and non-finite
 * numbers are left out. {@value LogFields#EVENT_TYPE}, {@value LogFields#TRACE_ID} and {@value
 * LogFields#SPAN_ID} are written by the event itself and cannot be set as fields.
 *
 * <p>The JSON object never has the same key twice. {@value LogFields#TRACE_ID} and {@value
 * LogFields#SPAN_ID} are those of the span current when the event is logged: if the MDC already
 * holds them (put there by a servlet filter for the request's span, or by OpenTelemetry's logback
 * instrumentation), the MDC entries are replaced for this one call and restored afterwards. For
 * any other field the MDC already holds, an equal value is not repeated and a different one is
 * written as {@value LogFields#MDC_CONFLICT_PREFIX}{@code <key>}.
 *
 * <p>An event is written at most once, on the thread that calls {@link #log()} (the current span
 * is read there). Methods never throw; a failing logging backend is reported once.
 */
public final class LogEvent {

    private final Logger logger;
    private final ContentCapture contentCapture;
    private final String eventType;
    // Two parallel arrays instead of a LinkedHashMap: an event has a handful of fields, so a
    // linear search to replace a repeated key is cheaper than a map's entries and table.
    private String[] keys = new String[8];
    private Object[] values = new Object[8];
    private int size;
    private Level level = Level.INFO;
    private String message;
    private Throwable cause;
    private boolean logged;

    LogEvent(Logger logger, ContentCapture contentCapture, String eventType) {
        this.logger = logger;
        this.contentCapture = contentCapture;
        this.eventType = eventType == null || eventType.isBlank() ? "unknown" : eventType;
    }

    /**
     * Returns the event type written as {@value LogFields#EVENT_TYPE}.
     *
     * @return the event type
     */
    public String eventType() {
        return eventType;
    }

    /**
     * Sets the level.
     *
     * @param level the level; {@code null} keeps the current one (INFO by default)
     * @return this event
     */
    public LogEvent level(Level level) {
        if (level != null) {
            this.level = level;
        }
        return this;
    }

    /**
     * Sets the human-readable message.
     *
     * @param message the message; {@code null} keeps the default, the event type
     * @return this event
     */
    public LogEvent message(String message) {
        this.message = message;
        return this;
    }

    /**
     * Attaches an exception, written by the backend (with logback's JSON encoder, as {@code
     * stack_trace}). Does not change the level.
     *
     * @param cause the exception, possibly {@code null}
     * @return this event
     */
    public LogEvent cause(Throwable cause) {
        this.cause = cause;
        return this;
    }

    /**
     * Adds a text field.
     *
     * @param key the field name
     * @param value the value; {@code null} leaves the field out
     * @return this event
     */
    public LogEvent field(String key, String value) {
        return put(key, value);
    }

    /**
     * Adds an integer field.
     *
     * @param key the field name
     * @param value the value
     * @return this event
     */
    public LogEvent field(String key, long value) {
        return put(key, value);
    }

    /**
     * Adds a decimal field.
     *
     * @param key the field name
     * @param value the value; NaN and infinities leave the field out
     * @return this event
     */
    public LogEvent field(String key, double value) {
        return Double.isFinite(value) ? put(key, value) : this;
    }

    /**
     * Adds a boolean field.
     *
     * @param key the field name
     * @param value the value
     * @return this event
     */
    public LogEvent field(String key, boolean value) {
        return put(key, value);
    }

    /**
     * Adds {@value LogFields#USER_ID}.
     *
     * @param userId the user; {@code null} leaves the field out
     * @return this event
     */
    public LogEvent userId(String userId) {
        return put(LogFields.USER_ID, userId);
    }

    /**
     * Adds {@value LogFields#DURATION_MS}, the duration in milliseconds.
     *
     * @param duration the duration; {@code null} leaves the field out
     * @return this event
     */
    public LogEvent duration(Duration duration) {
        return duration(LogFields.DURATION_MS, duration);
    }

    /**
     * Adds a duration in milliseconds under a name that should end with {@code _ms}, e.g.
     * {@code queue_wait_ms}.
     *
     * @param key the field name
     * @param duration the duration; {@code null} leaves the field out
     * @return this event
     */
    public LogEvent duration(String key, Duration duration) {
        if (duration == null) {
            return this;
        }
        return put(key, toMillis(duration));
    }

    /**
     * Adds a content field (query, prompt, completion text) if and as far as the logger's
     * {@link ContentCapture} policy allows: left out when capture is off (the default),
     * truncated otherwise.
     *
     * @param key the field name, e.g. {@code query_text}
     * @param text the content, possibly {@code null}
     * @return this event
     */
    public LogEvent content(String key, String text) {
        return put(key, contentCapture.apply(text));
    }

    /** Writes the event, once; later calls do nothing. */
    public void log() {
        if (logged) {
            return;
        }
        logged = true;
        try {
            if (!logger.isEnabledForLevel(level)) {
                return;
            }
            LoggingEventBuilder builder = logger.atLevel(level).setMessage(message == null ? eventType : message);
            addKeyValue(builder, LogFields.EVENT_TYPE, eventType);
            for (int i = 0; i < size; i++) {
                addKeyValue(builder, keys[i], values[i]);
            }
            if (cause != null) {
                builder.setCause(cause);
            }
            SpanContext span = Span.current().getSpanContext();
            if (!span.isValid()) {
                builder.log();
                return;
            }
            // The ids of the span current now win over ids an outer layer (a servlet filter, the
            // OpenTelemetry logback instrumentation) put in the MDC for an enclosing span: an MDC
            // entry is replaced for this one call and restored, a missing one becomes a field.
            String mdcTraceId = MDC.get(LogFields.TRACE_ID);
            String mdcSpanId = MDC.get(LogFields.SPAN_ID);
            if (mdcTraceId == null) {
                builder.addKeyValue(LogFields.TRACE_ID, span.getTraceId());
            } else {
                MDC.put(LogFields.TRACE_ID, span.getTraceId());
            }
            if (mdcSpanId == null) {
                builder.addKeyValue(LogFields.SPAN_ID, span.getSpanId());
            } else {
                MDC.put(LogFields.SPAN_ID, span.getSpanId());
            }
            try {
                builder.log();
            } finally {
                if (mdcTraceId != null) {
                    MDC.put(LogFields.TRACE_ID, mdcTraceId);
                }
                if (mdcSpanId != null) {
                    MDC.put(LogFields.SPAN_ID, mdcSpanId);
                }
            }
        } catch (RuntimeException e) {
            OnceLogger.warn("logging.event." + eventType, "Could not write the " + eventType + " log event", e);
        }
    }

    private LogEvent put(String key, Object value) {
        if (key == null || key.isEmpty() || value == null) {
            return this;
        }
        if (isReserved(key)) {
            OnceLogger.warn("logging.reserved-field." + key,
                    "Log event field '" + key + "' is written by obskit itself; the value given is ignored", null);
            return this;
        }
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                values[i] = value; // the last value wins, in the first one's place
                return this;
            }
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        return this;
    }

    private static boolean isReserved(String key) {
        return key.equals(LogFields.EVENT_TYPE) || key.equals(LogFields.TRACE_ID) || key.equals(LogFields.SPAN_ID);
    }

    private static void addKeyValue(LoggingEventBuilder builder, String key, Object value) {
        String inMdc = MDC.get(key);
        if (inMdc == null) {
            builder.addKeyValue(key, value);
        } else if (!Objects.equals(inMdc, String.valueOf(value))) {
            builder.addKeyValue(LogFields.MDC_CONFLICT_PREFIX + key, value);
        }
    }

    private static double toMillis(Duration duration) {
        // No exact arithmetic: a huge duration (ChronoUnit.FOREVER) must not throw.
        return duration.getSeconds() * 1000.0 + duration.getNano() / 1_000_000.0;
    }
}
