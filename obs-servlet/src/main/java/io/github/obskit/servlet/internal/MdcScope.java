package io.github.obskit.servlet.internal;

import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;

/**
 * Puts a span's trace and span ids into the SLF4J MDC ({@code trace_id}, {@code span_id}) and,
 * on {@link #close()}, puts back whatever the thread had there before. Never throws.
 */
public final class MdcScope implements AutoCloseable {

    /** The MDC key of the trace id. */
    public static final String TRACE_ID = "trace_id";

    /** The MDC key of the span id. */
    public static final String SPAN_ID = "span_id";

    private static final MdcScope NOOP = new MdcScope(false, null, null);

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
        try {
            String previousTrace = MDC.get(TRACE_ID);
            String previousSpan = MDC.get(SPAN_ID);
            MDC.put(TRACE_ID, spanContext.getTraceId());
            MDC.put(SPAN_ID, spanContext.getSpanId());
            return new MdcScope(true, previousTrace, previousSpan);
        } catch (RuntimeException e) {
            return NOOP;
        }
    }

    @Override
    public void close() {
        if (!active) {
            return;
        }
        try {
            restore(TRACE_ID, previousTraceId);
            restore(SPAN_ID, previousSpanId);
        } catch (RuntimeException ignored) {
            // A failing MDC adapter must not break the request.
        }
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
