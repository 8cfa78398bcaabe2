package io.github.obskit.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Finds the one series of a name that a recording went into, to pre-bind it as a baseline. */
final class Recorded {

    private Recorded() {
    }

    static Counter counter(MeterRegistry registry, String name) {
        return registry.get(name).counters().stream().filter(c -> c.count() > 0).findFirst()
                .orElseThrow(() -> new IllegalStateException("nothing recorded in " + name));
    }

    static Timer timer(MeterRegistry registry, String name) {
        return registry.get(name).timers().stream().filter(t -> t.count() > 0).findFirst()
                .orElseThrow(() -> new IllegalStateException("nothing recorded in " + name));
    }

    static DistributionSummary summary(MeterRegistry registry, String name) {
        return registry.get(name).summaries().stream().filter(s -> s.count() > 0).findFirst()
                .orElseThrow(() -> new IllegalStateException("nothing recorded in " + name));
    }
}
