package io.github.obskit.agent;

import io.github.obskit.core.genai.GenAiMetrics;
import io.github.obskit.core.logging.StructuredLogger;
import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.tracing.ContentCapture;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an {@link AgentTelemetry}. Defaults: {@link TagPolicies#defaults()} ({@code user_id}
 * bounded), the built-in registered sets of {@link AgentTagKeys}, {@link PriceTable#empty()} (no
 * cost), {@link ContentCapture#off()}, no default agent name, sessions expiring after {@value
 * #DEFAULT_SESSION_IDLE_MINUTES} idle minutes swept every minute, {@link Clock#SYSTEM}, the
 * event logger {@code io.github.obskit.agent}, and no {@link AgentListener}. Not thread-safe.
 */
public final class AgentTelemetryBuilder {

    /** The default idle timeout of a session, in minutes. */
    public static final int DEFAULT_SESSION_IDLE_MINUTES = 30;

    private final AgentMetrics.Builder metrics;
    private final GenAiMetrics.Builder genAiMetrics;
    private final OpenTelemetry openTelemetry;
    private Logger eventLogger;
    private ContentCapture contentCapture = ContentCapture.off();
    private String agentName;
    private Clock clock = Clock.SYSTEM;
    private Duration idleTimeout = Duration.ofMinutes(DEFAULT_SESSION_IDLE_MINUTES);
    private Duration sweepInterval = Duration.ofMinutes(1);
    private final List<AgentListener> listeners = new ArrayList<>();

    AgentTelemetryBuilder(MeterRegistry registry, OpenTelemetry openTelemetry) {
        this.metrics = AgentMetrics.builder(registry);
        this.genAiMetrics = GenAiMetrics.builder(registry);
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /**
     * Overrides the default tag policies of {@link AgentTagKeys} and of the GenAI metrics' {@link
     * io.github.obskit.core.genai.GenAiTagKeys}. Default: {@link TagPolicies#defaults()}.
     *
     * @param tagPolicies the overrides
     * @return this builder
     */
    public AgentTelemetryBuilder tagPolicies(TagPolicies tagPolicies) {
        metrics.tagPolicies(tagPolicies);
        genAiMetrics.tagPolicies(tagPolicies);
        return this;
    }

    /**
     * Registers the application's own workflow types; see {@link AgentMetrics.Builder#workflowTypes}.
     *
     * @param workflowTypes clean tag values
     * @return this builder
     */
    public AgentTelemetryBuilder workflowTypes(String... workflowTypes) {
        metrics.workflowTypes(workflowTypes);
        return this;
    }

    /**
     * Registers the application's own workflow stages; see {@link AgentMetrics.Builder#workflowStages}.
     *
     * @param stages clean tag values
     * @return this builder
     */
    public AgentTelemetryBuilder workflowStages(String... stages) {
        metrics.workflowStages(stages);
        return this;
    }

    /**
     * Registers more languages; see {@link AgentMetrics.Builder#languages}.
     *
     * @param primarySubtags lower-case primary subtags
     * @return this builder
     */
    public AgentTelemetryBuilder languages(String... primarySubtags) {
        metrics.languages(primarySubtags);
        return this;
    }

    /**
     * Sets the prices that turn the LLM calls' token usage into {@code gen_ai.client.cost}.
     * Default: {@link PriceTable#empty()}, no cost recorded.
     *
     * @param prices the price table
     * @return this builder
     */
    public AgentTelemetryBuilder priceTable(PriceTable prices) {
        metrics.priceTable(prices);
        return this;
    }

    /**
     * Sets the agent name of chat turns whose request names none ({@code gen_ai.agent.name}, span
     * {@code invoke_agent {name}}). Default: none (span {@code invoke_agent}).
     *
     * @param name the agent's name
     * @return this builder
     */
    public AgentTelemetryBuilder agentName(String name) {
        this.agentName = name;
        return this;
    }

    /**
     * Sets whether and how much message, prompt, completion and tool argument and result text
     * goes on the spans ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}, {@code
     * gen_ai.tool.call.arguments}, {@code gen_ai.tool.call.result}). Default: {@link
     * ContentCapture#off()}. Share one policy with the application's other obskit facades.
     *
     * <p>WARNING: messages, prompts, completions and tool data may hold personal or confidential data.
     *
     * @param contentCapture the policy
     * @return this builder
     */
    public AgentTelemetryBuilder contentCapture(ContentCapture contentCapture) {
        this.contentCapture = Objects.requireNonNull(contentCapture, "contentCapture");
        return this;
    }

    /**
     * Sets how long a session may stay idle before it expires. Default: {@value
     * #DEFAULT_SESSION_IDLE_MINUTES} minutes.
     *
     * @param idleTimeout greater than zero
     * @return this builder
     * @throws IllegalArgumentException when not greater than zero
     */
    public AgentTelemetryBuilder sessionIdleTimeout(Duration idleTimeout) {
        if (Objects.requireNonNull(idleTimeout, "idleTimeout").isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the session idle timeout must be greater than zero");
        }
        this.idleTimeout = idleTimeout;
        return this;
    }

    /**
     * Sets how often one shared daemon thread sweeps the open sessions for expiry; {@link
     * Duration#ZERO} starts no thread (sessions are then swept when sessions start, and by {@link
     * AgentTelemetry#expireIdleSessions()}). Default: one minute.
     *
     * @param interval zero, or greater than zero
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public AgentTelemetryBuilder sessionSweepInterval(Duration interval) {
        if (Objects.requireNonNull(interval, "interval").isNegative()) {
            throw new IllegalArgumentException("the sweep interval must not be negative");
        }
        this.sweepInterval = interval;
        return this;
    }

    /**
     * Sets the clock session durations and idle times are measured with (its {@code
     * monotonicTime()}), such as Micrometer's {@code MockClock} in tests. Default: {@link Clock#SYSTEM}.
     *
     * @param clock the clock
     * @return this builder
     */
    public AgentTelemetryBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Sets the SLF4J logger the {@code chat_message} events are written to. Default: {@code
     * io.github.obskit.agent}.
     *
     * @param logger the logger
     * @return this builder
     */
    public AgentTelemetryBuilder eventLogger(Logger logger) {
        this.eventLogger = Objects.requireNonNull(logger, "logger");
        return this;
    }

    /**
     * Adds a listener told when a tracked session's first chat turn starts and when each chat
     * turn ends, such as obs-business's {@code BusinessMetrics.agentListener()}. Calls add up;
     * listeners run in the order added. A listener that throws is logged once and skipped; the
     * exception never reaches the caller. Default: none.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException when {@code listener} is {@code null}
     */
    public AgentTelemetryBuilder listener(AgentListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Builds the facade and registers its metrics.
     *
     * @return the facade
     * @throws IllegalArgumentException when a tag policy override names an unknown key
     */
    public AgentTelemetry build() {
        Logger logger = eventLogger != null ? eventLogger
                : LoggerFactory.getLogger(AgentTelemetry.INSTRUMENTATION_NAME);
        return new AgentTelemetry(metrics.build(), genAiMetrics.build(), openTelemetry,
                StructuredLogger.create(logger, contentCapture), agentName, clock, idleTimeout, sweepInterval,
                listeners);
    }
}
