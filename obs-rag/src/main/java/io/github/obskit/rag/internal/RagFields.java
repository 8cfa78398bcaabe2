package io.github.obskit.rag.internal;

import io.github.obskit.core.tracing.SpanScope;

/** Helpers for the failure fields obs-rag writes on metrics, spans and log events. */
public final class RagFields {

    private RagFields() {
    }

    /**
     * Returns the {@code error.type} of a failure, as {@link SpanScope#fail(Throwable)} records
     * it on the span.
     *
     * @param error the failure, possibly {@code null}
     * @return the exception's fully qualified class name, or {@code _OTHER} without one
     */
    public static String errorType(Throwable error) {
        return error != null ? error.getClass().getName() : SpanScope.UNKNOWN_ERROR_TYPE;
    }
}
