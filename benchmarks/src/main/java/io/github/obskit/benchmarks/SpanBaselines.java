package io.github.obskit.benchmarks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Raw OpenTelemetry: one span started, made current and ended. */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
public class SpanBaselines {

    private Tracer noop;
    private OpenTelemetrySdk sampledSdk;
    private OpenTelemetrySdk unsampledSdk;
    private Tracer sampled;
    private Tracer unsampled;

    @Setup
    public void setUp() {
        noop = BenchSupport.noop().getTracer("bench");
        sampledSdk = BenchSupport.sdk(true);
        unsampledSdk = BenchSupport.sdk(false);
        sampled = sampledSdk.getTracer("bench");
        unsampled = unsampledSdk.getTracer("bench");
    }

    @TearDown
    public void tearDown() {
        sampledSdk.close();
        unsampledSdk.close();
    }

    @Benchmark
    public void noopSpan() {
        span(noop);
    }

    @Benchmark
    public void sdkSpanSampled() {
        span(sampled);
    }

    @Benchmark
    public void sdkSpanNotSampled() {
        span(unsampled);
    }

    static void span(Tracer tracer) {
        Span span = tracer.spanBuilder("rag_query").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            span.setAttribute("user_id", "alice");
        } finally {
            span.end();
        }
    }
}
