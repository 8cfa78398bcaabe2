package io.github.obskit.rag.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/** Marks spans as failed the way the OpenTelemetry semantic conventions describe. */
public final class SpanFailures {

    private SpanFailures() {
    }

    /**
     * Returns the {@code error.type} of a failure: the exception's fully qualified class name.
     *
     * @param error the failure, possibly {@code null}
     * @return the class name, or {@code _OTHER} without an exception
     */
    public static String errorType(Throwable error) {
        return error != null ? error.getClass().getName() : "_OTHER";
    }

    /**
     * Sets ERROR status and {@code error.type} on a span and records the exception as a span
     * event when {@code recordException} is set.
     *
     * @param span the span
     * @param error the failure, possibly {@code null}
     * @param recordException whether to add the exception event (only where it happened)
     */
    public static void mark(Span span, Throwable error, boolean recordException) {
        span.setStatus(StatusCode.ERROR);
        span.setAttribute(RagAttributes.ERROR_TYPE, errorType(error));
        if (recordException && error != null) {
            span.recordException(error);
        }
    }
}
