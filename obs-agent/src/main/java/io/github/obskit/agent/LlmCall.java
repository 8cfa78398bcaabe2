package io.github.obskit.agent;

import io.github.obskit.core.genai.GenAiOperation;
import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.opentelemetry.context.Context;

/**
 * One LLM call of the agent, started by {@link ChatTurn#llmCall(GenAiRequest)}, {@link
 * WorkflowRun#llmCall(GenAiRequest)} or {@link AgentTelemetry#llmCall(GenAiRequest)} (and their
 * {@code llmCallDetached} forms for streaming):
 *
 * <pre>{@code
 * try (LlmCall call = turn.llmCall(chatModel)) {
 *     Completion completion = client.complete(prompt);
 *     call.inputTokens(completion.promptTokens()).outputTokens(completion.completionTokens());
 *     return call.success(completion.text());
 * }
 * }</pre>
 *
 * <p>Records what every {@link GenAiOperation} records (the {@code chat {model}} CLIENT span with
 * {@code gen_ai.*} attributes, {@code gen_ai.client.operation.duration}, {@code
 * gen_ai.client.token.usage}, and for a streamed call reporting {@link #chunk()} the time to the
 * first chunk, once, and per output chunk), plus {@code llm_requests_total{provider,model,status}},
 * {@code llm_request_duration_seconds{provider,model}} and, when the facade's {@link PriceTable}
 * prices the request's provider and model and tokens were reported, {@code
 * gen_ai_client_cost_total}. Started in a chat turn, its span carries the turn's {@code
 * gen_ai.conversation.id}. Its methods may be called from any thread; a detached call may end on
 * another thread and is never made current.
 */
public final class LlmCall extends GenAiOperation {

    private final AgentMetrics agentMetrics;

    LlmCall(AgentTelemetry telemetry, GenAiRequest request, Context parent, String conversationId,
            boolean current) {
        super(telemetry.llmOperationType(), telemetry.genAiMetrics(), request, telemetry.tracing(), parent,
                telemetry.contentCapture(), current);
        this.agentMetrics = telemetry.metrics();
        if (conversationId != null) {
            span().setAttribute(SpanAttributeKeys.GEN_AI_CONVERSATION_ID, conversationId);
        }
    }

    @Override
    protected void onCallEnd(Outcome outcome, String errorType, long durationNanos) {
        GenAiRequest request = request();
        agentMetrics.recordLlmRequestNanos(request.providerName(), request.requestModel(), outcome, durationNanos);
        agentMetrics.recordCost(request.providerName(), request.requestModel(), reportedInputTokens(),
                reportedOutputTokens());
    }
}
