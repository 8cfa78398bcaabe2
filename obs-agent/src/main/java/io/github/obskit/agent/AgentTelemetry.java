package io.github.obskit.agent;

import io.github.obskit.core.genai.GenAiMetrics;
import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.logging.StructuredLogger;
import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.OperationType;
import io.github.obskit.core.operation.OperationWork;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.tracing.ContentCapture;
import io.github.obskit.core.tracing.Tracing;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Records the metrics, the spans (OpenTelemetry GenAI semantic conventions) and the {@code
 * chat_message} log event of an agent API, one call per operation: {@link #chat(ChatRequest)} for
 * a chat message and what the agent does for it (workflows, tools, LLM calls), {@link
 * #session(String)} for user sessions, and {@link #workflow(String)}, {@link #tool(String)},
 * {@link #llmCall(GenAiRequest)} for work outside a chat turn.
 *
 * <p>Created once at start-up with {@link #create(MeterRegistry, OpenTelemetry)} or {@link
 * #builder(MeterRegistry, OpenTelemetry)}; thread-safe. The application supplies the registry
 * and the OpenTelemetry instance (obskit never looks up a global one). Messages, prompts,
 * completions and tool arguments and results stay off spans unless the builder opts in ({@link
 * AgentTelemetryBuilder#contentCapture(ContentCapture)}). Log events go to the SLF4J logger
 * {@code io.github.obskit.agent} unless the builder names another. {@link AgentListener}s added
 * with {@link AgentTelemetryBuilder#listener(AgentListener)} are told of sessions' first turns and
 * of every turn's end, so that another metric set counts them without a second call. Every handle follows <a
 * href="../core/operation/Operation.html#outcome">the outcome rule</a> of {@link Operation}.
 */
public final class AgentTelemetry {

    /** The instrumentation scope name of the tracer, and the default event logger name. */
    public static final String INSTRUMENTATION_NAME = "io.github.obskit.agent";

    /** The event type of the log event written once per chat turn. */
    public static final String CHAT_EVENT_TYPE = "chat_message";

    private final AgentMetrics metrics;
    private final GenAiMetrics genAiMetrics;
    private final Tracing tracing;
    private final ContentCapture contentCapture;
    private final String agentName;
    private final OperationType chatType;
    private final OperationType llmType = OperationType.builder("llm_call").build();
    private final OperationType workflowType = OperationType.builder("workflow").build();
    private final OperationType stepType = OperationType.builder("workflow_stage").build();
    private final OperationType toolType = OperationType.builder("tool_execution").build();
    private final Sessions sessions;
    private final AgentListener[] listeners;

    AgentTelemetry(AgentMetrics metrics, GenAiMetrics genAiMetrics, OpenTelemetry openTelemetry,
            StructuredLogger events, String agentName, Clock clock, Duration idleTimeout, Duration sweepInterval,
            List<AgentListener> listeners) {
        this.listeners = listeners.toArray(new AgentListener[0]);
        this.metrics = metrics;
        this.genAiMetrics = genAiMetrics;
        this.tracing = Tracing.create(openTelemetry, INSTRUMENTATION_NAME);
        this.contentCapture = events.contentCapture();
        this.agentName = agentName;
        this.chatType = OperationType.builder(CHAT_EVENT_TYPE).events(events).build();
        this.sessions = new Sessions(OperationType.builder("chat_session").build(), tracing, metrics, clock,
                idleTimeout, sweepInterval);
    }

    /**
     * Creates the facade with default options: default tag policies and registered sets, no price
     * table, no content capture, sessions expiring after 30 idle minutes, and the event logger
     * {@code io.github.obskit.agent}.
     *
     * @param registry where the metrics are registered
     * @param openTelemetry supplies the tracer
     * @return the facade
     */
    public static AgentTelemetry create(MeterRegistry registry, OpenTelemetry openTelemetry) {
        return builder(registry, openTelemetry).build();
    }

    /**
     * Starts a facade with options.
     *
     * @param registry where the metrics are registered
     * @param openTelemetry supplies the tracer
     * @return a builder
     */
    public static AgentTelemetryBuilder builder(MeterRegistry registry, OpenTelemetry openTelemetry) {
        return new AgentTelemetryBuilder(registry, openTelemetry);
    }

    /**
     * Starts one chat turn: the {@code invoke_agent {agent}} span, child of the current span and
     * current until closed. See {@link ChatTurn} for what is recorded.
     *
     * @param request the message's id, user, language, type and conversation; {@code null}
     *     records a turn without them
     * @return the turn; close it (try-with-resources)
     */
    public ChatTurn chat(ChatRequest request) {
        return new ChatTurn(this, ChatRequest.orEmpty(request));
    }

    /**
     * Handles one chat message with {@code work} (the lambda form of {@link #chat(ChatRequest)}).
     *
     * @param request the message
     * @param work handles it
     * @param <T> what the work returns
     * @param <E> the checked exception the work may throw
     * @return what the work returned
     * @throws E when the work throws it
     */
    public <T, E extends Throwable> T chat(ChatRequest request, OperationWork<ChatTurn, T, E> work) throws E {
        return Operation.run(chat(request), work);
    }

    /**
     * Returns the open session with this id, starting it (one more in {@code active_sessions})
     * when none is open, and records activity on it. See {@link AgentSession}.
     *
     * @param sessionId the session's id ({@code session.id}), such as the conversation id
     * @return the session; end it with {@link AgentSession#end()}, or let it expire
     * @throws NullPointerException when {@code sessionId} is {@code null}
     */
    public AgentSession session(String sessionId) {
        return sessions.session(sessionId);
    }

    /**
     * Expires every session idle for the idle timeout now, instead of waiting for the next sweep.
     *
     * @return how many sessions expired
     */
    public int expireIdleSessions() {
        return sessions.sweep();
    }

    /**
     * Starts a workflow outside a chat turn: an {@code invoke_workflow {type}} span, child of the
     * current span. See {@link WorkflowRun}.
     *
     * @param workflowType a registered workflow type
     * @return the workflow; close it (try-with-resources)
     */
    public WorkflowRun workflow(String workflowType) {
        return new WorkflowRun(this, null, workflowType, null, false);
    }

    /**
     * Runs one workflow with {@code work} (the lambda form of {@link #workflow(String)}).
     *
     * @param workflowType a registered workflow type
     * @param work runs it
     * @param <T> what the work returns
     * @param <E> the checked exception the work may throw
     * @return what the work returned
     * @throws E when the work throws it
     */
    public <T, E extends Throwable> T workflow(String workflowType, OperationWork<WorkflowRun, T, E> work) throws E {
        return Operation.run(workflow(workflowType), work);
    }

    /**
     * Starts a tool execution outside a chat turn: an {@code execute_tool {name}} span, child of
     * the current span. See {@link ToolExecution}.
     *
     * @param toolName the tool's name
     * @return the execution; close it (try-with-resources)
     */
    public ToolExecution tool(String toolName) {
        return new ToolExecution(this, toolType, null, toolName, null);
    }

    /**
     * Starts an LLM call outside a chat turn, current on this thread until it closes. See {@link LlmCall}.
     *
     * @param request the model's request
     * @return the call; close it (try-with-resources)
     * @throws NullPointerException when {@code request} is {@code null}
     */
    public LlmCall llmCall(GenAiRequest request) {
        return new LlmCall(this, request, null, null, true);
    }

    /**
     * Starts an LLM call outside a chat turn that is never made current and may end on another
     * thread (streaming). Its span is a child of the current span.
     *
     * @param request the model's request
     * @return the call; close it when the stream ends, on any thread
     * @throws NullPointerException when {@code request} is {@code null}
     */
    public LlmCall llmCallDetached(GenAiRequest request) {
        return new LlmCall(this, request, null, null, false);
    }

    /**
     * Runs one LLM call with {@code work} (the lambda form of {@link #llmCall(GenAiRequest)}).
     *
     * @param request the model's request
     * @param work makes the call
     * @param <T> what the work returns
     * @param <E> the checked exception the work may throw
     * @return what the work returned
     * @throws E when the work throws it
     */
    public <T, E extends Throwable> T llmCall(GenAiRequest request, OperationWork<LlmCall, T, E> work) throws E {
        return Operation.run(llmCall(request), work);
    }

    /**
     * Returns the agent metric recorder the facade records into.
     *
     * @return the recorder
     */
    public AgentMetrics metrics() {
        return metrics;
    }

    /**
     * Returns the GenAI metric recorder the facade's LLM calls record into.
     *
     * @return the recorder
     */
    public GenAiMetrics genAiMetrics() {
        return genAiMetrics;
    }

    void chatSessionStarted(ChatRequest firstMessage) {
        for (AgentListener listener : listeners) {
            try {
                listener.chatSessionStarted(firstMessage);
            } catch (RuntimeException e) {
                listenerFailed(listener, "chatSessionStarted", e);
            }
        }
    }

    void chatTurnEnded(ChatRequest request, Outcome outcome) {
        for (AgentListener listener : listeners) {
            try {
                listener.chatTurnEnded(request, outcome);
            } catch (RuntimeException e) {
                listenerFailed(listener, "chatTurnEnded", e);
            }
        }
    }

    private static void listenerFailed(AgentListener listener, String method, RuntimeException e) {
        OnceLogger.warn("agent-listener:" + listener.getClass().getName() + "." + method,
                "An AgentListener failed in " + method + "; the chat turn was recorded, the listener skipped", e);
    }

    Tracing tracing() {
        return tracing;
    }

    ContentCapture contentCapture() {
        return contentCapture;
    }

    String agentName() {
        return agentName;
    }

    Sessions sessions() {
        return sessions;
    }

    OperationType chatOperationType() {
        return chatType;
    }

    OperationType llmOperationType() {
        return llmType;
    }

    OperationType workflowOperationType() {
        return workflowType;
    }

    OperationType stepOperationType() {
        return stepType;
    }

    OperationType toolOperationType() {
        return toolType;
    }
}
