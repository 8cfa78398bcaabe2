package io.github.obskit.rag;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.genai.GenAiMeters;
import io.github.obskit.core.genai.GenAiMetrics;
import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.metrics.TagPolicy;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.testsupport.Promtool;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scrapes a real PrometheusMeterRegistry fed by {@link RagMetrics}. */
class RagMetricsPrometheusTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GenAiMetrics genAi = GenAiMetrics.create(registry);

    @Test
    void everyMetricHasTheSpecNameAndLabelSet() {
        RagMetrics metrics = RagMetrics.create(registry);

        metrics.recordQuery("alice", "semantic", Outcome.SUCCESS, Duration.ofMillis(700));
        metrics.recordChunkRetrieved("alice", "doc-1", 0.83, "semantic");
        metrics.recordChunkRetrieved("alice", "doc-1", 0.61, "semantic");
        metrics.recordEmbeddings("all-minilm-l6-v2", Outcome.SUCCESS, 3, Duration.ofMillis(9));
        metrics.recordResponseQuality("alice", 0.75);
        genAi.recordOperation(GenAiRequest.embeddings().provider("local").model("all-minilm-l6-v2").build(), null, Duration.ofMillis(9));

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("# TYPE rag_queries_total counter")
                .contains("rag_queries_total{query_type=\"semantic\",status=\"success\",user_id=\"alice\"} 1.0")
                .contains("# TYPE rag_query_duration_seconds histogram")
                .contains("rag_query_duration_seconds_bucket{query_type=\"semantic\",le=\"0.64\"} 0")
                .contains("rag_query_duration_seconds_bucket{query_type=\"semantic\",le=\"1.28\"} 1")
                .contains("# TYPE chunks_retrieved_total counter")
                .contains("chunks_retrieved_total{document_id=\"doc-1\",user_id=\"alice\"} 2.0")
                .contains("# TYPE similarity_scores histogram")
                .contains("similarity_scores_count{query_type=\"semantic\"} 2")
                .contains("similarity_scores_sum{query_type=\"semantic\"} 144.0")
                .contains("similarity_scores_bucket{query_type=\"semantic\",le=\"+Inf\"} 2")
                .contains("# TYPE embeddings_generated_total counter")
                .contains("embeddings_generated_total{model=\"all-minilm-l6-v2\",status=\"success\"} 3.0")
                .contains("# TYPE embedding_generation_duration_seconds histogram")
                .contains("embedding_generation_duration_seconds_bucket{model=\"all-minilm-l6-v2\",le=\"0.01\"} 1")
                .contains("# TYPE response_quality_scores histogram")
                .contains("response_quality_scores_count{user_id=\"alice\"} 1")
                .contains("response_quality_scores_sum{user_id=\"alice\"} 75.0")
                .contains("# HELP similarity_scores Distribution of similarity scores, in percent (0-100)")
                .contains("# HELP response_quality_scores Distribution of response quality scores, "
                        + "in percent (0-100)")
                .contains("# TYPE gen_ai_client_operation_duration_seconds histogram")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\","
                        + "gen_ai_operation_name=\"embeddings\",gen_ai_provider_name=\"local\","
                        + "gen_ai_request_model=\"all-minilm-l6-v2\"} 1")
                .doesNotContain("quantile=");
    }

    /**
     * Scores are passed on a 0..1 scale and scraped in percent, each in the bucket it belongs to,
     * boundaries included (0.6 in le=60, 0.65 in le=65, 1.0 in le=100), so the buckets say where
     * the scores are instead of counting everything in the top bucket.
     */
    @Test
    void scoreHistogramsCountEachScoreInItsOwnPercentBucket() {
        RagMetrics metrics = RagMetrics.create(registry);
        double[] similarities = {0.05, 0.1, 0.35, 0.6, 0.61, 0.65, 0.7, 0.72, 0.83, 0.9, 0.97, 1.0,
            1.0000000000000002};
        for (double s : similarities) {
            metrics.recordChunkRetrieved("alice", "doc-1", s, "hybrid");
        }
        double[] qualities = {0.15, 0.5, 0.7, 0.71, 0.88, 1.0};
        for (double q : qualities) {
            metrics.recordResponseQuality("alice", q);
        }

        String scrape = registry.scrape();

        long[] similarityCumulative = {2, 2, 2, 3, 3, 4, 6, 7, 8, 8, 9, 10, 10, 13};
        double[] simLes = RagBuckets.SIMILARITY.boundaries();
        assertThat(simLes).containsExactly(10, 20, 30, 40, 50, 60, 65, 70, 75, 80, 85, 90, 95, 100);
        for (int i = 0; i < simLes.length; i++) {
            assertThat(scrape).contains("similarity_scores_bucket{query_type=\"hybrid\",le=\""
                    + simLes[i] + "\"} " + similarityCumulative[i]);
        }
        assertThat(scrape).contains("similarity_scores_bucket{query_type=\"hybrid\",le=\"+Inf\"} 13");
        long[] qualityCumulative = {0, 1, 1, 1, 2, 2, 3, 4, 5, 6};
        double[] qLes = RagBuckets.RESPONSE_QUALITY.boundaries();
        assertThat(qLes).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        for (int i = 0; i < qLes.length; i++) {
            assertThat(scrape).contains("response_quality_scores_bucket{user_id=\"alice\",le=\""
                    + qLes[i] + "\"} " + qualityCumulative[i]);
        }
        assertThat(scrape)
                .contains("response_quality_scores_bucket{user_id=\"alice\",le=\"+Inf\"} 6")
                .contains("response_quality_scores_sum{user_id=\"alice\"} 394.0")
                .contains("response_quality_scores_max{user_id=\"alice\"} 100.0");
        assertThat(scrape.lines().filter(l -> l.startsWith("similarity_scores_bucket{")).count())
                .isEqualTo(RagBuckets.SIMILARITY.size() + 1);
    }

    /**
     * {@code histogram_quantile(0.5, ...)} over a real scrape, evaluated by Prometheus itself
     * ({@code promtool test rules}), lands within one bucket (10 points) of the true median, 71.
     * With the former 0..1 buckets every score fell in le=1.0 and the query answered 0.95.
     */
    @Test
    void medianQualityFromPrometheusIsWithinOneBucketOfTheTrueMedian(@TempDir Path dir) throws Exception {
        RagMetrics metrics = RagMetrics.create(registry);
        for (int i = 0; i <= 100; i++) {
            metrics.recordResponseQuality("user-" + (i % 7), 0.42 + i * 0.0058); // median: i = 50
        }
        StringBuilder series = new StringBuilder();
        for (String line : registry.scrape().split("\n")) {
            if (line.startsWith("response_quality_scores_bucket{")) {
                int space = line.lastIndexOf(' ');
                series.append("      - series: '").append(line, 0, space).append("'\n")
                        .append("        values: '0+").append(line.substring(space + 1))
                        .append("x10'\n");
            }
        }
        assertThat(series.toString()).contains("le=\"70.0\"").contains("le=\"+Inf\"");
        String median = "histogram_quantile(0.5, sum by (le) (rate(response_quality_scores_bucket[5m])))";
        Path test = dir.resolve("median_test.yml");
        Files.writeString(test, "rule_files: []\n"
                + "evaluation_interval: 1m\n"
                + "tests:\n"
                + "  - interval: 1m\n"
                + "    input_series:\n"
                + series
                + "    promql_expr_test:\n"
                + "      - expr: 'abs(" + median + " - 71) <= bool 10'\n"
                + "        eval_time: 10m\n"
                + "        exp_samples:\n"
                + "          - labels: '{}'\n"
                + "            value: 1\n"
                + "      - expr: '" + median + " > bool 70'\n"
                + "        eval_time: 10m\n"
                + "        exp_samples:\n"
                + "          - labels: '{}'\n"
                + "            value: 1\n");

        Promtool.Result result = Promtool.run(null, "test", "rules", test.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void userIdIsBoundedByDefaultAndTotalsStayExact() {
        RagMetrics metrics = RagMetrics.create(registry);
        for (int i = 0; i < TagPolicy.DEFAULT_MAX_DISTINCT_VALUES + 5; i++) {
            metrics.recordQuery("user-" + i, "semantic", Outcome.SUCCESS, Duration.ofMillis(5));
            metrics.recordChunkRetrieved("user-" + i, "doc-" + i, 0.5, "semantic");
        }

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("rag_queries_total{query_type=\"semantic\",status=\"success\",user_id=\"user-99\"} 1.0")
                .doesNotContain("user_id=\"user-100\"")
                .contains("rag_queries_total{query_type=\"semantic\",status=\"success\",user_id=\"other\"} 5.0")
                .contains("chunks_retrieved_total{document_id=\"other\",user_id=\"other\"} 5.0")
                .contains("obskit_cardinality_overflow_total{key=\"user_id\",metric=\"rag.queries\"} 5.0")
                .contains("obskit_cardinality_overflow_total{key=\"document_id\",metric=\"chunks.retrieved\"} 5.0");
        long series = scrape.lines().filter(l -> l.startsWith("rag_queries_total{")).count();
        assertThat(series).isEqualTo(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES + 1);
    }

    @Test
    void queryTypesAreAClosedSetWithApplicationAdditions() {
        RagMetrics metrics = RagMetrics.builder(registry)
                .queryTypes("faq")
                .tagPolicies(TagPolicies.builder().policy("user_id", TagPolicy.drop()).build())
                .build();

        metrics.recordQuery("alice", "faq", Outcome.SUCCESS, Duration.ofMillis(5));
        metrics.recordQuery("bob", "free-form thing", Outcome.ERROR, Duration.ofMillis(5));
        metrics.recordQuery(null, null, null, null);

        String scrape = registry.scrape();

        assertThat(metrics.queryTypes()).containsExactly("semantic", "keyword", "hybrid", "faq");
        assertThat(scrape)
                .contains("rag_queries_total{query_type=\"faq\",status=\"success\"} 1.0")
                .contains("rag_queries_total{query_type=\"other\",status=\"error\"} 1.0")
                .contains("rag_queries_total{query_type=\"unknown\",status=\"unknown\"} 1.0")
                .doesNotContain("user_id=\"alice\"");
    }

    @Test
    void oddScoresNeverThrowAndKeepCountsExact() {
        RagMetrics metrics = RagMetrics.create(registry);
        metrics.recordChunkRetrieved("alice", "doc-1", -0.2, "semantic");
        metrics.recordChunkRetrieved("alice", "doc-1", Double.NaN, "semantic");
        metrics.recordResponseQuality("alice", Double.POSITIVE_INFINITY);
        metrics.recordEmbeddings("m", Outcome.ERROR, 0, Duration.ofMillis(1));

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("chunks_retrieved_total{document_id=\"doc-1\",user_id=\"alice\"} 2.0")
                .contains("similarity_scores_count{query_type=\"semantic\"} 1")
                .contains("similarity_scores_bucket{query_type=\"semantic\",le=\"10.0\"} 1")
                .contains("similarity_scores_sum{query_type=\"semantic\"} 0.0")
                .doesNotContain("response_quality_scores_count")
                .doesNotContain("embeddings_generated_total{")
                .contains("embedding_generation_duration_seconds_count{model=\"m\"} 1");
    }

    @Test
    void genAiMetricsUseTheSharedCatalogWithOneTagKeySetPerName() {
        RagMetrics metrics = RagMetrics.create(registry);
        genAi.recordOperation(GenAiRequest.embeddings().provider("local").model("m").build(), null, Duration.ofMillis(9));
        genAi.recordOperation(GenAiRequest.chat().provider("ollama").model("llama3").build(), "java.io.IOException", Duration.ofMillis(9));
        genAi.recordOperation(GenAiRequest.builder("summarize").provider("ollama").model("llama3").build(), null, Duration.ofMillis(9));
        genAi.recordInputTokens(GenAiRequest.chat().provider("ollama").model("llama3").build(), 412);
        genAi.recordOutputTokens(GenAiRequest.chat().provider("ollama").model("llama3").build(), -1);

        String scrape = registry.scrape();

        assertThat(registry.get(GenAiMeters.CLIENT_OPERATION_DURATION.getName()).timers())
                .allSatisfy(t -> assertThat(t.getId().getTags()).extracting(Tag::getKey).containsExactly(
                        "error.type", "gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model"));
        assertThat(scrape)
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\","
                        + "gen_ai_operation_name=\"embeddings\",gen_ai_provider_name=\"local\","
                        + "gen_ai_request_model=\"m\"} 1")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"java.io.IOException\","
                        + "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"ollama\","
                        + "gen_ai_request_model=\"llama3\"} 1")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\","
                        + "gen_ai_operation_name=\"_OTHER\",gen_ai_provider_name=\"ollama\","
                        + "gen_ai_request_model=\"llama3\"} 1")
                .contains("gen_ai_client_token_usage_sum{gen_ai_operation_name=\"chat\","
                        + "gen_ai_provider_name=\"ollama\",gen_ai_request_model=\"llama3\","
                        + "gen_ai_token_type=\"input\"} 412.0")
                .doesNotContain("gen_ai_token_type=\"output\"")
                .doesNotContain("error_type=\"none\"");
    }

    @Test
    void scrapePassesPromtoolCheckMetricsWithNoFindings() {
        RagMetrics metrics = RagMetrics.create(registry);
        metrics.recordQuery("alice", "semantic", Outcome.SUCCESS, Duration.ofMillis(700));
        metrics.recordChunkRetrieved("alice", "doc-1", 0.83, "semantic");
        metrics.recordEmbeddings("all-minilm-l6-v2", Outcome.SUCCESS, 1, Duration.ofMillis(9));
        metrics.recordResponseQuality("alice", 0.75);
        metrics.recordResponseQuality("alice", 0.7000000000000002);
        metrics.recordChunkRetrieved("alice", "doc-1", 1.0000000000000002, "semantic");
        genAi.recordOperation(GenAiRequest.chat().provider("ollama").model("llama3").build(), "java.net.SocketTimeoutException", Duration.ofSeconds(30));
        genAi.recordOperation(GenAiRequest.embeddings().provider("local").model("all-minilm-l6-v2").build(), null, Duration.ofMillis(9));
        genAi.recordInputTokens(GenAiRequest.embeddings().provider("local").model("all-minilm-l6-v2").build(), 11);
        genAi.recordOutputTokens(GenAiRequest.chat().provider("ollama").model("llama3").build(), 96);
        assertThat(registry.scrape())
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\",")
                .contains("gen_ai_client_token_usage_bucket{");

        Promtool.Result result = Promtool.checkMetrics(registry.scrape());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output()).isEmpty();
    }
}
