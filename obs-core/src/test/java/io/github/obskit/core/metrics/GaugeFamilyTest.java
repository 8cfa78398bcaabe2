package io.github.obskit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** Gauges as families: settable, counted, and state-bound (weak and strong). */
class GaugeFamilyTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aSettableGaugeHasOneValuePerSeries() {
        GaugeFamily satisfaction = MeterFamilies.of(registry).gaugeFamily(SampleMeters.SATISFACTION);

        satisfaction.get("alice").set(4.5);
        satisfaction.get("bob").set(2);
        satisfaction.get("alice").set(3.5);

        assertThat(registry.get("sample.satisfaction").tag("user_id", "alice").gauge().value())
                .isEqualTo(3.5);
        assertThat(registry.get("sample.satisfaction").tag("user_id", "bob").gauge().value())
                .isEqualTo(2);
        assertThat(satisfaction.get("alice")).isSameAs(satisfaction.get(new String("alice")));
    }

    @Test
    void settableGaugeTagsGoThroughTheKeysBounds() {
        GaugeFamily satisfaction = MeterFamilies.of(registry, TagPolicies.builder()
                .policy("user_id", TagPolicy.bounded(3)).build()).gaugeFamily(SampleMeters.SATISFACTION);

        for (int i = 0; i < 10; i++) {
            satisfaction.get("user-" + i).set(i);
        }

        assertThat(registry.find("sample.satisfaction").gauges()).hasSize(4);
        assertThat(registry.get("sample.satisfaction").tag("user_id", "other").gauge().value())
                .as("the last value set in the fallback series").isEqualTo(9);
        assertThat(registry.get("obskit.cardinality.overflow").tags("metric", "sample.satisfaction",
                "key", "user_id").counter().count()).isEqualTo(7);
    }

    @Test
    void aCountedGaugeGoesUpAndDownAndTwoRecordersShareIt() {
        GaugeFamily sessions = MeterFamilies.of(registry).gaugeFamily(SampleMeters.ACTIVE_SESSIONS);
        GaugeFamily sameMetricElsewhere =
                MeterFamilies.of(registry).gaugeFamily(SampleMeters.ACTIVE_SESSIONS);

        sessions.get().increment();
        sessions.get().increment();
        sameMetricElsewhere.get().increment();
        sessions.get().decrement();
        sameMetricElsewhere.get().add(10);

        assertThat(registry.find("sample.active.sessions").gauges()).hasSize(1);
        assertThat(registry.get("sample.active.sessions").gauge().value()).isEqualTo(12);
        assertThat(sessions.get().value()).isEqualTo(12);
    }

    @Test
    void gaugeFamilyValuesSurviveGarbageCollection() {
        MeterFamilies.of(registry).gaugeFamily(SampleMeters.SATISFACTION).get("alice").set(4);

        collectGarbage();

        assertThat(registry.get("sample.satisfaction").tag("user_id", "alice").gauge().value())
                .isEqualTo(4);
    }

    @Test
    void aStrongGaugeKeepsStateNothingElseReferencesWhileAWeakOneLosesIt() {
        MeterFamilies families = MeterFamilies.of(registry);
        families.strongGauge(SampleMeters.QUEUE_SIZE, queueOf(3), Queue::size);
        Gauge weak = families.gauge(SampleMeters.STORAGE_SIZE, queueOf(5), Queue::size);

        collectGarbage();

        assertThat(registry.get("sample.queue.size").gauge().value()).isEqualTo(3);
        assertThat(weak.value()).as("state held only weakly by its gauge is collected").isNaN();
    }

    private static Queue<String> queueOf(int size) {
        Queue<String> queue = new ArrayDeque<>();
        for (int i = 0; i < size; i++) {
            queue.add("job-" + i);
        }
        return queue;
    }

    private static void collectGarbage() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
