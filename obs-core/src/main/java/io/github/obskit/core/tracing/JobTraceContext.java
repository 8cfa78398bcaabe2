package io.github.obskit.core.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores the trace context with a persistent job and restores it when a worker picks the job
 * up, possibly in another process after a restart.
 *
 * <p>The stored form is the W3C Trace Context: a map with {@value #TRACEPARENT} and, when the
 * trace has vendor state, {@value #TRACESTATE}, whatever propagators the application configured,
 * so that every version and configuration of a service can read what another wrote. Store it as
 * two columns or as JSON next to the job. The worker's span should link to the stored context
 * rather than be its child (see {@link Tracing#jobSpan(String, Map)}): a trace should not stay
 * open for the hours a job may wait.
 */
public final class JobTraceContext {

    /** The W3C {@code traceparent} key. */
    public static final String TRACEPARENT = "traceparent";

    /** The W3C {@code tracestate} key. */
    public static final String TRACESTATE = "tracestate";

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, String>> MAP_GETTER =
            (carrier, key) -> carrier == null ? null : carrier.get(key);

    private JobTraceContext() {
    }

    /**
     * Captures the current context.
     *
     * @return a new mutable map with {@value #TRACEPARENT} (and {@value #TRACESTATE} when
     *     present); empty when there is no valid current span, e.g. with tracing off
     */
    public static Map<String, String> capture() {
        return capture(Context.current());
    }

    /**
     * Captures the span context held by {@code context}.
     *
     * @param context the context to store; {@code null} gives an empty map
     * @return a new mutable map with {@value #TRACEPARENT} (and {@value #TRACESTATE} when
     *     present); empty when {@code context} holds no valid span
     */
    public static Map<String, String> capture(Context context) {
        Map<String, String> carrier = new LinkedHashMap<>(4);
        if (context != null) {
            W3C.inject(context, carrier, (map, key, value) -> {
                if (map != null && key != null && value != null) {
                    map.put(key, value);
                }
            });
        }
        return carrier;
    }

    /**
     * Restores the span context stored by {@link #capture()}.
     *
     * @param storedContext the stored map, possibly {@code null}
     * @return the stored span context (remote); {@link SpanContext#getInvalid()} when the map is
     *     {@code null}, empty or malformed
     */
    public static SpanContext restore(Map<String, String> storedContext) {
        if (storedContext == null || storedContext.isEmpty()) {
            return SpanContext.getInvalid();
        }
        Map<String, String> carrier = Collections.unmodifiableMap(storedContext);
        Context extracted = W3C.extract(Context.root(), carrier, MAP_GETTER);
        return Span.fromContext(extracted).getSpanContext();
    }
}
