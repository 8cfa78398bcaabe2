package io.github.obskit.agent;

import io.github.obskit.agent.internal.Messages;
import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.core.logging.LogEvent;
import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.SpanStarter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;

/**
 * The agent's handling of one chat message, started by {@link AgentTelemetry#chat(ChatRequest)}.
 * Its workflows, tools and LLM calls are child operations: {@link #workflow(String)}, {@link
 * #tool(String)}, {@link #llmCall(GenAiRequest)}, {@link #llmCallDetached(GenAiRequest)}.
 *
 * <pre>{@code
 * try (ChatTurn turn = agent.chat(ChatRequest.builder(messageId)
 *         .userId(userId).language("en-US").conversationId(sessionId).build())) {
 *     try (LlmCall call = turn.llmCall(chatModel)) {
 *         answer = call.success(client.complete(message));
 *     }
 *     turn.qualityScore(0.9);
 *     return turn.success(answer);
 * }
 * }</pre>
 *
 * <p>What is recorded: an INTERNAL span {@code invoke_agent {agent}} with {@code
 * gen_ai.operation.name=invoke_agent}, {@code gen_ai.agent.name}, {@code gen_ai.conversation.id},
 * {@code user.id} and {@link AgentSpanKeys} (message id and type, language, and at the end status
 * and quality score), the message and the response ({@code gen_ai.input.messages}, {@code
 * gen_ai.output.messages}) only when content capture opted in, truncated; at close {@code
 * chat_requests_total{user_id,language,status}}, {@code
 * chat_response_duration_seconds{workflow_stage="total"}} and one {@code chat_message} log
 * event ({@link AgentLogFields}: message_id, user_id, message_type, quality_score when reported,
 * then status, duration_ms, trace_id, span_id and on failure error_type). The message keeps its
 * conversation's session ({@link AgentTelemetry#session(String)}) from expiring. The facade's
 * {@link AgentListener}s are told when the turn is the first of its session and when it ends.
 * Outcome,
 * context and threads: as every {@link Operation}.
 */
public final class ChatTurn extends Operation {

    private final AgentTelemetry telemetry;
    private final ChatRequest request;
    private volatile double qualityScore = Double.NaN;
    private volatile String responseText;

    ChatTurn(AgentTelemetry telemetry, ChatRequest request) {
        super(telemetry.chatOperationType(), starter(telemetry, request), true);
        this.telemetry = telemetry;
        this.request = request;
        AgentSession session = telemetry.sessions().touch(request.conversationId());
        if (session != null && session.claimFirstTurn()) {
            telemetry.chatSessionStarted(request);
        }
    }

    private static SpanStarter starter(AgentTelemetry telemetry, ChatRequest request) {
        String agent = request.agentName() != null ? request.agentName() : telemetry.agentName();
        String input = telemetry.contentCapture().apply(request.text());
        return telemetry.tracing()
                .span(agent != null ? SpanAttributeKeys.GEN_AI_OPERATION_INVOKE_AGENT + " " + agent
                        : SpanAttributeKeys.GEN_AI_OPERATION_INVOKE_AGENT)
                .kind(SpanKind.INTERNAL)
                .attribute(SpanAttributeKeys.GEN_AI_OPERATION_NAME, SpanAttributeKeys.GEN_AI_OPERATION_INVOKE_AGENT)
                .attribute(SpanAttributeKeys.GEN_AI_AGENT_NAME, agent)
                .attribute(SpanAttributeKeys.GEN_AI_CONVERSATION_ID, request.conversationId())
                .attribute(SpanAttributeKeys.USER_ID, request.userId())
                .attribute(AgentSpanKeys.MESSAGE_ID, request.messageId())
                .attribute(AgentSpanKeys.MESSAGE_TYPE, request.messageType())
                .attribute(AgentSpanKeys.LANGUAGE, request.language())
                .attribute(SpanAttributeKeys.GEN_AI_INPUT_MESSAGES, input != null ? Messages.single("user", input) : null);
    }

    /**
     * Starts a workflow in this turn: an {@code invoke_workflow {type}} span, child of this one;
     * its stages also record {@code chat_response_duration_seconds{workflow_stage}}.
     *
     * @param workflowType a registered workflow type, such as {@code question_answering}
     * @return the workflow; close it (try-with-resources)
     */
    public WorkflowRun workflow(String workflowType) {
        return new WorkflowRun(telemetry, childContext(), workflowType, request.conversationId(), true);
    }

    /**
     * Starts a tool execution in this turn: an {@code execute_tool {name}} span, child of this one.
     *
     * @param toolName the tool's name ({@code gen_ai.tool.name})
     * @return the execution; close it (try-with-resources)
     */
    public ToolExecution tool(String toolName) {
        return new ToolExecution(telemetry, telemetry.toolOperationType(), childContext(), toolName,
                request.conversationId());
    }

    /**
     * Starts an LLM call in this turn, current on this thread until it closes.
     *
     * @param request the model's request, such as {@code GenAiRequest.chat().provider("openai").model("gpt-4o").build()}
     * @return the call; close it (try-with-resources)
     * @throws NullPointerException when {@code request} is {@code null}
     */
    public LlmCall llmCall(GenAiRequest request) {
        return new LlmCall(telemetry, request, childContext(), this.request.conversationId(), true);
    }

    /**
     * Starts an LLM call in this turn that is never made current and may end on another thread,
     * such as a streamed response ended by its last callback; report chunks with {@link
     * LlmCall#chunk()}.
     *
     * @param request the model's request
     * @return the call; close it when the stream ends, on any thread
     * @throws NullPointerException when {@code request} is {@code null}
     */
    public LlmCall llmCallDetached(GenAiRequest request) {
        return new LlmCall(telemetry, request, childContext(), this.request.conversationId(), false);
    }

    /**
     * Records the response's quality score, on the span ({@link AgentSpanKeys#QUALITY_SCORE}) and
     * in the log event ({@link AgentLogFields#QUALITY_SCORE}). Ignored after close; the last value
     * counts.
     *
     * @param score on a 0..1 scale; non-finite values are ignored
     * @return this turn
     */
    public ChatTurn qualityScore(double score) {
        if (Double.isFinite(score) && !isClosed()) {
            this.qualityScore = score;
        }
        return this;
    }

    /**
     * Records the agent's response text ({@code gen_ai.output.messages}), truncated, when content
     * capture opted in; otherwise nothing. Returns its argument, for {@code return
     * turn.success(turn.response(answer));}.
     *
     * @param text the response, possibly {@code null}
     * @return {@code text}, unchanged
     */
    public String response(String text) {
        String captured = telemetry.contentCapture().apply(text);
        if (captured != null && !isClosed()) {
            this.responseText = captured;
        }
        return text;
    }

    /**
     * Returns what the turn was started with.
     *
     * @return the request
     */
    public ChatRequest request() {
        return request;
    }

    @Override
    protected void onEnd(Outcome outcome, String errorType, long durationNanos) {
        AgentMetrics metrics = telemetry.metrics();
        metrics.recordChatRequest(request.userId(), request.language(), outcome);
        metrics.recordChatResponseNanos(AgentTagKeys.TOTAL_STAGE, durationNanos);
        telemetry.chatTurnEnded(request, outcome);
        Span span = span();
        if (span.isRecording()) {
            span.setAttribute(AgentSpanKeys.STATUS, outcome.tagValue());
            double score = qualityScore;
            if (!Double.isNaN(score)) {
                span.setAttribute(AgentSpanKeys.QUALITY_SCORE, score);
            }
            String response = responseText;
            if (response != null) {
                span.setAttribute(SpanAttributeKeys.GEN_AI_OUTPUT_MESSAGES, Messages.single("assistant", response));
            }
        }
    }

    @Override
    protected void logFields(LogEvent event) {
        event.field(AgentLogFields.MESSAGE_ID, request.messageId())
                .userId(request.userId())
                .field(AgentLogFields.MESSAGE_TYPE, request.messageType());
        double score = qualityScore;
        if (!Double.isNaN(score)) {
            event.field(AgentLogFields.QUALITY_SCORE, score);
        }
    }
}
