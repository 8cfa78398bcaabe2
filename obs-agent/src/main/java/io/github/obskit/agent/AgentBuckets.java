package io.github.obskit.agent;

import io.github.obskit.core.metrics.Buckets;

/**
 * The histogram buckets of obs-agent's own metrics. Chat, workflow and LLM durations use the
 * GenAI conventions' {@link Buckets#GEN_AI_SECONDS}.
 */
public final class AgentBuckets {

    /**
     * Chat session durations in seconds: 10 s to 4 h. A session lasts from one question (tens of
     * seconds) to a working afternoon; the boundaries fall on the durations people read (1, 5,
     * 15, 30 minutes, 1, 2, 4 hours), and the default idle timeout (30 minutes) is one of them.
     */
    public static final Buckets SESSION_SECONDS = Buckets.of(10, 30, 60, 120, 300, 600, 900, 1800,
            3600, 7200, 14400);

    private AgentBuckets() {
    }
}
