package io.github.obskit.upload.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a trace context into, and reads it back from, the {@code Map<String, String>} stored
 * with a queued job, through the {@link OpenTelemetry} instance's text map propagator (W3C
 * {@code traceparent}/{@code tracestate} when the application configured {@code
 * W3CTraceContextPropagator}).
 */
public final class MapCarrier implements TextMapGetter<Map<String, String>>,
        TextMapSetter<Map<String, String>> {

    private static final MapCarrier INSTANCE = new MapCarrier();

    private MapCarrier() {
    }

    /**
     * Serializes {@code context} with the propagators of {@code openTelemetry}.
     *
     * @param openTelemetry supplies the propagators
     * @param context the context to store
     * @return a new mutable map; empty when the propagators write nothing (no-op propagators)
     */
    public static Map<String, String> inject(OpenTelemetry openTelemetry, Context context) {
        Map<String, String> carrier = new LinkedHashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator().inject(context, carrier, INSTANCE);
        return carrier;
    }

    /**
     * Reads a stored context back with the propagators of {@code openTelemetry}.
     *
     * @param openTelemetry supplies the propagators
     * @param carrier the stored map, possibly {@code null}
     * @return the extracted context on top of the root context
     */
    public static Context extract(OpenTelemetry openTelemetry, Map<String, String> carrier) {
        Map<String, String> map = carrier != null ? carrier : Map.of();
        return openTelemetry.getPropagators().getTextMapPropagator()
                .extract(Context.root(), map, INSTANCE);
    }

    @Override
    public void set(Map<String, String> carrier, String key, String value) {
        if (carrier != null && key != null && value != null) {
            carrier.put(key, value);
        }
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
        return carrier != null && key != null ? carrier.get(key) : null;
    }
}
