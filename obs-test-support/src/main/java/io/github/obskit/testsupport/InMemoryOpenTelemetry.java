package io.github.obskit.testsupport;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real OpenTelemetry SDK that exports every ended span to memory, with W3C trace-context
 * propagation, for tests. Close it to shut the SDK down.
 */
public final class InMemoryOpenTelemetry implements AutoCloseable {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    /**
     * Returns the SDK, to pass to the code under test.
     *
     * @return the OpenTelemetry instance
     */
    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    /**
     * Returns every span ended so far.
     *
     * @return the spans in the order they ended
     */
    public List<SpanData> spans() {
        return exporter.getFinishedSpanItems();
    }

    /**
     * Returns the one ended span with this name.
     *
     * @param name the span name
     * @return the span
     * @throws AssertionError when there is not exactly one
     */
    public SpanData span(String name) {
        List<SpanData> matching = spans().stream().filter(s -> s.getName().equals(name))
                .collect(Collectors.toList());
        if (matching.size() != 1) {
            throw new AssertionError("expected one span named " + name + " but found "
                    + matching.size() + " in " + spans());
        }
        return matching.get(0);
    }

    /** Forgets the spans ended so far. */
    public void reset() {
        exporter.reset();
    }

    @Override
    public void close() {
        sdk.close();
    }
}
