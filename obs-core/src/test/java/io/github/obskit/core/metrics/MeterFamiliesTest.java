package io.github.obskit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MeterFamiliesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void sameTagValuesReturnTheSameMeter() {
        MeterFamily<Counter> requests = MeterFamilies.of(registry).counter(SampleMeters.REQUESTS);

        Counter first = requests.get("GET", "success", "alice");
        Counter second = requests.get("GET", "success", new String("alice"));

        assertThat(second).isSameAs(first);
        assertThat(first.getId().getTags()).containsExactlyInAnyOrder(
                Tag.of("method", "GET"), Tag.of("status", "success"), Tag.of("user_id", "alice"));
    }

    @Test
    void valuesOutsideAnAllowListAreRecordedAsOther() {
        MeterFamily<Counter> requests = MeterFamilies.of(registry).counter(SampleMeters.REQUESTS);

        requests.get("BREW", "success", "alice").increment();
        requests.get("PROPFIND", "success", "alice").increment();

        assertThat(registry.get("sample.requests").tag("method", "other").counter().count())
                .isEqualTo(2);
    }

    @Test
    void allowListFallbackCanBeRenamed() {
        MeterFamily<Counter> requests = MeterFamilies.of(registry, TagPolicies.builder()
                        .policy("method", TagPolicy.allow("GET", "POST").otherwise("_OTHER"))
                        .build())
                .counter(SampleMeters.REQUESTS);

        requests.get("BREW", "success", "alice").increment();

        assertThat(registry.get("sample.requests").tag("method", "_OTHER").counter().count())
                .isEqualTo(1);
    }

    @Test
    void badTagValuesAreRecordedUnderSafeValuesAndNeverThrow() {
        MeterFamily<Counter> requests = MeterFamilies.of(registry).counter(SampleMeters.REQUESTS);

        requests.get("GET", "success", null).increment();
        requests.get("GET", "success", "").increment();
        requests.get("GET", "success", "y".repeat(10 * 1024)).increment();
        requests.get("GET", "success", "evil\r\n\"injected\"").increment();
        requests.get(null, null, "alice").increment();

        List<String> userIds = registry.find("sample.requests").counters().stream()
                .map(c -> c.getId().getTag("user_id"))
                .sorted()
                .collect(Collectors.toList());
        assertThat(userIds).containsExactly("alice", "evil___injected_", "unknown", "y".repeat(128));
        assertThat(registry.get("sample.requests").tag("user_id", "unknown").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("sample.requests").tag("method", "unknown")
                .tag("status", "unknown").counter().count()).isEqualTo(1);
    }

    @Test
    void absentValuesCanBeRecordedAsEmptyAndBoundedOverflowCanBeRenamed() {
        MeterFamily<Counter> requests = MeterFamilies.of(registry, TagPolicies.builder()
                        .policy("user_id", TagPolicy.bounded(2).otherwise("_OTHER")
                                .absentAs(TagValues.ABSENT))
                        .build())
                .counter(SampleMeters.REQUESTS);

        requests.get("GET", "success", null).increment();
        requests.get("GET", "success", " ").increment();
        requests.get("GET", "success", "a").increment();
        requests.get("GET", "success", "b").increment();
        requests.get("GET", "success", "c").increment();

        assertThat(registry.get("sample.requests").tag("user_id", "").counter().count()).isEqualTo(2);
        assertThat(registry.get("sample.requests").tag("user_id", "_OTHER").counter().count())
                .isEqualTo(1);
        assertThat(registry.find("sample.requests").counters()).hasSize(4);
        assertThat(TagPolicy.bounded(2).otherwise("_OTHER").toString())
                .isEqualTo("bounded(2) otherwise _OTHER");
        assertThatThrownBy(() -> TagPolicy.drop().absentAs("x"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TagPolicy.map(v -> v).otherwise("x"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void allowListRecordsMissingValuesAsTheAbsentValue() {
        MeterFamily<Counter> requests = MeterFamilies.of(registry, TagPolicies.builder()
                        .policy("status", TagPolicy.allow("success", "error").absentAs("none"))
                        .build())
                .counter(SampleMeters.REQUESTS);

        requests.get("GET", null, "alice").increment();
        requests.get("GET", "", "alice").increment();
        requests.get("GET", "maybe", "alice").increment();

        assertThat(registry.get("sample.requests").tag("status", "none").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("sample.requests").tag("status", "other").counter().count())
                .isEqualTo(1);
    }

    @Test
    void droppedKeysAreRemovedFromEverySeries() {
        MeterFamily<Counter> requests = MeterFamilies.of(registry, TagPolicies.builder()
                        .policy(SampleMeters.REQUESTS, "user_id", TagPolicy.drop())
                        .build())
                .counter(SampleMeters.REQUESTS);

        requests.get("GET", "success", "alice").increment();
        requests.get("GET", "success", "bob").increment();

        Counter only = registry.get("sample.requests").counter();
        assertThat(only.getId().getTag("user_id")).isNull();
        assertThat(only.count()).isEqualTo(2);
    }

    @Test
    void aFamilyWhoseKeysAreAllDroppedHasOneSeries() {
        MeterFamily<DistributionSummary> scores = MeterFamilies.of(registry, TagPolicies.builder()
                        .policy("user_id", TagPolicy.drop()).build())
                .summary(SampleMeters.SCORES);

        scores.get("alice").record(0.5);
        scores.get("bob").record(0.7);

        assertThat(registry.get("sample.scores").summary().count()).isEqualTo(2);
        assertThat(registry.get("sample.scores").summary().getId().getTags()).isEmpty();
    }

    @Test
    void mappingPolicyRecordsTheMappedValueAndSurvivesAThrowingMapping() {
        MeterFamily<Counter> requests = MeterFamilies.of(registry, TagPolicies.builder()
                        .policy("user_id", TagPolicy.map(id -> {
                            if (id.startsWith("boom")) {
                                throw new IllegalStateException("mapping failed");
                            }
                            return id.startsWith("vip") ? "premium" : "free";
                        }))
                        .build())
                .counter(SampleMeters.REQUESTS);

        requests.get("GET", "success", "vip-1").increment();
        requests.get("GET", "success", "vip-2").increment();
        requests.get("GET", "success", "u-3").increment();
        requests.get("GET", "success", "boom").increment();

        assertThat(registry.get("sample.requests").tag("user_id", "premium").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("sample.requests").tag("user_id", "free").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("sample.requests").tag("user_id", "other").counter().count())
                .isEqualTo(1);
    }

    @Test
    void perMetricOverrideWinsOverPerKeyOverride() {
        TagPolicies policies = TagPolicies.builder()
                .policy("user_id", TagPolicy.bounded(5))
                .policy(SampleMeters.SCORES, "user_id", TagPolicy.drop())
                .build();
        TagKey userId = SampleMeters.SampleTags.USER_ID;

        assertThat(policies.policyFor(SampleMeters.REQUESTS, userId).maxDistinctValues()).isEqualTo(5);
        assertThat(policies.policyFor(SampleMeters.SCORES, userId).isDropped()).isTrue();
        assertThat(TagPolicies.defaults().policyFor(SampleMeters.REQUESTS, userId).toString())
                .isEqualTo("bounded(100)");
        assertThatThrownBy(() -> TagPolicies.builder().policy(SampleMeters.SCORES, "method",
                TagPolicy.drop())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timersPublishTheCatalogBucketsOnly() {
        Timer timer = MeterFamilies.of(registry).timer(SampleMeters.REQUEST_DURATION).get("GET");
        timer.record(Duration.ofMillis(30));

        double[] buckets = java.util.Arrays.stream(timer.takeSnapshot().histogramCounts())
                .mapToDouble(c -> c.bucket(java.util.concurrent.TimeUnit.SECONDS)).toArray();
        assertThat(buckets).containsExactly(Buckets.HTTP_SECONDS.boundaries());
        assertThat(timer.takeSnapshot().percentileValues()).isEmpty();
    }

    @Test
    void aRegistryThatRefusesAMeterYieldsANoopMeterInsteadOfAnException() {
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().equals("sample.requests")) {
                    throw new IllegalStateException("refused by filter");
                }
                return id;
            }
        });
        MeterFamily<Counter> requests = MeterFamilies.of(registry).counter(SampleMeters.REQUESTS);

        Counter counter = requests.get("GET", "success", "alice");
        counter.increment();

        assertThat(counter.getId().getName()).isEqualTo("sample.requests");
        assertThat(registry.find("sample.requests").counters()).isEmpty();
    }

    @Test
    void aMeterAddedListenerThatRecordsIntoTheSameFamilyWorks() {
        java.util.concurrent.atomic.AtomicReference<MeterFamily<Counter>> family =
                new java.util.concurrent.atomic.AtomicReference<>();
        registry.config().onMeterAdded(meter -> {
            // A listener that records a metric of its own, through the same family and into the
            // same lookup map ("listener-0" and "alice" even share a hash bin of that map).
            if (meter.getId().getName().equals("sample.requests")
                    && "alice".equals(meter.getId().getTag("user_id"))) {
                family.get().get("GET", "success", "listener-0").increment();
            }
        });
        family.set(MeterFamilies.of(registry).counter(SampleMeters.REQUESTS));

        family.get().get("GET", "success", "alice").increment();

        assertThat(registry.get("sample.requests").tag("user_id", "alice").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("sample.requests").tag("user_id", "listener-0").counter().count())
                .isEqualTo(1);
    }

    /**
     * A closed Micrometer registry hands out no-op meters itself, so it cannot show obskit's
     * fallback; this registry really refuses some meters (its {@code newCounter} throws).
     */
    @Test
    void aMeterTheRegistryRefusesIsANoopAndLoggedOnceWhileOtherSeriesStillRecord() {
        SimpleMeterRegistry refusing = new SimpleMeterRegistry() {
            @Override
            protected Counter newCounter(Meter.Id id) {
                if (id.getName().equals("sample.refused") && !"alice".equals(id.getTag("user_id"))) {
                    throw new IllegalStateException("refused: " + id);
                }
                return super.newCounter(id);
            }
        };
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> warnings =
                new ch.qos.logback.core.read.ListAppender<>();
        warnings.start();
        ch.qos.logback.classic.Logger obskit =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.github.obskit");
        obskit.addAppender(warnings);
        try {
            MeterFamily<Counter> refused = MeterFamilies.of(refusing).counter(SampleMeters.REFUSED);

            Counter bob = refused.get("bob");
            bob.increment();
            refused.get("carol").increment();
            refused.get("bob").increment();
            refused.get("alice").increment();
            refused.get("alice").increment();

            assertThat(bob).isInstanceOf(io.micrometer.core.instrument.noop.NoopCounter.class);
            assertThat(bob.getId().getName()).isEqualTo("sample.refused");
            assertThat(bob.count()).isZero();
            assertThat(refusing.find("sample.refused").counters()).hasSize(1);
            assertThat(refusing.get("sample.refused").tag("user_id", "alice").counter().count())
                    .isEqualTo(2);
            assertThat(warnings.list.stream()
                    .filter(e -> e.getFormattedMessage().contains("Could not register sample.refused")))
                    .hasSize(1);
        } finally {
            obskit.detachAppender(warnings);
        }
    }

    @Test
    void wrongNumberOfValuesRecordsUnknownForMissingOnes() {
        MeterFamily<Counter> requests = MeterFamilies.of(registry).counter(SampleMeters.REQUESTS);

        requests.get("GET").increment();
        requests.get("GET", "success", "alice", "extra").increment();

        assertThat(registry.get("sample.requests").tag("method", "GET").tag("status", "unknown")
                .tag("user_id", "unknown").counter().count()).isEqualTo(1);
        assertThat(registry.get("sample.requests").tag("user_id", "alice").counter().count())
                .isEqualTo(1);
    }

    @Test
    void familyTypeMustMatchTheDefinition() {
        assertThatThrownBy(() -> MeterFamilies.of(registry).timer(SampleMeters.REQUESTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample.requests");
    }

    @Test
    void gaugesReadTheirStateWeaklyAndResolveTagValues() {
        AtomicInteger queue = new AtomicInteger(7);
        MeterFamilies.of(registry).gauge(SampleMeters.QUEUE_SIZE, queue, AtomicInteger::get);

        assertThat(registry.get("sample.queue.size").gauge().value()).isEqualTo(7);
        queue.set(3);
        assertThat(registry.get("sample.queue.size").gauge().value()).isEqualTo(3);
    }

    @Test
    void definitionsRejectHistogramsWithoutBucketsAndBadNames() {
        assertThatThrownBy(() -> MeterDefinition.timer("x.duration").description("d").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MeterDefinition.counter("Upload-Requests"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Buckets.of(1, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagPolicy.allow("bad\nvalue"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catalogConstantsExposeMicrometerDocumentation() {
        assertThat(SampleMeters.REQUESTS.getName()).isEqualTo("sample.requests");
        assertThat(SampleMeters.REQUESTS.getType()).isEqualTo(Meter.Type.COUNTER);
        assertThat(SampleMeters.REQUESTS.getKeyNames()).extracting(k -> k.asString())
                .containsExactly("method", "status", "user_id");
        assertThat(SampleMeters.TOKEN_USAGE.getBaseUnit()).isNull();
        assertThat(SampleMeters.TOKEN_USAGE.definition().unitAnnotation()).contains("{token}");
        assertThat(SampleMeters.REQUEST_DURATION.getBaseUnit()).isEqualTo("seconds");
        assertThat(SampleMeters.REQUESTS.getDescription().toLowerCase(Locale.ROOT))
                .contains("sample requests");
    }
}
