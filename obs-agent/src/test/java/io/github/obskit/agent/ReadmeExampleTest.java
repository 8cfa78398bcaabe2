package io.github.obskit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.github.obskit.testsupport.ReadmeSnippets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.StatusCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's obs-agent usage section is the body of {@link #example}; this keeps them equal. */
class ReadmeExampleTest {

    private String example(MeterRegistry registry, OpenTelemetry openTelemetry, String messageId,
            String userId, String sessionId, String message) {
        // README:agent-start
        AgentTelemetry agent = AgentTelemetry.builder(registry, openTelemetry)
                .agentName("support")
                .priceTable(PriceTable.fromResource("llm-prices.properties")) // optional: cost per model
                .build();
        GenAiRequest chatModel = GenAiRequest.chat().provider("anthropic").model("claude-sonnet").build();

        agent.session(sessionId);                       // counted in active_sessions until ended or idle
        ChatRequest request = ChatRequest.builder(messageId)
                .userId(userId).language("en-US").messageType("question").conversationId(sessionId).build();
        return agent.chat(request, turn -> {
            String answer;
            try (WorkflowRun workflow = turn.workflow("question_answering")) {
                try (WorkflowStep step = workflow.stage("retrieval")) {
                    step.success();                     // closing without it records a failure
                }
                try (LlmCall call = workflow.llmCall(chatModel)) {
                    call.inputTokens(1_000).outputTokens(500);
                    answer = call.success("Invoices are under Billing > Documents.");
                }
                workflow.success();
            }
            turn.qualityScore(0.9);
            return answer;                              // success; an exception is recorded, rethrown
        });
        // README:agent-end
    }

    @Test
    void theReadmeExampleRecordsMetricsSpansAndLogs() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
                JsonLogCapture logs = new JsonLogCapture(AgentTelemetry.INSTRUMENTATION_NAME)) {

            String answer = example(registry, tracing.openTelemetry(), "m-readme", "alice", "s-readme",
                    "Where are my invoices?");

            assertThat(answer).startsWith("Invoices");
            assertThat(tracing.spans()).extracting(s -> s.getName()).containsExactlyInAnyOrder(
                    "invoke_agent support", "invoke_workflow question_answering", "workflow_stage retrieval",
                    "chat claude-sonnet");
            assertThat(registry.scrape())
                    .contains("chat_requests_total{language=\"en\",status=\"success\",user_id=\"alice\"} 1.0")
                    .contains("workflow_executions_total{status=\"success\",workflow_type=\"question_answering\"} 1.0")
                    .contains("llm_requests_total{model=\"claude-sonnet\",provider=\"anthropic\",status=\"success\"} 1.0")
                    .contains("gen_ai_client_cost_total{currency=\"USD\",model=\"claude-sonnet\",provider=\"anthropic\"} 0.0105")
                    .contains("active_sessions 1.0")
                    .doesNotContain("status=\"error\"");
            assertThat(tracing.spans()).allSatisfy(span ->
                    assertThat(span.getStatus().getStatusCode()).as(span.getName()).isEqualTo(StatusCode.UNSET));
            assertThat(logs.events("chat_message")).singleElement()
                    .satisfies(e -> assertThat(e.get("message_id").asString()).isEqualTo("m-readme"));
        }
    }

    @Test
    void theReadmeShowsExactlyThisExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/github/obskit/agent/ReadmeExampleTest.java"));
        String snippet = ReadmeSnippets.between(source, "// README:agent-start", "// README:agent-end");
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).contains("```java\n" + snippet + "```\n");
    }
}
