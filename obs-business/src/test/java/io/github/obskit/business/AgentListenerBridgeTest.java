package io.github.obskit.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.agent.AgentListener;
import io.github.obskit.agent.AgentTagKeys;
import io.github.obskit.agent.AgentTelemetry;
import io.github.obskit.agent.ChatRequest;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chats recorded through obs-agent reach chat_sessions_total and messages_sent_total once. */
class AgentListenerBridgeTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final BusinessMetrics business = BusinessMetrics.builder(registry)
            .refreshInterval(Duration.ofHours(1)).build();

    @AfterEach
    void close() {
        business.close();
    }

    private double sum(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static ChatRequest message(String id, String user, String language, String type, String session) {
        return ChatRequest.builder(id).userId(user).language(language).messageType(type)
                .conversationId(session).build();
    }

    @Test
    void twoSessionsOfFiveTurnsCountTwoSessionsAndFiveMessages() {
        try (InMemoryOpenTelemetry otel = new InMemoryOpenTelemetry()) {
            AgentTelemetry agent = AgentTelemetry.builder(registry, otel.openTelemetry())
                    .sessionSweepInterval(Duration.ZERO)
                    .listener(business.agentListener())
                    .build();

            agent.session("s-1");
            agent.chat(message("m-1", "alice", "en-US", "user", "s-1"), turn -> "a1");
            agent.chat(message("m-2", "alice", "en-US", "user", "s-1"), turn -> "a2");
            agent.chat(message("m-3", "alice", "en-US", "user", "s-1"), turn -> "a3");
            agent.session("s-2");
            agent.chat(message("m-4", "bob", "pt_BR", "user", "s-2"), turn -> "b1");
            assertThatThrownBy(() -> agent.chat(message("m-5", "bob", "pt_BR", "user", "s-2"), turn -> {
                throw new IllegalStateException("model down");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(sum("chat.sessions")).isEqualTo(2.0);
            assertThat(sum("messages.sent")).isEqualTo(5.0);
            assertThat(registry.scrape())
                    .contains("chat_sessions_total{language=\"en\",user_id=\"alice\"} 1.0")
                    .contains("chat_sessions_total{language=\"pt\",user_id=\"bob\"} 1.0")
                    .contains("messages_sent_total{message_type=\"user\",user_id=\"alice\"} 3.0")
                    .contains("messages_sent_total{message_type=\"user\",user_id=\"bob\"} 2.0")
                    // obs-agent's own metric, recorded once per turn as before
                    .contains("chat_requests_total{language=\"en\",status=\"success\",user_id=\"alice\"} 3.0")
                    .contains("chat_requests_total{language=\"pt\",status=\"error\",user_id=\"bob\"} 1.0");
        }
    }

    @Test
    void aThrowingListenerDoesNotBreakTheChatAndTheTurnIsStillRecorded() {
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
            AgentTelemetry agent = AgentTelemetry.builder(registry, otel.openTelemetry())
                    .sessionSweepInterval(Duration.ZERO)
                    .listener(throwing)
                    .listener(business.agentListener())
                    .build();
            agent.session("s-1");

            String answer = agent.chat(message("m-1", "alice", "de-AT", "user", "s-1"), turn -> "answer");

            assertThat(answer).isEqualTo("answer");
            assertThat(registry.get("chat.requests").tags("user_id", "alice", "language", "de", "status", "success")
                    .counter().count()).isEqualTo(1.0);
            assertThat(otel.span("invoke_agent").getStatus().getStatusCode().name()).isNotEqualTo("ERROR");
            assertThat(sum("chat.sessions")).isEqualTo(1.0);  // the next listener still ran
            assertThat(sum("messages.sent")).isEqualTo(1.0);
        }
    }

    @Test
    void bothModulesShareOneLanguageVocabulary() {
        assertThat(BusinessTagKeys.LANGUAGE).isSameAs(AgentTagKeys.LANGUAGE);
        assertThat(AgentTagKeys.BUILT_IN_LANGUAGES).hasSize(32).doesNotHaveDuplicates()
                .contains("en", "cs", "ms", "ro", "nb", "bn");
        try (InMemoryOpenTelemetry otel = new InMemoryOpenTelemetry()) {
            AgentTelemetry agent = AgentTelemetry.builder(registry, otel.openTelemetry())
                    .sessionSweepInterval(Duration.ZERO)
                    .listener(business.agentListener())
                    .build();
            agent.session("s-1");
            agent.chat(message("m-1", "alice", "ms-MY", "user", "s-1"), turn -> "ok");
            agent.session("s-2");
            agent.chat(message("m-2", "alice", "sw-KE", "user", "s-2"), turn -> "ok");

            assertThat(registry.scrape())
                    .contains("chat_sessions_total{language=\"ms\",user_id=\"alice\"} 1.0")
                    .contains("chat_requests_total{language=\"ms\",status=\"success\",user_id=\"alice\"} 1.0")
                    .contains("chat_sessions_total{language=\"other\",user_id=\"alice\"} 1.0")
                    .contains("chat_requests_total{language=\"other\",status=\"success\",user_id=\"alice\"} 1.0");
        }
    }
}
