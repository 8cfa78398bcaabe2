package io.github.obskit.servlet.internal;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.logging.LogEvent;
import io.github.obskit.core.logging.LogFields;
import io.github.obskit.core.logging.StructuredLogger;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.function.Function;

/**
 * Writes the {@value #EVENT_TYPE} event, one per request, at INFO through obs-core's generic
 * {@link StructuredLogger#event}: {@code event_type}, {@code method}, {@code endpoint}, {@code
 * status} (a number), {@code duration_ms}, {@code user_id} when the application supplies one,
 * in that order (the spec's), then {@code error_type} on failure, and the {@code trace_id} and
 * {@code span_id} of the request's span. Never throws.
 */
public final class AccessLog {

    /** The logger the event is written to. */
    public static final String LOGGER_NAME = "io.github.obskit.servlet.access";

    /** The {@code event_type} of the event: the spec's name, owned by this module. */
    public static final String EVENT_TYPE = "http_request";

    /** The field that carries the error type of a failed request. */
    public static final String ERROR_TYPE = "error_type";

    private static final StructuredLogger EVENTS = StructuredLogger.create(LOGGER_NAME);

    private final Function<? super HttpServletRequest, String> userId;

    /**
     * Creates the access log.
     *
     * @param userId reads the user id of a request, or {@code null} to log none
     */
    public AccessLog(Function<? super HttpServletRequest, String> userId) {
        this.userId = userId;
    }

    /**
     * Logs one finished request.
     *
     * @param request the request, still valid (before the container recycles it)
     * @param method the method as recorded in the metrics
     * @param endpoint the endpoint as recorded in the metrics
     * @param status the status as recorded in the metrics
     * @param durationNanos the request's duration
     * @param context the request's context, made current while the event is written so that
     *     it carries the ids of the request's span
     * @param errorType the error type of a failed request, or {@code null}
     */
    void log(HttpServletRequest request, String method, String endpoint, int status,
            long durationNanos, Context context, String errorType) {
        try {
            if (!EVENTS.logger().isInfoEnabled()) {
                return;
            }
            Duration duration = Duration.ofNanos(durationNanos);
            LogEvent event = EVENTS.event(EVENT_TYPE)
                    .field(LogFields.METHOD, method)
                    .field(LogFields.ENDPOINT, endpoint)
                    .field(LogFields.STATUS, status)
                    .duration(duration)
                    .userId(userId(request))
                    .message(method + ' ' + endpoint + ' ' + status + ' '
                            + Math.round(durationNanos / 1_000d) / 1_000d + " ms")
                    .field(ERROR_TYPE, errorType);
            try (Scope ignored = context.makeCurrent()) {
                event.log();
            }
        } catch (RuntimeException e) {
            OnceLogger.warn("http.access-log", "Could not write the http_request event", e);
        }
    }

    private String userId(HttpServletRequest request) {
        if (userId == null) {
            return null;
        }
        try {
            return userId.apply(request);
        } catch (RuntimeException e) {
            OnceLogger.warn("http.user-id", "The user id function threw; the http_request event "
                    + "is logged without user_id", e);
            return null;
        }
    }
}
