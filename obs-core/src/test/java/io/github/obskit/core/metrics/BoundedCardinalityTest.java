package io.github.obskit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BoundedCardinalityTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    private final Logger cardinalityLogger =
            (Logger) LoggerFactory.getLogger("io.github.obskit.cardinality");

    @BeforeEach
    void captureWarnings() {
        warnings.start();
        cardinalityLogger.addAppender(warnings);
    }

    @AfterEach
    void release() {
        cardinalityLogger.detachAppender(warnings);
    }

    @Test
    void hundredThousandDistinctValuesKeepAtMostLimitPlusOneSeriesAndExactTotals() {
        MeterFamily<Counter> requests = MeterFamilies.of(registry, TagPolicies.builder()
                        .policy("user_id", TagPolicy.bounded(100)).build())
                .counter(SampleMeters.REQUESTS);

        for (int i = 0; i < 100_000; i++) {
            requests.get("GET", "success", "user-" + i).increment();
        }

        Collection<Counter> series = registry.find("sample.requests").counters();
        assertThat(series).hasSize(101);
        assertThat(series.stream().mapToDouble(Counter::count).sum()).isEqualTo(100_000d);
        assertThat(registry.get("sample.requests").tag("user_id", "other").counter().count())
                .isEqualTo(99_900d);
        assertThat(registry.get("sample.requests").tag("user_id", "user-0").counter().count())
                .isEqualTo(1d);
        assertThat(registry.get("obskit.cardinality.overflow")
                .tag("metric", "sample.requests").tag("key", "user_id").counter().count())
                .isEqualTo(99_900d);

        assertThat(warnings.list).hasSize(1);
        ILoggingEvent warning = warnings.list.get(0);
        assertThat(warning.getLevel()).isEqualTo(Level.WARN);
        assertThat(warning.getFormattedMessage())
                .contains("user_id").contains("sample.requests").contains("100");
    }

    @Test
    void threadsRecordingTheSameNewValueForTheLastSlotAllGetItsSeries() throws Exception {
        MeterFamily<Counter> requests = MeterFamilies.of(registry, TagPolicies.builder()
                        .policy("user_id", TagPolicy.bounded(1)).build())
                .counter(SampleMeters.REQUESTS);
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        requests.get("GET", "success", "the-one").increment();
                    }
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(registry.find("sample.requests").counters()).hasSize(1);
        assertThat(registry.get("sample.requests").tag("user_id", "the-one").counter().count())
                .isEqualTo((double) threads * perThread);
        assertThat(registry.get("obskit.cardinality.overflow").counter().count()).isZero();
        assertThat(warnings.list).isEmpty();
    }

    @Test
    void overflowCounterIsRegisteredAtZeroForEveryBoundedKey() {
        MeterFamilies.of(registry).counter(SampleMeters.REQUESTS);

        assertThat(registry.get("obskit.cardinality.overflow")
                .tag("metric", "sample.requests").tag("key", "user_id").counter().count())
                .isZero();
        assertThat(registry.find("obskit.cardinality.overflow").tag("key", "method").counter())
                .isNull();
    }

    @Test
    void concurrentRecordersNeitherLoseCountsNorExceedTheLimit() throws Exception {
        MeterFamily<Counter> requests = MeterFamilies.of(registry, TagPolicies.builder()
                        .policy("user_id", TagPolicy.bounded(50)).build())
                .counter(SampleMeters.REQUESTS);
        int threads = 8;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        requests.get("POST", "error", "u" + ((thread * 31 + i) % 400)).increment();
                    }
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        Collection<Counter> series = registry.find("sample.requests").counters();
        assertThat(series.size()).isLessThanOrEqualTo(51);
        assertThat(series.stream().mapToDouble(Counter::count).sum())
                .isEqualTo((double) threads * perThread);
        assertThat(warnings.list).hasSize(1);
    }
}
