package io.github.obskit.core.genai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.metrics.MeterFamilies;
import io.github.obskit.core.metrics.MeterFamily;
import io.github.obskit.testsupport.Promtool;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GenAiMetersTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void scrapeUsesTheSemanticConventionNamesAndAnEmptyErrorTypeOnSuccess() {
        MeterFamilies families = MeterFamilies.of(registry);
        MeterFamily<Timer> duration = families.timer(GenAiMeters.CLIENT_OPERATION_DURATION);
        MeterFamily<DistributionSummary> tokens = families.summary(GenAiMeters.CLIENT_TOKEN_USAGE);

        duration.get("chat", "openai", "gpt-4o", null).record(Duration.ofMillis(1500));
        duration.get("chat", "openai", "gpt-4o", "java.net.http.HttpTimeoutException")
                .record(Duration.ofSeconds(30));
        duration.get("summarize_everything", "openai", "gpt-4o", null).record(Duration.ofMillis(10));
        tokens.get("chat", "openai", "gpt-4o", "input").record(120);
        tokens.get("chat", "openai", "gpt-4o", "output").record(480);
        tokens.get("chat", "openai", "gpt-4o", "total").record(600);

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("gen_ai_client_operation_duration_seconds_bucket{error_type=\"\","
                        + "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\","
                        + "gen_ai_request_model=\"gpt-4o\",le=\"2.56\"} 1")
                .contains("gen_ai_client_operation_duration_seconds_count{"
                        + "error_type=\"java.net.http.HttpTimeoutException\","
                        + "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\","
                        + "gen_ai_request_model=\"gpt-4o\"} 1")
                .contains("gen_ai_operation_name=\"_OTHER\"")
                .contains("gen_ai_client_token_usage_bucket{gen_ai_operation_name=\"chat\","
                        + "gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o\","
                        + "gen_ai_token_type=\"input\",le=\"256.0\"} 1")
                .contains("gen_ai_token_type=\"other\"")
                .doesNotContain("gen_ai_token_type=\"total\"")
                .doesNotContain("__token_");
        Promtool.Result check = Promtool.checkMetrics(scrape);
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.output()).isEmpty();
    }

    /**
     * The buckets a scrape publishes are the GenAI conventions' explicit boundaries (written out
     * here from the specification, not read from the catalog), and each duration is counted in
     * the first bucket whose boundary is at or above it, boundaries included.
     */
    @Test
    void operationDurationIsBucketedAtTheConventionBoundaries() {
        double[] convention = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
            20.48, 40.96, 81.92};
        Timer timer = MeterFamilies.of(registry).timer(GenAiMeters.CLIENT_OPERATION_DURATION)
                .get("chat", "openai", "gpt-4o", null);
        timer.record(Duration.ofMillis(10));     // exactly on the first boundary
        timer.record(Duration.ofMillis(11));     // just above it
        timer.record(Duration.ofMillis(10_240)); // exactly on 10.24
        timer.record(Duration.ofSeconds(100));   // beyond the last

        String scrape = registry.scrape();

        String prefix = "gen_ai_client_operation_duration_seconds_bucket{error_type=\"\","
                + "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\","
                + "gen_ai_request_model=\"gpt-4o\",le=\"";
        java.util.List<String> les = scrape.lines().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length(), l.indexOf('"', prefix.length())))
                .collect(java.util.stream.Collectors.toList());
        java.util.List<String> expectedLes = new java.util.ArrayList<>();
        for (double b : convention) {
            expectedLes.add(Double.toString(b));
        }
        expectedLes.add("+Inf");
        assertThat(les).containsExactlyElementsOf(expectedLes);
        assertThat(scrape)
                .contains(prefix + "0.01\"} 1")
                .contains(prefix + "0.02\"} 2")
                .contains(prefix + "5.12\"} 2")
                .contains(prefix + "10.24\"} 3")
                .contains(prefix + "81.92\"} 3")
                .contains(prefix + "+Inf\"} 4");
    }

    /**
     * A failure whose error type is literally {@code "unknown"} is a failure: before obskit
     * decided absence explicitly, the interned literal was taken for a missing value and, with
     * {@code error.type}'s empty absent value, recorded as a success.
     */
    @Test
    void anErrorTypeNamedUnknownIsRecordedAsAnError() {
        MeterFamily<Timer> duration = MeterFamilies.of(registry)
                .timer(GenAiMeters.CLIENT_OPERATION_DURATION);

        duration.get("chat", "openai", "gpt-4o", "unknown").record(Duration.ofMillis(5));
        duration.get("chat", "openai", "gpt-4o", null).record(Duration.ofMillis(5));
        duration.get("chat", "openai", "gpt-4o", "  ").record(Duration.ofMillis(5));

        assertThat(registry.get("gen_ai.client.operation.duration").tag("error.type", "unknown")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("gen_ai.client.operation.duration").tag("error.type", "")
                .timer().count()).isEqualTo(2);
    }

    /** GenAI metrics recorded from two modules on one registry share one bound per key. */
    @Test
    void twoModulesRecordingGenAiMetricsShareTheBoundOfEachKey() {
        MeterFamily<Timer> embeddings = MeterFamilies.of(registry)
                .timer(GenAiMeters.CLIENT_OPERATION_DURATION);
        MeterFamily<Timer> chat = MeterFamilies.of(registry)
                .timer(GenAiMeters.CLIENT_OPERATION_DURATION);

        for (int i = 0; i < 40; i++) {
            embeddings.get("embeddings", "local", "m", "Error" + i).record(Duration.ofMillis(1));
            chat.get("embeddings", "local", "m", "Failure" + i).record(Duration.ofMillis(1));
        }

        assertThat(registry.find("gen_ai.client.operation.duration").timers())
                .hasSize(io.github.obskit.core.metrics.StandardTagKeys.MAX_ERROR_TYPES + 1);
        assertThat(registry.get("gen_ai.client.operation.duration").tag("error.type", "_OTHER")
                .timer().count()).isEqualTo(80 - 32);
    }
}
