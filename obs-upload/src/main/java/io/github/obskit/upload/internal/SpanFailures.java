package io.github.obskit.upload.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/** Marks spans as failed the way the OpenTelemetry semantic conventions describe. */
public final class SpanFailures {

    private SpanFailures() {
    }

    /**
     * Sets ERROR status and {@code error.type} (the exception's class name) on a span, and
     * records the exception as a span event when {@code recordException} is set.
     *
     * @param span the span
     * @param error the failure, possibly {@code null}
     * @param category the application-level error class, used as the status description
     * @param recordException whether to add the exception event (only on the span where it
     *     happened, not on every ancestor)
     */
    public static void mark(Span span, Throwable error, String category, boolean recordException) {
        span.setStatus(StatusCode.ERROR, category);
        span.setAttribute(UploadAttributes.ERROR_TYPE,
                error != null ? error.getClass().getName() : "_OTHER");
        if (recordException && error != null) {
            span.recordException(error);
        }
    }
}
