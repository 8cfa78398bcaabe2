package io.github.obskit.agent;

import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.OperationType;
import io.github.obskit.core.operation.Outcome;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * One stage of a workflow, started by {@link WorkflowRun#stage(String)}:
 *
 * <pre>{@code
 * try (WorkflowStep step = workflow.stage("retrieval")) {
 *     matches = index.search(question);
 *     step.success();
 * }
 * }</pre>
 *
 * <p>What is recorded: an INTERNAL span {@code workflow_stage {stage}} ({@link
 * AgentSpanKeys#WORKFLOW_STAGE}), child of the workflow's span; at close {@code
 * workflow_duration_seconds{workflow_type,stage}} and, when the workflow runs in a chat turn,
 * {@code chat_response_duration_seconds{workflow_stage}}. A stage outside the registered set is
 * {@code other} in metrics and keeps its name on the span. Outcome and context: as every {@link
 * Operation}.
 */
public final class WorkflowStep extends Operation {

    /** The prefix of the step span's name: {@code workflow_stage {stage}}. */
    public static final String SPAN_NAME_PREFIX = "workflow_stage";

    private final AgentMetrics metrics;
    private final String workflowType;
    private final String stage;
    private final boolean inChatTurn;

    WorkflowStep(AgentTelemetry telemetry, OperationType type, Context parent, String workflowType,
            String stage, boolean inChatTurn) {
        super(type, telemetry.tracing()
                .span(stage != null ? SPAN_NAME_PREFIX + " " + stage : SPAN_NAME_PREFIX)
                .kind(SpanKind.INTERNAL)
                .parent(parent)
                .attribute(AgentSpanKeys.WORKFLOW_STAGE, stage), true);
        this.metrics = telemetry.metrics();
        this.workflowType = workflowType;
        this.stage = stage;
        this.inChatTurn = inChatTurn;
    }

    @Override
    protected void onEnd(Outcome outcome, String errorType, long durationNanos) {
        metrics.recordWorkflowStageNanos(workflowType, stage, durationNanos);
        if (inChatTurn) {
            metrics.recordChatResponseNanos(stage, durationNanos);
        }
    }
}
