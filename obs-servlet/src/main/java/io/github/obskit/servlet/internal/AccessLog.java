package io.github.obskit.servlet.internal;

import io.github.obskit.core.internal.OnceLogger;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes the {@code http_request} event, one per request, at INFO through SLF4J's key-value API:
 * {@code event_type}, {@code method}, {@code endpoint}, {@code status}, {@code duration_ms},
 * {@code trace_id}, {@code span_id}, plus {@code error_type} on failure and {@code user_id}
 * when the application supplies one. Never throws.
 */
public final class AccessLog {

    /** The logger the event is written to. */
    public static final String LOGGER_NAME = "io.github.obskit.servlet.access";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

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
     * @param spanContext the server span's context; its ids are logged when valid
     * @param errorType the error type of a failed request, or {@code null}
     */
    void log(HttpServletRequest request, String method, String endpoint, int status,
            long durationNanos, SpanContext spanContext, String errorType) {
        try {
            if (!LOG.isInfoEnabled()) {
                return;
            }
            double durationMs = Math.round(durationNanos / 1_000d) / 1_000d;
            LoggingEventBuilder event = LOG.atInfo()
                    .setMessage(method + ' ' + endpoint + ' ' + status + ' ' + durationMs + " ms")
                    .addKeyValue("event_type", "http_request")
                    .addKeyValue("method", method)
                    .addKeyValue("endpoint", endpoint)
                    .addKeyValue("status", status)
                    .addKeyValue("duration_ms", durationMs);
            if (spanContext != null && spanContext.isValid()) {
                event = event.addKeyValue("trace_id", spanContext.getTraceId())
                        .addKeyValue("span_id", spanContext.getSpanId());
            }
            if (errorType != null) {
                event = event.addKeyValue("error_type", errorType);
            }
            String user = userId(request);
            if (user != null) {
                event = event.addKeyValue("user_id", user);
            }
            event.log();
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
