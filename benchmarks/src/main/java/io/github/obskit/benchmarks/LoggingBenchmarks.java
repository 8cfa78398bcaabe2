package io.github.obskit.benchmarks;

import io.github.obskit.core.logging.StructuredLogger;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;

/**
 * One structured event (6 key-values: event_type and 5 fields) through obs-core's
 * StructuredLogger and through SLF4J's fluent API by hand, both to logback + LogstashEncoder
 * writing to a stream that discards the bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
public class LoggingBenchmarks {

    private final Duration elapsed = Duration.ofMillis(42);
    private Logger raw;
    private StructuredLogger structured;

    @Setup
    public void setUp() {
        raw = BenchSupport.jsonToNullStream("bench.log.raw");
        structured = StructuredLogger.create(BenchSupport.jsonToNullStream("bench.log.structured"));
    }

    /** The logback baseline: 6 key-values, LogstashEncoder, null stream. */
    @Benchmark
    public void rawLogback() {
        raw.atInfo().setMessage("rag_query")
                .addKeyValue("event_type", "rag_query")
                .addKeyValue("query_id", "q-1")
                .addKeyValue("user_id", "alice")
                .addKeyValue("chunks_retrieved", 5L)
                .addKeyValue("status", "success")
                .addKeyValue("duration_ms", elapsed.toNanos() / 1e6)
                .log();
    }

    @Benchmark
    public void structuredEvent() {
        structured.event("rag_query")
                .field("query_id", "q-1")
                .userId("alice")
                .field("chunks_retrieved", 5L)
                .field("status", "success")
                .duration(elapsed)
                .log();
    }
}
