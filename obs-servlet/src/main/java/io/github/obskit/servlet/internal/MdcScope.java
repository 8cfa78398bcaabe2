package io.github.obskit.servlet.internal;

import io.github.obskit.core.logging.LogFields;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;

/**
 * Puts a span's trace and span ids into the SLF4J MDC ({@link LogFields#TRACE_ID}, {@link
 * LogFields#SPAN_ID}) and, on {@link #close()}, puts back whatever the thread had there
 * before. Never throws.
 */
public final class MdcScope implements AutoCloseable {

    /** The scope that changed nothing. */
    static final MdcScope NOOP = new MdcScope(false, null, null);

    private final boolean active;
    private final String previousTraceId;
    private final String previousSpanId;

    private MdcScope(boolean active, String previousTraceId, String previousSpanId) {
        this.active = active;
        this.previousTraceId = previousTraceId;
        this.previousSpanId = previousSpanId;
    }

    /**
     * Puts the ids of a valid span context into the MDC.
     *
     * @param spanContext the span's context; an invalid one leaves the MDC alone
     * @return the scope to close when the work on this thread ends
     */
    public static MdcScope open(SpanContext spanContext) {
        if (spanContext == null || !spanContext.isValid()) {
            return NOOP;
        }
        String previousTrace;
        String previousSpan;
        try {
            previousTrace = MDC.get(LogFields.TRACE_ID);
            previousSpan = MDC.get(LogFields.SPAN_ID);
        } catch (RuntimeException e) {
            return NOOP;
        }
        MdcScope scope = new MdcScope(true, previousTrace, previousSpan);
        try {
            MDC.put(LogFields.TRACE_ID, spanContext.getTraceId());
            MDC.put(LogFields.SPAN_ID, spanContext.getSpanId());
            return scope;
        } catch (RuntimeException e) {
            // Undo a half-applied change rather than leave an id on a pooled thread.
            scope.close();
            return NOOP;
        }
    }

    @Override
    public void close() {
        if (!active) {
            return;
        }
        restore(LogFields.TRACE_ID, previousTraceId);
        restore(LogFields.SPAN_ID, previousSpanId);
    }

    private static void restore(String key, String previous) {
        try {
            if (previous == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, previous);
            }
        } catch (RuntimeException ignored) {
            // A failing MDC adapter must not break the request.
        }
    }
}
