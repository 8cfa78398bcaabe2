package io.github.obskit.agent;

import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.OperationType;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.Tracing;
import io.micrometer.core.instrument.Clock;
import io.opentelemetry.api.trace.SpanKind;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One user session (conversation), started by {@link AgentTelemetry#session(String)}: counted in
 * {@code active_sessions} from its start until it ends or expires, and recorded once in {@code
 * session_duration_seconds}.
 *
 * <pre>{@code
 * AgentSession session = agent.session(sessionId);   // the open one, or a new one
 * ...                                                 // chat turns with conversationId(sessionId) keep it alive
 * session.end();                                      // on logout; or it expires when idle
 * }</pre>
 *
 * <p>A session has no failure: {@link #end()} and {@link #close()} both end it. Never ended, it
 * expires once it has been idle (no {@link #touch()}, no chat turn of its conversation) for the
 * facade's idle timeout ({@link AgentTelemetryBuilder#sessionIdleTimeout(java.time.Duration)});
 * its duration is then the time to its last activity. Expiry is checked by one sweep over the
 * open sessions (never a thread or timer per session). Its span, {@code chat_session}, is a root
 * span with {@code session.id}, ended with the session and carrying {@link
 * AgentSpanKeys#SESSION_END_REASON}; it is never made current. Thread-safe.
 */
public final class AgentSession extends Operation {

    /** The name of the session span. */
    public static final String SPAN_NAME = "chat_session";

    private final String sessionId;
    private final Sessions tracker;
    private final AgentMetrics metrics;
    private final Clock clock;
    private final long startNanos;
    private volatile long lastActiveNanos;
    private volatile boolean expired;
    private final AtomicBoolean firstTurnSeen = new AtomicBoolean();

    AgentSession(OperationType type, Tracing tracing, AgentMetrics metrics, Sessions tracker,
            Clock clock, String sessionId) {
        super(type, tracing.span(SPAN_NAME).kind(SpanKind.INTERNAL).noParent()
                .attribute(SpanAttributeKeys.SESSION_ID, sessionId), false);
        this.sessionId = sessionId;
        this.tracker = tracker;
        this.metrics = metrics;
        this.clock = clock;
        this.startNanos = clock.monotonicTime();
        this.lastActiveNanos = startNanos;
        success(); // a session does not fail: closing it is ending it
        metrics.recordSessionStarted();
    }

    /**
     * Returns the session's id.
     *
     * @return the id given to {@link AgentTelemetry#session(String)}
     */
    public String sessionId() {
        return sessionId;
    }

    /** Records activity: the idle timeout counts from now. Ignored after the session ended. */
    public void touch() {
        if (!isClosed()) {
            lastActiveNanos = clock.monotonicTime();
        }
    }

    /** Ends the session, once: later calls, and an expiry after it, record nothing. */
    public void end() {
        close();
    }

    /**
     * Tells whether the session ended by expiring.
     *
     * @return {@code true} when it was idle too long before anyone ended it
     */
    public boolean isExpired() {
        return expired;
    }

    /**
     * Expires the session if it has been idle for at least {@code idleNanos}.
     *
     * @return {@code true} when this call expired it
     */
    boolean expireIfIdle(long nowNanos, long idleNanos) {
        if (isClosed() || nowNanos - lastActiveNanos < idleNanos) {
            return false;
        }
        expired = true;
        close();
        return isClosed();
    }

    /**
     * Claims the session's first chat turn.
     *
     * @return {@code true} for exactly one call per session, the first; {@code false} after the
     *     session ended
     */
    boolean claimFirstTurn() {
        return !isClosed() && !firstTurnSeen.get() && firstTurnSeen.compareAndSet(false, true);
    }

    @Override
    protected void onEnd(Outcome outcome, String errorType, long durationNanos) {
        tracker.remove(sessionId, this);
        long end = expired ? lastActiveNanos : clock.monotonicTime();
        metrics.recordSessionEndedNanos(Math.max(0, end - startNanos));
        span().setAttribute(AgentSpanKeys.SESSION_END_REASON, expired ? "expired" : "ended");
    }
}
