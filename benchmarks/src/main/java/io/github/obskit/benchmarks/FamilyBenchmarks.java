package io.github.obskit.benchmarks;

import io.github.obskit.core.metrics.MeterFamilies;
import io.github.obskit.core.metrics.MeterFamily;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * obs-core's MeterFamily: a closed-set counter looked up and incremented, a bounded key under a
 * value it has seen, and a full bound (the overflow path); the pre-bound counter of the same
 * series as the baseline, single-threaded and with 2 threads on one series.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
public class FamilyBenchmarks {

    private static final String[] OVERFLOW_USERS = {"u3", "u4", "u5", "u6", "u7", "u8", "u9", "u10"};

    private MeterFamily<Counter> requests;
    private MeterFamily<Counter> reads;
    private MeterFamily<Counter> overflowing;
    private Counter preBound;
    private int next;

    @Setup
    public void setUp() {
        MeterRegistry registry = BenchSupport.registry();
        MeterFamilies families = MeterFamilies.of(registry);
        requests = families.counter(BenchMeters.REQUESTS);
        reads = families.counter(BenchMeters.READS);
        overflowing = families.counter(BenchMeters.OVERFLOWING);
        requests.get("POST", "success").increment();
        reads.get("alice").increment();
        overflowing.get("u1").increment();
        overflowing.get("u2").increment();
        overflowing.get("u3").increment();
        preBound = registry.get("bench.requests").tag("method", "POST").tag("status", "success").counter();
    }

    @Benchmark
    public void closedSetCounter() {
        requests.get("POST", "success").increment();
    }

    @Benchmark
    public void closedSetCounterPreBound() {
        preBound.increment();
    }

    @Benchmark
    public void boundedSeen() {
        reads.get("alice").increment();
    }

    @Benchmark
    public void boundedOverflow() {
        overflowing.get(OVERFLOW_USERS[next++ & 7]).increment();
    }

    @Benchmark
    @Threads(2)
    public void closedSetCounter2Threads() {
        requests.get("POST", "success").increment();
    }

    @Benchmark
    @Threads(2)
    public void closedSetCounterPreBound2Threads() {
        preBound.increment();
    }
}
