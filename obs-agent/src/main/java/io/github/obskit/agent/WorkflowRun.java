package io.github.obskit.agent;

import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * One agent workflow, started by {@link ChatTurn#workflow(String)} or {@link
 * AgentTelemetry#workflow(String)}. Its stages, tools and LLM calls are child operations:
 *
 * <pre>{@code
 * try (WorkflowRun workflow = turn.workflow("question_answering")) {
 *     try (WorkflowStep step = workflow.stage("retrieval")) {
 *         matches = step.success(index.search(question));
 *     }
 *     try (LlmCall call = workflow.llmCall(chatModel)) {
 *         answer = call.success(client.complete(prompt(question, matches)));
 *     }
 *     return workflow.success(answer);
 * }
 * }</pre>
 *
 * <p>What is recorded: an INTERNAL span {@code invoke_workflow {workflow_type}} with {@code
 * gen_ai.operation.name=invoke_workflow}, {@code gen_ai.workflow.name} and the turn's {@code
 * gen_ai.conversation.id}; at close {@code workflow_executions_total{workflow_type,status}} and
 * {@code workflow_duration_seconds{workflow_type,stage="total"}}. A type outside the registered
 * set is {@code other} in metrics and keeps its name on the span. Outcome and context: as every
 * {@link Operation}.
 */
public final class WorkflowRun extends Operation {

    private final AgentTelemetry telemetry;
    private final String workflowType;
    private final String conversationId;
    private final boolean inChatTurn;

    WorkflowRun(AgentTelemetry telemetry, Context parent, String workflowType, String conversationId,
            boolean inChatTurn) {
        super(telemetry.workflowOperationType(), telemetry.tracing()
                .span(workflowType != null
                        ? SpanAttributeKeys.GEN_AI_OPERATION_INVOKE_WORKFLOW + " " + workflowType
                        : SpanAttributeKeys.GEN_AI_OPERATION_INVOKE_WORKFLOW)
                .kind(SpanKind.INTERNAL)
                .parent(parent)
                .attribute(SpanAttributeKeys.GEN_AI_OPERATION_NAME, SpanAttributeKeys.GEN_AI_OPERATION_INVOKE_WORKFLOW)
                .attribute(SpanAttributeKeys.GEN_AI_WORKFLOW_NAME, workflowType)
                .attribute(SpanAttributeKeys.GEN_AI_CONVERSATION_ID, conversationId), true);
        this.telemetry = telemetry;
        this.workflowType = workflowType;
        this.conversationId = conversationId;
        this.inChatTurn = inChatTurn;
    }

    /**
     * Starts one stage of the workflow: a {@code workflow_stage {stage}} span, child of this one.
     *
     * @param stage a registered stage, such as {@code retrieval}
     * @return the step; close it (try-with-resources)
     */
    public WorkflowStep stage(String stage) {
        return new WorkflowStep(telemetry, telemetry.stepOperationType(), childContext(), workflowType, stage,
                inChatTurn);
    }

    /**
     * Starts a tool execution in the workflow: an {@code execute_tool {name}} span, child of this one.
     *
     * @param toolName the tool's name ({@code gen_ai.tool.name})
     * @return the execution; close it (try-with-resources)
     */
    public ToolExecution tool(String toolName) {
        return new ToolExecution(telemetry, telemetry.toolOperationType(), childContext(), toolName, conversationId);
    }

    /**
     * Starts an LLM call in the workflow, current on this thread until it closes.
     *
     * @param request the model's request, such as {@code GenAiRequest.chat().provider("openai").model("gpt-4o").build()}
     * @return the call; close it (try-with-resources)
     * @throws NullPointerException when {@code request} is {@code null}
     */
    public LlmCall llmCall(GenAiRequest request) {
        return new LlmCall(telemetry, request, childContext(), conversationId, true);
    }

    /**
     * Starts an LLM call in the workflow that is never made current and may end on another
     * thread (a streamed response ended by its last callback).
     *
     * @param request the model's request
     * @return the call; close it when the stream ends, on any thread
     * @throws NullPointerException when {@code request} is {@code null}
     */
    public LlmCall llmCallDetached(GenAiRequest request) {
        return new LlmCall(telemetry, request, childContext(), conversationId, false);
    }

    @Override
    protected void onEnd(Outcome outcome, String errorType, long durationNanos) {
        telemetry.metrics().recordWorkflowNanos(workflowType, outcome, durationNanos);
    }
}
