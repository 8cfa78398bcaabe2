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

    @Test
    void alertThresholdsAndConventionBucketsAgree() {
        assertThat(GenAiMeters.CLIENT_OPERATION_DURATION.definition().buckets().orElseThrow()
                .boundaries()).startsWith(0.01, 0.02, 0.04).endsWith(40.96, 81.92);
        assertThat(GenAiMeters.CLIENT_TOKEN_USAGE.getBaseUnit()).isNull();
        assertThat(GenAiMeters.CLIENT_TOKEN_USAGE.definition().unitAnnotation()).contains("{token}");
    }
}
