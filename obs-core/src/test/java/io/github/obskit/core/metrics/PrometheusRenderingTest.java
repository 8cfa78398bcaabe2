package io.github.obskit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.testsupport.Promtool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Scrapes a real {@link PrometheusMeterRegistry} and checks the scrape with promtool. */
class PrometheusRenderingTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void sampleCatalogRendersTheExactPrometheusNamesAndBuckets() {
        MeterFamilies families = MeterFamilies.of(registry);
        MeterFamily<Counter> requests = families.counter(SampleMeters.REQUESTS);
        requests.get("GET", "success", "alice").increment();
        requests.get("POST", "error", "bad\nid \"quoted\"").increment();
        families.timer(SampleMeters.REQUEST_DURATION).get("GET").record(Duration.ofMillis(42));
        families.summary(SampleMeters.SCORES).get("alice").record(0.73);
        families.summary(SampleMeters.TOKEN_USAGE).get().record(120);
        AtomicLong queue = new AtomicLong(4);
        AtomicLong storage = new AtomicLong(1_048_576);
        families.gauge(SampleMeters.QUEUE_SIZE, queue, AtomicLong::get);
        families.gauge(SampleMeters.STORAGE_SIZE, storage, AtomicLong::get);

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("# HELP sample_requests_total Total number of sample requests")
                .contains("# TYPE sample_requests_total counter")
                .contains("sample_requests_total{method=\"GET\",status=\"success\",user_id=\"alice\"} 1.0")
                .contains("sample_requests_total{method=\"POST\",status=\"error\",user_id=\"bad_id _quoted_\"} 1.0")
                .contains("# TYPE sample_request_duration_seconds histogram")
                .contains("sample_request_duration_seconds_count{method=\"GET\"} 1")
                .contains("sample_request_duration_seconds_sum{method=\"GET\"} 0.042")
                .contains("sample_request_duration_seconds_max{method=\"GET\"} 0.042")
                .contains("# HELP sample_scores Distribution of sample scores, in percent (0-100)")
                .contains("sample_scores_count{user_id=\"alice\"} 1")
                .contains("sample_scores_sum{user_id=\"alice\"} 73.0")
                .contains("sample_scores_bucket{user_id=\"alice\",le=\"70.0\"} 0")
                .contains("sample_scores_bucket{user_id=\"alice\",le=\"80.0\"} 1")
                .contains("sample_token_usage_bucket{le=\"256.0\"} 1")
                .contains("sample_queue_size 4.0")
                .contains("sample_storage_size_bytes 1048576.0")
                .contains("obskit_cardinality_overflow_total{key=\"user_id\",metric=\"sample.requests\"} 0.0")
                .doesNotContain("__token_")
                .doesNotContain("quantile=");

        for (double le : Buckets.HTTP_SECONDS.boundaries()) {
            int expected = le >= 0.042 ? 1 : 0;
            assertThat(scrape).contains("sample_request_duration_seconds_bucket{method=\"GET\",le=\""
                    + le + "\"} " + expected);
        }
        assertThat(scrape).contains("sample_request_duration_seconds_bucket{method=\"GET\",le=\"+Inf\"} 1");
        long bucketLines = scrape.lines()
                .filter(l -> l.startsWith("sample_request_duration_seconds_bucket{")).count();
        assertThat(bucketLines).isEqualTo(Buckets.HTTP_SECONDS.size() + 1);
    }

    /**
     * Pins Micrometer itself, not obskit: a fixed-boundary histogram rounds each value up to a
     * whole number ({@code Math.ceil}) before choosing the bucket (micrometer-metrics/micrometer#3680,
     * #2341), so a plain Micrometer summary with fractional buckets counts 0.73 in {@code
     * le="1.0"}. Sum, count and max stay exact. This is why obskit records 0..1 scores in percent
     * with whole-number buckets ({@link MeterDefinition.Builder#scale(double)}, {@link
     * #scaledScoresLandInTheirExactBucketIncludingBoundaries()}). If this test starts failing,
     * Micrometer changed and the percent scaling can be revisited.
     */
    @Test
    void micrometerRoundsSummaryValuesUpBeforeBucketing() {
        DistributionSummary.builder("upstream.scores")
                .serviceLevelObjectives(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
                .register(registry)
                .record(0.73);

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("upstream_scores_bucket{le=\"0.9\"} 0")
                .contains("upstream_scores_bucket{le=\"1.0\"} 1")
                .contains("upstream_scores_sum 0.73");
    }

    /**
     * obskit's answer to the rounding above: {@code scale(100)} with whole-number buckets, and the
     * product cleaned of floating-point noise, so a score on a boundary lands in that boundary's
     * bucket, not the next one, even when it was computed: {@code 0.1 * 3} times 100 is
     * 30.000000000000004, and a cosine similarity of 1.0000000000000002 (normalized embeddings
     * produce it) times 100 is 100.00000000000003, which Micrometer would round up to 31 and 101.
     */
    @Test
    void scaledScoresLandInTheirExactBucketIncludingBoundaries() {
        DistributionSummary scores = MeterFamilies.of(registry).summary(SampleMeters.SCORES).get("alice");
        double[] values = {0, 0.05, 0.1, 0.29, 0.1 * 3, 0.57, 0.7, 0.7000000000000002, 0.71,
            0.7000001, 0.99, 1.0, 1.0000000000000002};
        for (double v : values) {
            scores.record(v);
        }
        assertThat(0.1 * 3 * 100).as("the noise being removed").isEqualTo(30.000000000000004);
        assertThat(0.7000000000000002 * 100).isEqualTo(70.00000000000001);
        assertThat(1.0000000000000002 * 100).isEqualTo(100.00000000000003);

        String scrape = registry.scrape();

        // cumulative counts per le: <=10: 0, 0.05, 0.1 | <=30: 0.29, 0.1*3 | <=60: 0.57
        // | <=70: 0.7, 0.7000000000000002 | <=80: 0.71, 0.7000001 | <=100: 0.99, 1.0, 1.0000000000000002
        long[] expected = {3, 3, 5, 5, 5, 6, 8, 10, 10, 13};
        double[] les = Buckets.PERCENT.boundaries();
        for (int i = 0; i < les.length; i++) {
            assertThat(scrape).contains("sample_scores_bucket{user_id=\"alice\",le=\"" + les[i]
                    + "\"} " + expected[i]);
        }
        assertThat(scrape)
                .contains("sample_scores_bucket{user_id=\"alice\",le=\"+Inf\"} 13")
                .contains("sample_scores_count{user_id=\"alice\"} 13")
                .contains("sample_scores_max{user_id=\"alice\"} 100.0");
        assertThat(registry.get("sample.scores").summary().totalAmount()).isCloseTo(711.00001,
                org.assertj.core.data.Offset.offset(1e-6));
    }

    /**
     * Why obskit does not replace fractional-bucket summaries with its own prometheus-metrics
     * {@code Histogram} in {@code registry.getPrometheusRegistry()}: Micrometer's collectors
     * declare no metric names to the {@code PrometheusRegistry}, so it cannot detect a clash
     * with a name Micrometer exports. A native histogram under such a name registers without
     * complaint, and a Micrometer summary without buckets registered under the name of a
     * native histogram makes every scrape throw, taking down all metrics of the endpoint. (Such
     * a histogram would also bypass the registry's MeterFilters and be invisible to
     * Micrometer's meter lookups.) If this test starts failing, revisit that decision.
     */
    @Test
    void prometheusRegistryCannotSeeNamesMicrometerExports() {
        MeterFamilies.of(registry).summary(SampleMeters.SCORES).get("bob").record(0.3);

        Histogram sameName = Histogram.builder()
                .name("sample_scores")
                .help("Distribution of sample scores")
                .labelNames("user_id")
                .classicOnly()
                .classicUpperBounds(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
                .withoutExemplars()
                .register(registry.getPrometheusRegistry());
        sameName.labelValues("alice").observe(0.73);

        assertThat(registry.scrape())
                .contains("sample_scores_bucket{user_id=\"alice\",le=\"0.8\"} 1")
                .contains("sample_scores_bucket{user_id=\"bob\",le=\"30.0\"} 1");

        PrometheusMeterRegistry other = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Histogram.builder()
                .name("sample_scores")
                .help("Distribution of sample scores")
                .labelNames("user_id")
                .classicOnly()
                .classicUpperBounds(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
                .withoutExemplars()
                .register(other.getPrometheusRegistry())
                .labelValues("alice")
                .observe(0.73);
        DistributionSummary.builder("sample.scores").tag("user_id", "bob").register(other).record(0.3);

        assertThatThrownBy(other::scrape)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conflicting metric types");
    }

    @Test
    void scrapePassesPromtoolCheckMetricsWithNoFindings() {
        MeterFamilies families = MeterFamilies.of(registry);
        families.counter(SampleMeters.REQUESTS).get("GET", "success", "alice").increment();
        families.timer(SampleMeters.REQUEST_DURATION).get("GET").record(Duration.ofMillis(3));
        families.summary(SampleMeters.SCORES).get("alice").record(0.5);
        families.summary(SampleMeters.TOKEN_USAGE).get().record(10);
        AtomicLong storage = new AtomicLong(42);
        families.gauge(SampleMeters.STORAGE_SIZE, storage, AtomicLong::get);

        Promtool.Result result = Promtool.checkMetrics(registry.scrape());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output()).isEmpty();
    }
}
