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
                .contains("sample_scores_count{user_id=\"alice\"} 1")
                .contains("sample_scores_sum{user_id=\"alice\"} 0.73")
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
     * Micrometer rounds values recorded into a fixed-boundary histogram up to a whole number
     * ({@code Math.ceil}) before choosing the bucket (micrometer-metrics/micrometer#3680,
     * #2341), so a distribution summary with fractional buckets counts 0.73 in {@code le="1.0"}.
     * Sum, count and max stay exact. obskit does not route around this (see {@link
     * #prometheusRegistryCannotSeeNamesMicrometerExports()} and the README's "Known upstream
     * limitation"); if this test starts failing, Micrometer fixed it and the README paragraph
     * can go.
     */
    @Test
    void micrometerRoundsSummaryValuesUpBeforeBucketing() {
        MeterFamilies.of(registry).summary(SampleMeters.SCORES).get("alice").record(0.73);

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("sample_scores_bucket{user_id=\"alice\",le=\"0.9\"} 0")
                .contains("sample_scores_bucket{user_id=\"alice\",le=\"1.0\"} 1")
                .contains("sample_scores_sum{user_id=\"alice\"} 0.73");
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
                .classicUpperBounds(Buckets.UNIT_INTERVAL.boundaries())
                .withoutExemplars()
                .register(registry.getPrometheusRegistry());
        sameName.labelValues("alice").observe(0.73);

        assertThat(registry.scrape())
                .contains("sample_scores_bucket{user_id=\"alice\",le=\"0.8\"} 1")
                .contains("sample_scores_bucket{user_id=\"bob\",le=\"1.0\"} 1");

        PrometheusMeterRegistry other = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Histogram.builder()
                .name("sample_scores")
                .help("Distribution of sample scores")
                .labelNames("user_id")
                .classicOnly()
                .classicUpperBounds(Buckets.UNIT_INTERVAL.boundaries())
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
