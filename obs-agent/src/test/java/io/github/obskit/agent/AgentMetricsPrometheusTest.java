package io.github.obskit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.genai.GenAiMeters;
import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.core.metrics.Buckets;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.Promtool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Scrapes a real PrometheusMeterRegistry fed by {@link AgentMetrics} and {@link AgentTelemetry}. */
class AgentMetricsPrometheusTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void everyMetricHasTheSpecNameAndLabelSetAndPassesPromtool() {
        AgentMetrics metrics = AgentMetrics.builder(registry).priceTable(PriceTable.builder()
                .price("openai", "gpt-4o", ModelPrice.perMillionTokens(new BigDecimal("2.5"), BigDecimal.TEN,
                        Currency.getInstance("USD"))).build()).build();

        metrics.recordChatRequest("alice", "en-US", Outcome.SUCCESS);
        metrics.recordChatRequest("alice", "EN", Outcome.SUCCESS);
        metrics.recordChatRequest("bob", "tlh", Outcome.ERROR);
        metrics.recordChatResponseDuration(AgentTagKeys.TOTAL_STAGE, Duration.ofMillis(1500));
        metrics.recordWorkflow("question_answering", Outcome.SUCCESS, Duration.ofMillis(1200));
        metrics.recordWorkflowStage("question_answering", "retrieval", Duration.ofMillis(30));
        metrics.recordLlmRequest("openai", "gpt-4o", Outcome.SUCCESS, Duration.ofMillis(900));
        metrics.recordCost("openai", "gpt-4o", 1_000, 500);
        metrics.recordSessionStarted();
        metrics.recordSessionStarted();
        metrics.recordSessionEnded(Duration.ofMinutes(4));

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("# TYPE chat_requests_total counter")
                .contains("chat_requests_total{language=\"en\",status=\"success\",user_id=\"alice\"} 2.0")
                .contains("chat_requests_total{language=\"other\",status=\"error\",user_id=\"bob\"} 1.0")
                .contains("# TYPE chat_response_duration_seconds histogram")
                .contains("chat_response_duration_seconds_bucket{workflow_stage=\"total\",le=\"1.28\"} 0")
                .contains("chat_response_duration_seconds_bucket{workflow_stage=\"total\",le=\"2.56\"} 1")
                .contains("# TYPE workflow_executions_total counter")
                .contains("workflow_executions_total{status=\"success\",workflow_type=\"question_answering\"} 1.0")
                .contains("# TYPE workflow_duration_seconds histogram")
                .contains("workflow_duration_seconds_count{stage=\"total\",workflow_type=\"question_answering\"} 1")
                .contains("workflow_duration_seconds_bucket{stage=\"retrieval\",workflow_type=\"question_answering\",le=\"0.02\"} 0")
                .contains("workflow_duration_seconds_bucket{stage=\"retrieval\",workflow_type=\"question_answering\",le=\"0.04\"} 1")
                .contains("# TYPE llm_requests_total counter")
                .contains("llm_requests_total{model=\"gpt-4o\",provider=\"openai\",status=\"success\"} 1.0")
                .contains("# TYPE llm_request_duration_seconds histogram")
                .contains("llm_request_duration_seconds_bucket{model=\"gpt-4o\",provider=\"openai\",le=\"1.28\"} 1")
                .contains("# TYPE active_sessions gauge")
                .contains("active_sessions 1.0")
                .contains("# TYPE session_duration_seconds histogram")
                .contains("session_duration_seconds_bucket{le=\"120.0\"} 0")
                .contains("session_duration_seconds_bucket{le=\"300.0\"} 1")
                .contains("# TYPE gen_ai_client_cost_total counter")
                .contains("gen_ai_client_cost_total{currency=\"USD\",model=\"gpt-4o\",provider=\"openai\"} 0.0075")
                .contains("# HELP chat_requests_total Total number of chat requests")
                .doesNotContain("quantile=");

        // Each histogram publishes exactly its catalog buckets plus +Inf, nothing more.
        assertThat(bucketCount(scrape, "chat_response_duration_seconds", "workflow_stage=\"total\""))
                .isEqualTo(Buckets.GEN_AI_SECONDS.size() + 1);
        assertThat(bucketCount(scrape, "llm_request_duration_seconds", "provider=\"openai\""))
                .isEqualTo(Buckets.GEN_AI_SECONDS.size() + 1);
        assertThat(bucketCount(scrape, "session_duration_seconds", "")).isEqualTo(12);
        assertThat(labelSets(scrape, "chat_requests_total")).containsOnly("language,status,user_id");
        assertThat(labelSets(scrape, "chat_response_duration_seconds_count")).containsOnly("workflow_stage");
        assertThat(labelSets(scrape, "workflow_executions_total")).containsOnly("status,workflow_type");
        assertThat(labelSets(scrape, "workflow_duration_seconds_count")).containsOnly("stage,workflow_type");
        assertThat(labelSets(scrape, "llm_requests_total")).containsOnly("model,provider,status");
        assertThat(labelSets(scrape, "llm_request_duration_seconds_count")).containsOnly("model,provider");
        assertThat(labelSets(scrape, "gen_ai_client_cost_total")).containsOnly("currency,model,provider");

        Promtool.Result result = Promtool.checkMetrics(scrape);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEmpty();
    }

    @Test
    void anLlmCallRecordsTheSpecAndTheGenAiMetricsWithTheConventionsBuckets() {
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry()) {
            AgentTelemetry agent = AgentTelemetry.create(registry, tracing.openTelemetry());
            GenAiRequest chat = GenAiRequest.chat().provider("ollama").model("llama3").build();
            try (LlmCall call = agent.llmCall(chat)) {
                call.inputTokens(412).outputTokens(96);
                call.success();
            }
            String scrape = registry.scrape();

            assertThat(scrape)
                    .contains("llm_requests_total{model=\"llama3\",provider=\"ollama\",status=\"success\"} 1.0")
                    .contains("llm_request_duration_seconds_count{model=\"llama3\",provider=\"ollama\"} 1")
                    .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\",gen_ai_operation_name=\"chat\","
                            + "gen_ai_provider_name=\"ollama\",gen_ai_request_model=\"llama3\"} 1")
                    .contains("gen_ai_client_token_usage_bucket{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"ollama\","
                            + "gen_ai_request_model=\"llama3\",gen_ai_token_type=\"input\",le=\"256.0\"} 0")
                    .contains("gen_ai_client_token_usage_bucket{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"ollama\","
                            + "gen_ai_request_model=\"llama3\",gen_ai_token_type=\"input\",le=\"1024.0\"} 1")
                    .contains("gen_ai_client_token_usage_sum{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"ollama\","
                            + "gen_ai_request_model=\"llama3\",gen_ai_token_type=\"output\"} 96.0")
                    .doesNotContain("gen_ai_client_cost_total{") // no price table: no cost, not zero
                    .doesNotContain("gen_ai_token_type=\"total\"");

            List<Double> tokenBuckets = bucketBounds(scrape, "gen_ai_client_token_usage", "gen_ai_token_type=\"input\"");
            // The conventions' list: 1, 4, 16, ... 67108864 (quadrupling).
            List<Double> conventions = Arrays.stream(new double[] {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536,
                262144, 1048576, 4194304, 16777216, 67108864}).boxed().collect(Collectors.toList());
            assertThat(tokenBuckets).isEqualTo(conventions);
            assertThat(GenAiMeters.CLIENT_TOKEN_USAGE.definition().buckets().orElseThrow().boundaries())
                    .containsExactly(conventions.stream().mapToDouble(Double::doubleValue).toArray());
            assertThat(Promtool.checkMetrics(scrape).exitCode()).isZero();
        }
    }

    @Test
    void registeredSetsAreExtendedByTheApplicationAndEverythingElseIsOther() {
        AgentMetrics metrics = AgentMetrics.builder(registry)
                .workflowTypes("ticket_triage").workflowStages("reranking").languages("sw").build();

        metrics.recordWorkflow("ticket_triage", Outcome.SUCCESS, Duration.ofMillis(5));
        metrics.recordWorkflow("made_up", Outcome.SUCCESS, Duration.ofMillis(5));
        metrics.recordWorkflowStage("ticket_triage", "reranking", Duration.ofMillis(5));
        metrics.recordChatResponseDuration("reranking", Duration.ofMillis(5));
        metrics.recordChatResponseDuration("made_up", Duration.ofMillis(5));
        metrics.recordChatRequest("alice", "sw-KE", Outcome.SUCCESS);
        metrics.recordChatRequest("alice", null, Outcome.SUCCESS);

        assertThat(registry.scrape())
                .contains("workflow_executions_total{status=\"success\",workflow_type=\"ticket_triage\"} 1.0")
                .contains("workflow_executions_total{status=\"success\",workflow_type=\"other\"} 1.0")
                .contains("workflow_duration_seconds_count{stage=\"reranking\",workflow_type=\"ticket_triage\"} 1")
                .contains("chat_response_duration_seconds_count{workflow_stage=\"reranking\"} 1")
                .contains("chat_response_duration_seconds_count{workflow_stage=\"other\"} 1")
                .contains("chat_requests_total{language=\"sw\",status=\"success\",user_id=\"alice\"} 1.0")
                .contains("chat_requests_total{language=\"unknown\",status=\"success\",user_id=\"alice\"} 1.0");
        assertThat(metrics.workflowTypes()).endsWith("ticket_triage");
        assertThat(metrics.languages()).hasSize(AgentTagKeys.BUILT_IN_LANGUAGES.size() + 1);
    }

    @Test
    void userIdIsBoundedAndTheOverflowIsCountedNotDropped() {
        AgentMetrics metrics = AgentMetrics.create(registry);
        for (int i = 0; i < 150; i++) {
            metrics.recordChatRequest("user-" + i, "de", Outcome.SUCCESS);
        }
        String scrape = registry.scrape();
        assertThat(scrape.lines().filter(l -> l.startsWith("chat_requests_total{")).count()).isEqualTo(101);
        assertThat(scrape).contains("chat_requests_total{language=\"de\",status=\"success\",user_id=\"other\"} 50.0");
    }

    private static long bucketCount(String scrape, String name, String labelPart) {
        return scrape.lines().filter(l -> l.startsWith(name + "_bucket{") && l.contains(labelPart)).count();
    }

    private static List<Double> bucketBounds(String scrape, String name, String labelPart) {
        Pattern le = Pattern.compile("le=\"([^\"]+)\"");
        return scrape.lines().filter(l -> l.startsWith(name + "_bucket{") && l.contains(labelPart))
                .map(l -> {
                    Matcher m = le.matcher(l);
                    m.find();
                    return m.group(1);
                })
                .filter(v -> !v.equals("+Inf")).map(Double::valueOf).collect(Collectors.toList());
    }

    private static List<String> labelSets(String scrape, String series) {
        Pattern label = Pattern.compile("([a-z_]+)=\"");
        return scrape.lines().filter(l -> l.startsWith(series + "{")).map(l -> {
            Matcher m = label.matcher(l.substring(series.length(), l.indexOf('}')));
            List<String> names = new java.util.ArrayList<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return String.join(",", names);
        }).distinct().collect(Collectors.toList());
    }
}
