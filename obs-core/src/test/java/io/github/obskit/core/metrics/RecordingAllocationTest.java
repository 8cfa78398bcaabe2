package io.github.obskit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.testsupport.ThreadAllocation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Counts the bytes the recording thread allocates (an exact per-thread figure from the JVM, not
 * a timing) while it records under tag values it has seen before. The JMH suite guards the same
 * property per operation; this test keeps a regression from reaching it.
 */
class RecordingAllocationTest {

    private static final int OPERATIONS = 200_000;

    @Test
    void recordingSeenValuesDoesNotAllocateOnASimpleRegistry() {
        assertRecordingDoesNotAllocate(new SimpleMeterRegistry());
    }

    @Test
    void recordingSeenValuesDoesNotAllocateOnAPrometheusRegistry() {
        assertRecordingDoesNotAllocate(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @Test
    void recordingSeenValuesThatNeedCleaningDoesNotAllocateEither() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MeterFamily<Counter> requests = MeterFamilies.of(registry).counter(SampleMeters.REQUESTS);
        String[] users = {"u".repeat(300), "say \"hi\"", "line\nbreak", "  padded  "};
        String[] methods = {"GET", "BREW", ""};

        long allocated = ThreadAllocation.bytesAllocatedBy(OPERATIONS,
                i -> requests.get(methods[i % 3], "success", users[i & 3]).increment());

        assertThat(allocated).as("bytes allocated by %d recordings", OPERATIONS)
                .isLessThan(ThreadAllocation.ONE_OFF_ALLOWANCE_BYTES);
        assertThat(registry.get("sample.requests").tag("user_id", "u".repeat(128))
                .tag("method", "GET").counter()).isNotNull();
    }

    @Test
    void recordingValuesPastTheBoundDoesNotAllocate() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MeterFamily<Counter> requests = MeterFamilies.of(registry, TagPolicies.builder()
                .policy("user_id", TagPolicy.bounded(2)).build()).counter(SampleMeters.REQUESTS);
        requests.get("GET", "success", "alice").increment();
        requests.get("GET", "success", "bob").increment();
        String[] late = new String[1_000];
        for (int i = 0; i < late.length; i++) {
            late[i] = "late-user-" + i;
        }

        long allocated = ThreadAllocation.bytesAllocatedBy(OPERATIONS,
                i -> requests.get("GET", "success", late[i % late.length]).increment());

        // ConcurrentHashMap.computeIfAbsent allocated a 32-byte reservation node for every value
        // it rejected: 6.4 MB here before the full-bound fast path.
        assertThat(allocated).as("bytes allocated by %d overflowing recordings", OPERATIONS)
                .isLessThan(ThreadAllocation.ONE_OFF_ALLOWANCE_BYTES);
        assertThat(registry.get("sample.requests").tag("user_id", "other").counter().count())
                .isEqualTo(2.0 * OPERATIONS);
        assertThat(registry.find("sample.requests").counters()).hasSize(3);
    }

    private static void assertRecordingDoesNotAllocate(MeterRegistry registry) {
        MeterFamilies families = MeterFamilies.of(registry);
        MeterFamily<Counter> requests = families.counter(SampleMeters.REQUESTS);
        MeterFamily<Timer> durations = families.timer(SampleMeters.REQUEST_DURATION);
        String[] users = {"alice", "bob", "carol"};
        String[] methods = {"GET", "POST"};
        long allocated = ThreadAllocation.bytesAllocatedBy(OPERATIONS,
                i -> record(requests, durations, methods[i & 1], users[i % 3], i));

        // Allow a few hundred bytes of unrelated one-off allocation (the measurement itself);
        // a per-operation allocation would show up as at least OPERATIONS * 16 bytes.
        assertThat(allocated).as("bytes allocated by %d recordings", OPERATIONS)
                .isLessThan(ThreadAllocation.ONE_OFF_ALLOWANCE_BYTES);
        assertThat(registry.get("sample.requests").counters().stream()
                .mapToDouble(Counter::count).sum()).isEqualTo(2.0 * OPERATIONS);
    }

    private static void record(MeterFamily<Counter> requests, MeterFamily<Timer> durations,
            String method, String user, int i) {
        requests.get(method, "success", user).increment();
        durations.get(method).record(i % 1000, TimeUnit.MICROSECONDS);
    }
}
