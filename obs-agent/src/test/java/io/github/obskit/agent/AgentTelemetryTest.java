package io.github.obskit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.core.tracing.ContentCapture;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Spans, log events and streaming through a real OTel SDK, logback encoder and Prometheus registry. */
class AgentTelemetryTest {

    private static final GenAiRequest CHAT = GenAiRequest.chat().provider("openai").model("gpt-4o").build();
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    private static final AttributeKey<String> CONVERSATION = AttributeKey.stringKey("gen_ai.conversation.id");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void aChatTurnRecordsAgentWorkflowToolAndChatSpansWithTheConventionsAttributes() {
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
                JsonLogCapture logs = new JsonLogCapture(AgentTelemetry.INSTRUMENTATION_NAME)) {
            AgentTelemetry agent = AgentTelemetry.builder(registry, tracing.openTelemetry())
                    .agentName("support").contentCapture(ContentCapture.truncatedTo(8)).build();
            Context before = Context.current();

            try (ChatTurn turn = agent.chat(ChatRequest.builder("m-1").userId("alice").language("de-AT")
                    .messageType("question").conversationId("conv-1").text("Wo ist meine Rechnung?").build())) {
                try (WorkflowRun workflow = turn.workflow("question_answering")) {
                    try (WorkflowStep step = workflow.stage("retrieval")) {
                        step.success();
                    }
                    try (ToolExecution tool = workflow.tool("search_documents")) {
                        tool.callId("call-7").arguments("{\"query\":\"invoice\"}");
                        tool.success(tool.result("3 documents found"));
                    }
                    try (LlmCall call = workflow.llmCall(CHAT)) {
                        call.inputTokens(10).outputTokens(5);
                        call.success();
                    }
                    workflow.success();
                }
                turn.qualityScore(0.9);
                turn.success(turn.response("Im Kundenportal."));
            }

            assertThat(Context.current()).isSameAs(before);
            SpanData agentSpan = tracing.span("invoke_agent support");
            SpanData workflowSpan = tracing.span("invoke_workflow question_answering");
            SpanData stepSpan = tracing.span("workflow_stage retrieval");
            SpanData toolSpan = tracing.span("execute_tool search_documents");
            SpanData chatSpan = tracing.span("chat gpt-4o");
            assertThat(agentSpan.getKind()).isEqualTo(SpanKind.INTERNAL);
            assertThat(workflowSpan.getKind()).isEqualTo(SpanKind.INTERNAL);
            assertThat(toolSpan.getKind()).isEqualTo(SpanKind.INTERNAL);
            assertThat(chatSpan.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(agentSpan.getAttributes().get(OPERATION)).isEqualTo("invoke_agent");
            assertThat(agentSpan.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.name"))).isEqualTo("support");
            assertThat(agentSpan.getAttributes().get(AgentSpanKeys.LANGUAGE)).isEqualTo("de");
            assertThat(agentSpan.getAttributes().get(AgentSpanKeys.QUALITY_SCORE)).isEqualTo(0.9);
            assertThat(agentSpan.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")))
                    .isEqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Wo ist m\"}]}]");
            assertThat(workflowSpan.getAttributes().get(OPERATION)).isEqualTo("invoke_workflow");
            assertThat(workflowSpan.getAttributes().get(AttributeKey.stringKey("gen_ai.workflow.name")))
                    .isEqualTo("question_answering");
            assertThat(toolSpan.getAttributes().get(OPERATION)).isEqualTo("execute_tool");
            assertThat(toolSpan.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name"))).isEqualTo("search_documents");
            assertThat(toolSpan.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.id"))).isEqualTo("call-7");
            assertThat(toolSpan.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.arguments"))).isEqualTo("{\"query\"");
            assertThat(toolSpan.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.result"))).isEqualTo("3 docume");
            for (SpanData span : new SpanData[] {agentSpan, workflowSpan, toolSpan, chatSpan}) {
                assertThat(span.getAttributes().get(CONVERSATION)).as(span.getName()).isEqualTo("conv-1");
                assertThat(span.getStatus().getStatusCode()).as(span.getName()).isEqualTo(StatusCode.UNSET);
            }
            assertThat(workflowSpan.getParentSpanId()).isEqualTo(agentSpan.getSpanId());
            assertThat(stepSpan.getParentSpanId()).isEqualTo(workflowSpan.getSpanId());
            assertThat(toolSpan.getParentSpanId()).isEqualTo(workflowSpan.getSpanId());
            assertThat(chatSpan.getParentSpanId()).isEqualTo(workflowSpan.getSpanId());

            assertThat(registry.scrape())
                    .contains("chat_requests_total{language=\"de\",status=\"success\",user_id=\"alice\"} 1.0")
                    .contains("chat_response_duration_seconds_count{workflow_stage=\"total\"} 1")
                    .contains("chat_response_duration_seconds_count{workflow_stage=\"retrieval\"} 1")
                    .contains("workflow_executions_total{status=\"success\",workflow_type=\"question_answering\"} 1.0")
                    .contains("workflow_duration_seconds_count{stage=\"retrieval\",workflow_type=\"question_answering\"} 1")
                    .contains("llm_requests_total{model=\"gpt-4o\",provider=\"openai\",status=\"success\"} 1.0");

            var event = logs.events(AgentTelemetry.CHAT_EVENT_TYPE);
            assertThat(event).hasSize(1);
            var e = event.get(0);
            assertThat(e.get("message_id").asString()).isEqualTo("m-1");
            assertThat(e.get("user_id").asString()).isEqualTo("alice");
            assertThat(e.get("message_type").asString()).isEqualTo("question");
            assertThat(e.get("status").asString()).isEqualTo("success");
            assertThat(e.get("quality_score").asDouble()).isEqualTo(0.9);
            assertThat(e.get("duration_ms").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(e.get("trace_id").asString()).isEqualTo(agentSpan.getTraceId());
            assertThat(e.get("span_id").asString()).isEqualTo(agentSpan.getSpanId());
        }
    }

    @Test
    void aFailedTurnRecordsTheErrorOnEverySignal() {
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
                JsonLogCapture logs = new JsonLogCapture(AgentTelemetry.INSTRUMENTATION_NAME)) {
            AgentTelemetry agent = AgentTelemetry.create(registry, tracing.openTelemetry());

            assertThatThrownBy(() -> agent.chat(ChatRequest.builder("m-2").userId("bob").language("fr").build(),
                    turn -> {
                        try (LlmCall call = turn.llmCall(CHAT)) {
                            throw new IllegalStateException("provider down");
                        }
                    })).isInstanceOf(IllegalStateException.class);

            assertThat(tracing.span("invoke_agent").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(tracing.span("chat gpt-4o").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(registry.scrape())
                    .contains("chat_requests_total{language=\"fr\",status=\"error\",user_id=\"bob\"} 1.0")
                    .contains("llm_requests_total{model=\"gpt-4o\",provider=\"openai\",status=\"error\"} 1.0");
            assertThat(logs.events("chat_message")).singleElement().satisfies(ev -> {
                assertThat(ev.get("status").asString()).isEqualTo("error");
                assertThat(ev.get("error_type").asString()).isEqualTo("java.lang.IllegalStateException");
            });
        }
    }

    @Test
    void aStreamedCallEndedOnAnotherThreadRecordsTimeToFirstChunkOnceAndLeavesNothingCurrent() throws Exception {
        ExecutorService callbacks = Executors.newSingleThreadExecutor();
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry()) {
            AgentTelemetry agent = AgentTelemetry.create(registry, tracing.openTelemetry());
            Context before = Context.current();
            CountDownLatch done = new CountDownLatch(1);
            Future<Span> stream;
            String turnSpanId;
            try (ChatTurn turn = agent.chat(ChatRequest.builder("m-3").conversationId("conv-3").build())) {
                turnSpanId = turn.span().getSpanContext().getSpanId();
                LlmCall call = turn.llmCallDetached(CHAT);
                assertThat(Span.current().getSpanContext().getSpanId()).isEqualTo(turnSpanId); // not made current
                stream = callbacks.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        call.chunk();
                    }
                    call.firstChunk(); // already had its first chunk: ignored
                    call.outputTokens(5);
                    call.success();
                    call.close();
                    done.countDown();
                    return Span.current();
                });
                assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
                turn.success();
            }
            assertThat(stream.get(10, TimeUnit.SECONDS).getSpanContext().isValid()).isFalse();
            assertThat(Context.current()).isSameAs(before);

            SpanData chat = tracing.span("chat gpt-4o");
            assertThat(chat.hasEnded()).isTrue();
            assertThat(chat.getParentSpanId()).isEqualTo(turnSpanId);
            assertThat(chat.getAttributes().get(CONVERSATION)).isEqualTo("conv-3");
            assertThat(chat.getAttributes().get(AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk"))).isNotNull();
            String scrape = registry.scrape();
            assertThat(scrape)
                    .contains("gen_ai_client_operation_time_to_first_chunk_seconds_count{gen_ai_operation_name=\"chat\","
                            + "gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o\"} 1")
                    .contains("gen_ai_client_operation_time_per_output_chunk_seconds_count{gen_ai_operation_name=\"chat\","
                            + "gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o\"} 4")
                    .contains("llm_requests_total{model=\"gpt-4o\",provider=\"openai\",status=\"success\"} 1.0");
            assertThat(tracing.spans()).hasSize(2).allMatch(SpanData::hasEnded);
        } finally {
            callbacks.shutdownNow();
        }
    }

    @Test
    void contentStaysOffSpansByDefault() {
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry()) {
            AgentTelemetry agent = AgentTelemetry.create(registry, tracing.openTelemetry());
            try (ChatTurn turn = agent.chat(ChatRequest.builder("m-4").text("secret prompt").build())) {
                try (ToolExecution tool = turn.tool("lookup")) {
                    tool.arguments("{\"ssn\":1}");
                    tool.success(tool.result("secret result"));
                }
                turn.success(turn.response("secret answer"));
            }
            assertThat(tracing.spans()).allSatisfy(span -> assertThat(span.getAttributes().asMap().toString())
                    .doesNotContain("secret").doesNotContain("ssn"));
        }
    }
}
