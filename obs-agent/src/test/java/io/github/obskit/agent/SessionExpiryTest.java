package io.github.obskit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sessions with a controllable clock: counted while open, expired when idle, recorded once. */
class SessionExpiryTest {

    private final MockClock clock = new MockClock();

    private AgentTelemetry agent(io.micrometer.core.instrument.MeterRegistry registry, OpenTelemetry otel) {
        return AgentTelemetry.builder(registry, otel).clock(clock)
                .sessionIdleTimeout(Duration.ofMinutes(30)).sessionSweepInterval(Duration.ZERO).build();
    }

    @Test
    void aSessionLeftOpenExpiresAndTheGaugeReturnsToZero() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry()) {
            AgentTelemetry agent = agent(registry, tracing.openTelemetry());

            AgentSession session = agent.session("s-1");
            clock.add(5, TimeUnit.MINUTES);
            try (ChatTurn turn = agent.chat(ChatRequest.builder("m-1").conversationId("s-1").build())) {
                turn.success(); // activity: the idle time counts from here
            }
            assertThat(registry.scrape()).contains("active_sessions 1.0");

            clock.add(29, TimeUnit.MINUTES);
            assertThat(agent.expireIdleSessions()).isZero();
            clock.add(1, TimeUnit.MINUTES);
            assertThat(agent.expireIdleSessions()).isEqualTo(1);

            assertThat(session.isExpired()).isTrue();
            assertThat(session.isClosed()).isTrue();
            String scrape = registry.scrape();
            assertThat(scrape).contains("active_sessions 0.0")
                    .contains("session_duration_seconds_count 1")
                    .contains("session_duration_seconds_sum 300.0") // to its last activity, not its expiry
                    .contains("session_duration_seconds_bucket{le=\"120.0\"} 0")
                    .contains("session_duration_seconds_bucket{le=\"300.0\"} 1");
            assertThat(tracing.span(AgentSession.SPAN_NAME).getAttributes()
                    .get(AttributeKey.stringKey("obskit.chat.session.end_reason"))).isEqualTo("expired");
            assertThat(tracing.span(AgentSession.SPAN_NAME).getAttributes()
                    .get(AttributeKey.stringKey("session.id"))).isEqualTo("s-1");
            assertThat(tracing.span(AgentSession.SPAN_NAME).getParentSpanContext().isValid()).isFalse();

            // The id is free again: the next message's session is a new one.
            AgentSession next = agent.session("s-1");
            assertThat(next).isNotSameAs(session);
            assertThat(agent.metrics().activeSessions()).isEqualTo(1.0);
        }
    }

    @Test
    void endingTwiceOrExpiringAfterTheEndRecordsOnce() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AgentTelemetry agent = agent(registry, OpenTelemetry.noop());

        AgentSession session = agent.session("s-2");
        assertThat(agent.session("s-2")).isSameAs(session);
        clock.add(90, TimeUnit.SECONDS);
        session.end();
        session.end();
        session.close();
        clock.add(2, TimeUnit.HOURS);
        agent.expireIdleSessions();

        Timer duration = registry.get("session.duration").timer();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.totalTime(TimeUnit.SECONDS)).isEqualTo(90.0);
        assertThat(agent.metrics().activeSessions()).isZero();
        assertThat(session.isExpired()).isFalse();
    }

    @Test
    void startingASessionSweepsTheIdleOnesWithoutAThread() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AgentTelemetry agent = agent(registry, OpenTelemetry.noop());
        for (int i = 0; i < 100; i++) {
            agent.session("old-" + i);
        }
        assertThat(agent.metrics().activeSessions()).isEqualTo(100.0);

        clock.add(31, TimeUnit.MINUTES);
        agent.session("new");

        assertThat(agent.metrics().activeSessions()).isEqualTo(1.0);
        assertThat(registry.get("session.duration").timer().count()).isEqualTo(100);
    }
}
