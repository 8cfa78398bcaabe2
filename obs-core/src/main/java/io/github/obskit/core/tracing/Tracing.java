package io.github.obskit.core.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import java.util.Map;
import java.util.Objects;

/**
 * Starts spans on the application's {@link OpenTelemetry} instance.
 *
 * <pre>{@code
 * Tracing tracing = Tracing.create(openTelemetry);
 * try (SpanScope span = tracing.span("document_upload")
 *         .attribute(SpanAttributeKeys.USER_ID, userId)
 *         .start()) {
 *     store(document);
 *     span.success();
 * } // ended here; ERROR if success() was not reached
 * }</pre>
 *
 * <p>The tracer's instrumentation scope is {@value #DEFAULT_INSTRUMENTATION_NAME} unless another
 * name is given; its version is the obs-core version when the jar manifest declares it. Nothing
 * here reads {@code GlobalOpenTelemetry}. Instances are immutable and thread-safe.
 */
public final class Tracing {

    /** The instrumentation scope name used by {@link #create(OpenTelemetry)}. */
    public static final String DEFAULT_INSTRUMENTATION_NAME = "io.github.obskit";

    private final Tracer tracer;

    private Tracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * Creates the helpers with the instrumentation scope {@value #DEFAULT_INSTRUMENTATION_NAME}.
     *
     * @param openTelemetry the application's instance; {@link OpenTelemetry#noop()} records
     *     nothing
     * @return the helpers
     */
    public static Tracing create(OpenTelemetry openTelemetry) {
        return create(openTelemetry, DEFAULT_INSTRUMENTATION_NAME);
    }

    /**
     * Creates the helpers with a given instrumentation scope name, such as the name of the obskit
     * module that starts the spans.
     *
     * @param openTelemetry the application's instance; {@link OpenTelemetry#noop()} records
     *     nothing
     * @param instrumentationName the instrumentation scope name
     * @return the helpers
     */
    public static Tracing create(OpenTelemetry openTelemetry, String instrumentationName) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        Objects.requireNonNull(instrumentationName, "instrumentationName");
        TracerBuilder builder = openTelemetry.tracerBuilder(instrumentationName);
        String version = Tracing.class.getPackage().getImplementationVersion();
        if (version != null) {
            builder.setInstrumentationVersion(version);
        }
        return new Tracing(builder.build());
    }

    /**
     * Returns the tracer, for code that needs the plain OpenTelemetry API.
     *
     * @return the tracer all spans of this instance are started on
     */
    public Tracer tracer() {
        return tracer;
    }

    /**
     * Prepares an {@link io.opentelemetry.api.trace.SpanKind#INTERNAL INTERNAL} span, child of
     * the current context unless the starter says otherwise.
     *
     * @param name the span name, low cardinality ({@code null} becomes {@code "unknown"})
     * @return a starter to add attributes, parent and links, then {@link SpanStarter#start()}
     */
    public SpanStarter span(String name) {
        return new SpanStarter(tracer, name);
    }

    /**
     * Starts an {@link io.opentelemetry.api.trace.SpanKind#INTERNAL INTERNAL} span, child of the
     * current context, and makes it current. Same as {@code span(name).start()}.
     *
     * @param name the span name, low cardinality ({@code null} becomes {@code "unknown"})
     * @return the handle; close it (try-with-resources) to end the span
     */
    public SpanScope start(String name) {
        return span(name).start();
    }

    /**
     * Prepares the span of a worker that processes a job stored earlier, possibly in another
     * process and hours ago: a {@link SpanKind#CONSUMER CONSUMER} span that starts a new trace
     * and links to the context stored with the job by {@link JobTraceContext#capture()}. A
     * missing or malformed stored context gives a span without link.
     *
     * @param name the span name, low cardinality ({@code null} becomes {@code "unknown"})
     * @param storedContext the map stored with the job, possibly {@code null}
     * @return a starter; call {@link SpanStarter#parent(io.opentelemetry.context.Context)} on it
     *     to keep the worker's own current span as parent instead of starting a new trace
     */
    public SpanStarter jobSpan(String name, Map<String, String> storedContext) {
        return span(name).kind(SpanKind.CONSUMER).noParent().linkTo(storedContext);
    }
}
