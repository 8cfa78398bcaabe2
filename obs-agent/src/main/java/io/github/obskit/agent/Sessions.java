package io.github.obskit.agent;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.operation.OperationType;
import io.github.obskit.core.tracing.Tracing;
import io.micrometer.core.instrument.Clock;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open sessions of one facade and their expiry. No thread or timer per session: expiry is
 * one sweep over the open sessions, run when a session starts (at most once per sweep interval)
 * and, unless disabled, every sweep interval on one daemon thread shared by every facade of the
 * JVM, started with the first session (never at class load).
 */
final class Sessions {

    private final ConcurrentHashMap<String, AgentSession> open = new ConcurrentHashMap<>();
    private final OperationType type;
    private final Tracing tracing;
    private final AgentMetrics metrics;
    private final Clock clock;
    private final long idleNanos;
    private final long sweepNanos;
    private final boolean background;
    private final AtomicLong nextSweep;
    private volatile Future<?> scheduled;

    Sessions(OperationType type, Tracing tracing, AgentMetrics metrics, Clock clock, Duration idleTimeout,
            Duration sweepInterval) {
        this.type = type;
        this.tracing = tracing;
        this.metrics = metrics;
        this.clock = clock;
        this.idleNanos = idleTimeout.toNanos();
        this.background = !sweepInterval.isZero();
        this.sweepNanos = background ? sweepInterval.toNanos() : Math.max(1, idleNanos / 10);
        this.nextSweep = new AtomicLong(clock.monotonicTime() + sweepNanos);
    }

    AgentSession session(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        maybeSweep();
        AgentSession session = open.get(sessionId);
        if (session == null) {
            // Starting is rare (once per session) and must happen once per id: a plain lock, not
            // computeIfAbsent, which must not start spans or log inside the map's own lock.
            synchronized (this) {
                session = open.get(sessionId);
                if (session == null) {
                    session = new AgentSession(type, tracing, metrics, this, clock, sessionId);
                    open.put(sessionId, session);
                    scheduleBackgroundSweep();
                }
            }
        }
        session.touch();
        return session;
    }

    /**
     * Records activity on the open session with this id.
     *
     * @return the session, or {@code null} when none is open under {@code sessionId}
     */
    AgentSession touch(String sessionId) {
        if (sessionId == null) {
            return null;
        }
        AgentSession session = open.get(sessionId);
        if (session != null) {
            session.touch();
        }
        return session;
    }

    void remove(String sessionId, AgentSession session) {
        open.remove(sessionId, session);
    }

    int openCount() {
        return open.size();
    }

    int sweep() {
        long now = clock.monotonicTime();
        nextSweep.set(now + sweepNanos);
        int expired = 0;
        for (AgentSession session : open.values()) {
            try {
                if (session.expireIfIdle(now, idleNanos)) {
                    expired++;
                }
            } catch (RuntimeException e) {
                OnceLogger.warn("agent-sessions:sweep", "Could not expire a session", e);
            }
        }
        return expired;
    }

    private void maybeSweep() {
        long now = clock.monotonicTime();
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + sweepNanos)) {
            sweep();
        }
    }

    private void scheduleBackgroundSweep() {
        if (background && scheduled == null) {
            scheduled = Sweeper.schedule(this, sweepNanos);
        }
    }

    /** The one daemon thread that sweeps every facade's sessions; holds facades weakly. */
    private static final class Sweeper {

        private static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "obskit-agent-session-expiry");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }

        static Future<?> schedule(Sessions sessions, long periodNanos) {
            WeakReference<Sessions> ref = new WeakReference<>(sessions);
            Future<?>[] self = new Future<?>[1];
            self[0] = EXECUTOR.scheduleAtFixedRate(() -> {
                Sessions s = ref.get();
                if (s == null) {
                    // The facade is gone: stop sweeping it.
                    Future<?> f = self[0];
                    if (f != null) {
                        f.cancel(false);
                    }
                    return;
                }
                try {
                    s.sweep();
                } catch (RuntimeException e) {
                    OnceLogger.warn("agent-sessions:background", "The session expiry sweep failed", e);
                }
            }, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
            return self[0];
        }
    }
}
