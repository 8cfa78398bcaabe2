package io.github.obskit.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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

/** Raw Micrometer and the JDK: what a recording costs with no obskit in the way. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
public class MetricBaselines {

    /** The HTTP buckets obskit's request timers use (Buckets.HTTP_SECONDS), as Micrometer SLOs. */
    static final Duration[] HTTP_SLOS = seconds(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5,
            0.75, 1, 2.5, 5, 7.5, 10);

    private final LongAdder adder = new LongAdder();
    private MeterRegistry registry;
    private Counter counter;
    private Timer timer;
    private Timer bucketedTimer;
    private DistributionSummary summary;
    private final Duration elapsed = Duration.ofMillis(42);
    private final Tags fourTags = Tags.of("method", "POST", "endpoint", "/documents", "status", "201",
            "outcome", "SUCCESS");

    @Setup
    public void setUp() {
        registry = BenchSupport.registry();
        counter = Counter.builder("baseline.requests").tag("method", "POST").register(registry);
        timer = Timer.builder("baseline.duration").tag("method", "POST").register(registry);
        bucketedTimer = Timer.builder("baseline.bucketed.duration").tag("method", "POST")
                .serviceLevelObjectives(HTTP_SLOS).register(registry);
        summary = DistributionSummary.builder("baseline.size").tag("method", "POST").register(registry);
        registry.counter("baseline.per.call", fourTags);
    }

    @Benchmark
    public void longAdderIncrement() {
        adder.increment();
    }

    @Benchmark
    public void counterPreBound() {
        counter.increment();
    }

    @Benchmark
    public void timerPreBound() {
        timer.record(elapsed);
    }

    @Benchmark
    public void timerPreBoundWithBuckets() {
        bucketedTimer.record(elapsed);
    }

    @Benchmark
    public void summaryPreBound() {
        summary.record(4096);
    }

    /** The per-call lookup LangChain4j's micrometer module and hand-written code do. */
    @Benchmark
    public void registryCounterPerCall() {
        registry.counter("baseline.per.call", "method", "POST", "endpoint", "/documents", "status", "201",
                "outcome", "SUCCESS").increment();
    }

    static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos((long) (values[i] * 1e9));
        }
        return durations;
    }
}
