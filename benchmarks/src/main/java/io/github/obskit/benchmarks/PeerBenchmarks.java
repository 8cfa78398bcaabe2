package io.github.obskit.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
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

/**
 * Peers doing the job of one RAG query's metrics (a count and a duration by query type and
 * status): Micrometer's Observation API with DefaultMeterObservationHandler, the path Spring AI
 * takes. Compare with FacadeBenchmarks.ragQueryLoggerOff (which also handles a span).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
public class PeerBenchmarks {

    private ObservationRegistry observations;

    @Setup
    public void setUp() {
        MeterRegistry registry = BenchSupport.registry();
        observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
    }

    @Benchmark
    public void observationWithMeterHandler() {
        Observation.createNotStarted("rag.query", observations)
                .lowCardinalityKeyValue("query_type", "semantic")
                .lowCardinalityKeyValue("status", "success")
                .highCardinalityKeyValue("user_id", "alice")
                .observe(() -> { });
    }
}
