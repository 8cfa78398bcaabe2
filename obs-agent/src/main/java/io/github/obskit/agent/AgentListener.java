package io.github.obskit.agent;

import io.github.obskit.core.operation.Outcome;

/**
 * Told when chat sessions start and chat turns end in an {@link AgentTelemetry}, so that another
 * metric set can count the same events without the application recording them twice, such as
 * obs-business's {@code chat_sessions_total} and {@code messages_sent_total}:
 *
 * <pre>{@code
 * AgentTelemetry agent = AgentTelemetry.builder(registry, openTelemetry)
 *         .listener(business.agentListener())
 *         .build();
 * }</pre>
 *
 * <p>Both methods do nothing by default; implement the ones you need. They are called on the
 * thread that starts or closes the turn. They should be cheap and must not block; an exception
 * they throw is logged once and never reaches the application, and the turn is recorded in
 * obs-agent's own metrics all the same.
 */
public interface AgentListener {

    /**
     * Called once per session, at the start of the first chat turn of a session the facade
     * tracks: a turn whose {@linkplain ChatRequest#conversationId() conversation id} is the id of
     * a session opened with {@link AgentTelemetry#session(String)} and not yet ended or expired.
     * A turn without a conversation id, or whose conversation has no open session, starts no
     * session and calls nothing here. A session that expired and is opened again with the same
     * id is a new session: its first turn calls this again.
     *
     * @param firstMessage the session's first chat message, as passed to {@link
     *     AgentTelemetry#chat(ChatRequest)}; its user and language are the session's
     */
    default void chatSessionStarted(ChatRequest firstMessage) {
    }

    /**
     * Called once per chat turn, when it closes, after the turn's own metrics ({@code
     * chat_requests_total}, {@code chat_response_duration_seconds}) are recorded; for every turn,
     * in a tracked session or not.
     *
     * @param request the turn's chat message, as passed to {@link AgentTelemetry#chat(ChatRequest)}
     *     (an empty request when that was {@code null})
     * @param outcome how the turn ended
     */
    default void chatTurnEnded(ChatRequest request, Outcome outcome) {
    }
}
