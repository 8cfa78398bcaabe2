package io.github.obskit.core.logging;

/**
 * The names of the generic fields obskit's log events write: those on every event, and those of
 * the operation model and the HTTP access log. A domain module keeps its own fields (obs-upload's
 * {@code UploadLogFields}, obs-rag's {@code RagLogFields}). Durations carry their unit in the
 * name. Standard fields of the JSON layout ({@code @timestamp}, {@code message}, {@code level}, ...)
 * come from the backend and are not repeated here.
 */
public final class LogFields {

    /** The event type, e.g. {@code http_request}; on every event. */
    public static final String EVENT_TYPE = "event_type";

    /** The 32-hex-digit trace id of the current span; present when a span is current. */
    public static final String TRACE_ID = "trace_id";

    /** The 16-hex-digit span id of the current span; present when a span is current. */
    public static final String SPAN_ID = "span_id";

    /** The user the event concerns. */
    public static final String USER_ID = "user_id";

    /** The duration of the operation, in milliseconds (a decimal number). */
    public static final String DURATION_MS = "duration_ms";

    /** The HTTP method. */
    public static final String METHOD = "method";

    /** The endpoint (route template) of an HTTP request. */
    public static final String ENDPOINT = "endpoint";

    /** The outcome: an HTTP status code (a number) or a status word such as {@code success}. */
    public static final String STATUS = "status";

    /** {@code error_type}: the class of the failure (exception class, error code), on failure. */
    public static final String ERROR_TYPE = "error_type";

    /**
     * The prefix of an event field whose name is already taken by an MDC entry with a different
     * value, so that the JSON object never holds the same key twice.
     */
    public static final String MDC_CONFLICT_PREFIX = "event_";

    private LogFields() {
    }
}
