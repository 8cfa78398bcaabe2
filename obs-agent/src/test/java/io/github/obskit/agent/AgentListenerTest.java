package io.github.obskit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.operation.Outcome;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** AgentListener: one session event per tracked session's first turn, one turn event per turn. */
class AgentListenerTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private final AgentListener recording = new AgentListener() {
        @Override
        public void chatSessionStarted(ChatRequest firstMessage) {
            events.add("session " + firstMessage.conversationId() + " " + firstMessage.messageId());
        }

        @Override
        public void chatTurnEnded(ChatRequest request, Outcome outcome) {
            events.add("turn " + request.messageId() + " " + outcome.tagValue());
        }
    };

    private AgentTelemetry agent(InMemoryOpenTelemetry otel, AgentListener... listeners) {
        AgentTelemetryBuilder builder = AgentTelemetry.builder(registry, otel.openTelemetry()).clock(clock)
                .sessionIdleTimeout(Duration.ofMinutes(30)).sessionSweepInterval(Duration.ZERO);
        for (AgentListener listener : listeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    private static ChatRequest message(String id, String conversation) {
        return ChatRequest.builder(id).userId("alice").language("en").conversationId(conversation).build();
    }

    @Test
    void theSessionEventComesOnceAtTheFirstTurnOfATrackedSessionAndTheTurnEventAtEveryTurn() {
        try (InMemoryOpenTelemetry otel = new InMemoryOpenTelemetry()) {
            AgentTelemetry agent = agent(otel, recording);
            agent.session("s-1");
            agent.chat(message("m-1", "s-1"), turn -> "a");
            agent.chat(message("m-2", "s-1"), turn -> "b");
            agent.chat(message("m-3", "untracked"), turn -> "c"); // no open session: no session event
            agent.chat(message("m-4", null), turn -> "d");
            try {
                agent.chat(message("m-5", "s-1"), turn -> {
                    throw new IllegalStateException("model down");
                });
            } catch (IllegalStateException expected) {
                // the turn's failure reaches the caller, as always
            }

            assertThat(events).containsExactly("session s-1 m-1", "turn m-1 success", "turn m-2 success",
                    "turn m-3 success", "turn m-4 success", "turn m-5 error");
        }
    }

    @Test
    void aSessionThatExpiredAndOpensAgainIsANewSession() {
        try (InMemoryOpenTelemetry otel = new InMemoryOpenTelemetry()) {
            AgentTelemetry agent = agent(otel, recording);
            agent.session("s-1");
            agent.chat(message("m-1", "s-1"), turn -> "a");
            clock.add(31, TimeUnit.MINUTES);
            assertThat(agent.expireIdleSessions()).isEqualTo(1);
            agent.session("s-1");
            agent.chat(message("m-2", "s-1"), turn -> "b");

            assertThat(events).filteredOn(e -> e.startsWith("session"))
                    .containsExactly("session s-1 m-1", "session s-1 m-2");
        }
    }

    @Test
    void aThrowingListenerNeverReachesTheCallerAndTheNextListenerStillRuns() {
        AgentListener throwing = new AgentListener() {
            @Override
            public void chatSessionStarted(ChatRequest firstMessage) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void chatTurnEnded(ChatRequest request, Outcome outcome) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (InMemoryOpenTelemetry otel = new InMemoryOpenTelemetry()) {
            AgentTelemetry agent = agent(otel, throwing, recording);
            agent.session("s-1");

            String answer = agent.chat(message("m-1", "s-1"), turn -> "answer");

            assertThat(answer).isEqualTo("answer");
            assertThat(events).containsExactly("session s-1 m-1", "turn m-1 success");
            assertThat(registry.get("chat.requests").tag("status", "success").counter().count()).isEqualTo(1.0);
        }
    }

    @Test
    void theDefaultMethodsDoNothing() {
        try (InMemoryOpenTelemetry otel = new InMemoryOpenTelemetry()) {
            AgentTelemetry agent = agent(otel, new AgentListener() { });
            agent.session("s-1");
            String answer = agent.chat(message("m-1", "s-1"), turn -> "ok");
            assertThat(answer).isEqualTo("ok");
        }
    }
}
