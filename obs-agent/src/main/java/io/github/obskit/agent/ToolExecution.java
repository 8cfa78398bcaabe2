package io.github.obskit.agent;

import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.OperationType;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.tracing.ContentCapture;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * One tool the agent executes, started by {@link ChatTurn#tool(String)}, {@link
 * WorkflowRun#tool(String)} or {@link AgentTelemetry#tool(String)}:
 *
 * <pre>{@code
 * try (ToolExecution tool = turn.tool("search_documents")) {
 *     tool.callId(call.id()).arguments(call.argumentsJson());
 *     String result = tools.run(call);
 *     return tool.success(tool.result(result));
 * }
 * }</pre>
 *
 * <p>What is recorded: an INTERNAL span {@code execute_tool {name}} with {@code
 * gen_ai.operation.name=execute_tool}, {@code gen_ai.tool.name}, {@code gen_ai.tool.call.id} and
 * the turn's {@code gen_ai.conversation.id}; the arguments ({@code gen_ai.tool.call.arguments})
 * and the result ({@code gen_ai.tool.call.result}) only when the facade's {@link ContentCapture}
 * opted in, truncated. Outcome and context: as every {@link Operation}; its methods may be
 * called from any thread.
 */
public final class ToolExecution extends Operation {

    private final ContentCapture capture;
    private volatile String callId;
    private volatile String arguments;
    private volatile String result;

    ToolExecution(AgentTelemetry telemetry, OperationType type, Context parent, String toolName,
            String conversationId) {
        super(type, telemetry.tracing()
                .span(toolName != null ? SpanAttributeKeys.GEN_AI_OPERATION_EXECUTE_TOOL + " " + toolName
                        : SpanAttributeKeys.GEN_AI_OPERATION_EXECUTE_TOOL)
                .kind(SpanKind.INTERNAL)
                .parent(parent)
                .attribute(SpanAttributeKeys.GEN_AI_OPERATION_NAME, SpanAttributeKeys.GEN_AI_OPERATION_EXECUTE_TOOL)
                .attribute(SpanAttributeKeys.GEN_AI_TOOL_NAME, toolName)
                .attribute(SpanAttributeKeys.GEN_AI_CONVERSATION_ID, conversationId), true);
        this.capture = telemetry.contentCapture();
    }

    /**
     * Records the model's id of this tool call ({@code gen_ai.tool.call.id}).
     *
     * @param id the id; {@code null} is ignored
     * @return this execution
     */
    public ToolExecution callId(String id) {
        if (id != null && !isClosed()) {
            this.callId = id;
        }
        return this;
    }

    /**
     * Records the call's arguments ({@code gen_ai.tool.call.arguments}), truncated, when content
     * capture opted in; otherwise nothing.
     *
     * @param argumentsJson the arguments, usually JSON, possibly {@code null}
     * @return this execution
     */
    public ToolExecution arguments(String argumentsJson) {
        if (capture.isEnabled() && argumentsJson != null && !isClosed()) {
            this.arguments = capture.apply(argumentsJson);
        }
        return this;
    }

    /**
     * Records the tool's result ({@code gen_ai.tool.call.result}), truncated, when content capture
     * opted in; otherwise nothing. Returns its argument, for {@code return
     * tool.success(tool.result(value));}.
     *
     * @param resultText the result, possibly {@code null}
     * @return {@code resultText}, unchanged
     */
    public String result(String resultText) {
        if (capture.isEnabled() && resultText != null && !isClosed()) {
            this.result = capture.apply(resultText);
        }
        return resultText;
    }

    @Override
    protected void onEnd(Outcome outcome, String errorType, long durationNanos) {
        Span span = span();
        if (!span.isRecording()) {
            return;
        }
        String id = callId;
        if (id != null) {
            span.setAttribute(SpanAttributeKeys.GEN_AI_TOOL_CALL_ID, id);
        }
        String args = arguments;
        if (args != null) {
            span.setAttribute(SpanAttributeKeys.GEN_AI_TOOL_CALL_ARGUMENTS, args);
        }
        String res = result;
        if (res != null) {
            span.setAttribute(SpanAttributeKeys.GEN_AI_TOOL_CALL_RESULT, res);
        }
    }
}
