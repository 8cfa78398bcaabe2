package io.github.obskit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The cardinality rule of {@link TagPolicy}: per-registry bounds, series caps, fallbacks. */
class CardinalityRulesTest {

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
    void twoMetricSetsOnOneRegistryShareOneBound() {
        MeterFamily<Counter> first = MeterFamilies.of(registry).counter(SampleMeters.REQUESTS);
        MeterFamily<Counter> second = MeterFamilies.of(registry).counter(SampleMeters.REQUESTS);

        for (int i = 0; i < 300; i++) {
            (i % 2 == 0 ? first : second).get("GET", "success", "user-" + i).increment();
        }

        Collection<Counter> series = registry.find("sample.requests").counters();
        assertThat(series).hasSize(101);
        assertThat(series.stream().mapToDouble(Counter::count).sum()).isEqualTo(300);
        assertThat(registry.get("sample.requests").tag("user_id", "other").counter().count())
                .isEqualTo(200);
        assertThat(registry.get("obskit.cardinality.overflow").tag("metric", "sample.requests")
                .tag("key", "user_id").counter().count()).isEqualTo(200);
        assertThat(warnings.list).hasSize(1);
    }

    @Test
    void otherRegistriesKeepTheirOwnBound() {
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        MeterFamily<Counter> here = MeterFamilies.of(registry).counter(SampleMeters.REQUESTS);
        MeterFamily<Counter> there = MeterFamilies.of(other).counter(SampleMeters.REQUESTS);

        for (int i = 0; i < 150; i++) {
            here.get("GET", "success", "user-" + i).increment();
            there.get("GET", "success", "user-" + i).increment();
        }

        assertThat(registry.find("sample.requests").counters()).hasSize(101);
        assertThat(other.find("sample.requests").counters()).hasSize(101);
    }

    @Test
    void theFirstDeclaredLimitWinsAndTheConflictIsWarnedOnce() {
        MeterFamily<Counter> first = MeterFamilies.of(registry, TagPolicies.builder()
                .policy("user_id", TagPolicy.bounded(10)).build()).counter(SampleMeters.REQUESTS);
        MeterFamily<Counter> second = MeterFamilies.of(registry, TagPolicies.builder()
                .policy("user_id", TagPolicy.bounded(50)).build()).counter(SampleMeters.REQUESTS);
        MeterFamilies.of(registry, TagPolicies.builder()
                .policy("user_id", TagPolicy.bounded(50)).build()).counter(SampleMeters.REQUESTS);

        for (int i = 0; i < 40; i++) {
            second.get("GET", "success", "user-" + i).increment();
        }
        first.get("GET", "success", "user-0").increment();

        assertThat(registry.find("sample.requests").counters()).hasSize(11);
        assertThat(registry.get("sample.requests").tag("user_id", "other").counter().count())
                .isEqualTo(30);
        assertThat(registry.get("sample.requests").tag("user_id", "user-0").counter().count())
                .isEqualTo(2);
        List<String> messages = warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages.stream().filter(m -> m.contains("different limits"))).singleElement()
                .asString().contains("bounded(10)").contains("bounded(50)");
    }

    /**
     * 200 users x 200 documents with both keys bounded at 100: without a cap 10,201 series. With
     * the default cap of 1,000: users 0-8 take 101 series each (100 documents plus their {@code
     * other} document), user 9 the last 91; everything later goes to {user_id=other,
     * document_id=other}.
     */
    @Test
    void theSeriesCapKeepsAMetricWithTwoBoundedKeysSmallAndTotalsExact() {
        MeterFamily<Counter> reads = MeterFamilies.of(registry).counter(SampleMeters.READS);

        for (int u = 0; u < 200; u++) {
            for (int d = 0; d < 200; d++) {
                reads.get("user-" + u, "doc-" + d).increment();
            }
        }

        Collection<Counter> series = registry.find("sample.reads").counters();
        assertThat(series).hasSize(TagPolicy.DEFAULT_MAX_SERIES + 1);
        assertThat(series.stream().mapToDouble(Counter::count).sum()).isEqualTo(40_000);
        assertThat(registry.get("sample.reads").tags("user_id", "other", "document_id", "other")
                .counter().count()).isEqualTo(38_109);
        assertThat(registry.get("sample.reads").tags("user_id", "user-3", "document_id", "other")
                .counter().count()).isEqualTo(100);
        assertThat(registry.find("sample.reads").tag("user_id", "user-10").counters()).isEmpty();
        // user 9's documents 91-199 (109), users 10-99 (90 x 200), users 100-199 on documents
        // 0-99 (100 x 100); users 100-199 on document "other" are the overflow series itself.
        assertThat(registry.get("obskit.cardinality.overflow").tags("metric", "sample.reads",
                "key", TagPolicy.SERIES_CAP_KEY).counter().count()).isEqualTo(28_109);
        assertThat(warnings.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("cap of 1000 series"))).hasSize(1);
    }

    @Test
    void theCapKeepsClosedKeysAndAbsentValuesSoSuccessNeverReadsAsAnError() {
        // sample.operations has maxSeries(10) in its definition.
        MeterFamily<Counter> ops = MeterFamilies.of(registry).counter(SampleMeters.OPERATIONS);

        for (int u = 0; u < 20; u++) {
            ops.get("success", null, "user-" + u).increment();
            ops.get("error", "java.io.IOException", "user-" + u).increment();
        }

        assertThat(registry.find("sample.operations").counters()).hasSize(12);
        assertThat(registry.get("sample.operations").tags("status", "success", "error.type", "",
                "user_id", "other").counter().count()).isEqualTo(15);
        assertThat(registry.get("sample.operations").tags("status", "error", "error.type", "_OTHER",
                "user_id", "other").counter().count()).isEqualTo(15);
        assertThat(registry.find("sample.operations").counters().stream()
                .mapToDouble(Counter::count).sum()).isEqualTo(40);
    }

    @Test
    void theApplicationCanOverrideTheCapOfOneMetric() {
        MeterFamily<Counter> reads = MeterFamilies.of(registry, TagPolicies.builder()
                .maxSeries(SampleMeters.READS, 50).build()).counter(SampleMeters.READS);

        for (int i = 0; i < 80; i++) {
            reads.get("user-" + i, "doc-1").increment();
        }

        assertThat(registry.find("sample.reads").counters()).hasSize(51);
        assertThat(registry.get("sample.reads").tags("user_id", "other", "document_id", "other")
                .counter().count()).isEqualTo(30);
        assertThat(TagPolicies.builder().maxSeries(SampleMeters.READS, 50).build()
                .maxSeriesFor(SampleMeters.READS)).isEqualTo(50);
        assertThat(TagPolicies.defaults().maxSeriesFor(SampleMeters.READS))
                .isEqualTo(TagPolicy.DEFAULT_MAX_SERIES);
    }

    @Test
    void aValueSpelledUnknownIsAValueNotAMissingOne() {
        MeterFamily<Counter> ops = MeterFamilies.of(registry).counter(SampleMeters.OPERATIONS);
        MeterFamily<Counter> mapped = MeterFamilies.of(new SimpleMeterRegistry(), TagPolicies.builder()
                .policy("user_id", TagPolicy.map(v -> "unknown")).build()).counter(SampleMeters.REQUESTS);

        ops.get("error", "unknown", "alice").increment();
        ops.get("error", TagValues.UNKNOWN, "unknown").increment();
        ops.get("success", null, null).increment();

        assertThat(registry.get("sample.operations").tags("error.type", "unknown", "user_id", "alice")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("sample.operations").tags("error.type", "unknown", "user_id", "unknown")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("sample.operations").tags("error.type", "", "user_id", "unknown")
                .counter().count()).isEqualTo(1);
        assertThat(registry.find("sample.operations").tag("error.type", "").counters()).hasSize(1);
        mapped.get("GET", "success", "x").increment();
        assertThat(mapped.get("GET", "success", "x").getId().getTag("user_id")).isEqualTo("unknown");
        assertThat(TagValues.isMissing("unknown")).isFalse();
        assertThat(TagValues.isMissing(" \t")).isTrue();
    }

    @Test
    void overridingTheLimitOfErrorTypeKeepsItsFallbackAndItsEmptyValueOnSuccess() {
        TagPolicies policies = TagPolicies.builder()
                .policy("error.type", TagPolicy.bounded(2)).build();
        MeterFamily<Counter> ops = MeterFamilies.of(registry, policies).counter(SampleMeters.OPERATIONS);

        ops.get("success", null, "alice").increment();
        for (String type : List.of("A", "B", "C", "D")) {
            ops.get("error", type, "alice").increment();
        }

        TagPolicy inForce = policies.policyFor(SampleMeters.OPERATIONS, StandardTagKeys.ERROR_TYPE);
        assertThat(inForce.maxDistinctValues()).isEqualTo(2);
        assertThat(inForce.fallbackValue()).isEqualTo("_OTHER");
        assertThat(inForce.absentValue()).isEqualTo(TagValues.ABSENT);
        assertThat(registry.get("sample.operations").tag("error.type", "").counter().count()).isEqualTo(1);
        assertThat(registry.get("sample.operations").tag("error.type", "_OTHER").counter().count())
                .isEqualTo(2);
        assertThat(registry.find("sample.operations").counters()).hasSize(4);

        TagPolicy explicit = TagPolicies.builder()
                .policy("error.type", TagPolicy.bounded(2).otherwise("other").absentAs("none")).build()
                .policyFor(SampleMeters.OPERATIONS, StandardTagKeys.ERROR_TYPE);
        assertThat(explicit.fallbackValue()).isEqualTo("other");
        assertThat(explicit.absentValue()).isEqualTo("none");
    }

    @Test
    void anOverrideNamingAKeyNoMetricHasFailsWhenTheMetricSetIsBuilt() {
        TagPolicies typo = TagPolicies.builder().policy("usr_id", TagPolicy.bounded(5)).build();
        List<SampleMeters> catalog = List.of(SampleMeters.values());

        assertThatThrownBy(() -> MeterFamilies.of(registry, typo, catalog))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'usr_id'")
                .hasMessageContaining("user_id")
                .hasMessageContaining("method");
        assertThat(MeterFamilies.of(registry, typo)).as("the 2-argument form does not validate")
                .isNotNull();
        MeterFamilies.of(registry, TagPolicies.builder().policy("user_id", TagPolicy.drop()).build(),
                catalog);
    }

    @Test
    void aRegisteredSetIsExtendedWhereverItsKeyAppears() {
        TagPolicies policies = TagPolicies.builder().register("stage", "ocr", "translate")
                .register("stage", "ocr").build();
        MeterFamily<Counter> stages = MeterFamilies.of(registry, policies,
                List.of(SampleMeters.values())).counter(SampleMeters.STAGES);

        for (String stage : List.of("parse", "ocr", "translate", "summarize", "")) {
            stages.get(stage).increment();
        }

        TagPolicy inForce = policies.policyFor(SampleMeters.STAGES, SampleMeters.SampleTags.STAGE);
        assertThat(inForce.kind()).isEqualTo(TagPolicy.Kind.REGISTERED);
        assertThat(inForce.allowedValues())
                .containsExactly("parse", "chunk", "embed", "ocr", "translate");
        assertThat(SampleMeters.SampleTags.STAGE.defaultPolicy().allowedValues())
                .containsExactly("parse", "chunk", "embed");
        assertThat(registry.find("sample.stages").counters()).hasSize(5);
        assertThat(registry.get("sample.stages").tag("stage", "ocr").counter().count()).isEqualTo(1);
        assertThat(registry.get("sample.stages").tag("stage", "other").counter().count()).isEqualTo(1);
        assertThat(registry.get("sample.stages").tag("stage", "unknown").counter().count()).isEqualTo(1);
    }

    @Test
    void valuesCanOnlyBeRegisteredForARegisteredSet() {
        assertThatThrownBy(() -> TagPolicies.builder().register("stage", "bad\nvalue"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagPolicies.builder().policy("stage", TagPolicy.allow("x"))
                .register("stage", "ocr")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage");
        TagPolicies onBoundedKey = TagPolicies.builder().register("user_id", "alice").build();
        assertThatThrownBy(() -> MeterFamilies.of(registry, onBoundedKey, List.of(SampleMeters.values())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user_id")
                .hasMessageContaining("not a registered set");
        assertThat(TagPolicy.registered(List.of("a")).toString()).isEqualTo("registered[a]");
    }
}
