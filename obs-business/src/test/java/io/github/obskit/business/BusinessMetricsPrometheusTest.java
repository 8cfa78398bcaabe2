package io.github.obskit.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.metrics.TagPolicy;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.testsupport.Promtool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scrapes a real PrometheusMeterRegistry fed by {@link BusinessMetrics}. */
class BusinessMetricsPrometheusTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MutableClock clock = MutableClock.day1();
    private BusinessMetrics metrics;

    @AfterEach
    void tearDown() {
        if (metrics != null) {
            metrics.close();
        }
    }

    private BusinessMetrics build(TagPolicies policies) {
        metrics = BusinessMetrics.builder(registry).clock(clock).tagPolicies(policies)
                .refreshInterval(Duration.ofHours(1)).build();
        return metrics;
    }

    @Test
    void everyMetricHasTheSpecNameLabelSetAndValue() {
        BusinessMetrics m = build(TagPolicies.defaults());
        m.recordUserRegistered("email");
        m.recordUserRegistered("email");
        m.recordUserRegistered("carrier-pigeon");
        m.recordActivity("alice");
        m.recordActivity("bob");
        m.recordActivity("alice");
        m.recordDocumentUploaded("alice", "report.pdf", Outcome.SUCCESS);
        m.recordDocumentUploaded("bob", "text/plain; charset=utf-8", Outcome.ERROR);
        m.recordChatSession("alice", "en-US");
        m.recordChatSession("bob", "pt_BR");
        m.recordChatSession("bob", "tlh");
        m.recordMessageSent("alice", "user");
        m.recordMessageSent("alice", "assistant");
        m.recordMessageSent("alice", "carrier");
        m.recordResponseQuality("alice", 0.8);
        m.recordResponseQuality("alice", 0.6);
        m.recordResponseQuality("bob", 0.1);
        m.recordSatisfaction("alice", 5);
        m.recordSatisfaction("bob", 2);
        m.recordSatisfaction("bob", 3);
        m.refresh();

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("# TYPE users_registered_total counter")
                .contains("users_registered_total{registration_method=\"email\"} 2.0")
                .contains("users_registered_total{registration_method=\"other\"} 1.0")
                .contains("# TYPE users_active_daily gauge")
                .contains("users_active_daily 2.0")
                .contains("# TYPE users_active_monthly gauge")
                .contains("users_active_monthly 2.0")
                .contains("# TYPE documents_uploaded_total counter")
                .contains("documents_uploaded_total{file_type=\"pdf\",status=\"success\",user_id=\"alice\"} 1.0")
                .contains("documents_uploaded_total{file_type=\"txt\",status=\"error\",user_id=\"bob\"} 1.0")
                .contains("# TYPE chat_sessions_total counter")
                .contains("chat_sessions_total{language=\"en\",user_id=\"alice\"} 1.0")
                .contains("chat_sessions_total{language=\"pt\",user_id=\"bob\"} 1.0")
                .contains("chat_sessions_total{language=\"other\",user_id=\"bob\"} 1.0")
                .contains("# TYPE messages_sent_total counter")
                .contains("messages_sent_total{message_type=\"user\",user_id=\"alice\"} 1.0")
                .contains("messages_sent_total{message_type=\"assistant\",user_id=\"alice\"} 1.0")
                .contains("messages_sent_total{message_type=\"other\",user_id=\"alice\"} 1.0")
                .contains("# TYPE response_quality_average gauge")
                .contains("response_quality_average{user_id=\"alice\"} 0.7")
                .contains("response_quality_average{user_id=\"bob\"} 0.1")
                .contains("response_quality_average{user_id=\"_all\"} 0.5")
                .contains("# TYPE user_satisfaction_score gauge")
                .contains("user_satisfaction_score{user_id=\"alice\"} 5.0")
                .contains("user_satisfaction_score{user_id=\"bob\"} 2.5")
                .contains("user_satisfaction_score{user_id=\"_all\"} 3.3333333333333335")
                .doesNotContain("quantile=");
        assertThat(scrape.lines().filter(l -> l.startsWith("documents_uploaded_total{"))).hasSize(2);
        assertThat(Promtool.checkMetrics(scrape).output()).isEmpty();
        assertThat(Promtool.checkMetrics(scrape).exitCode()).isZero();
    }

    @Test
    void gaugesReadNanWithoutDataAndOddValuesNeverThrow() {
        BusinessMetrics m = build(TagPolicies.defaults());
        m.recordSatisfaction("alice", 0);
        m.recordSatisfaction(null, 6);
        m.recordResponseQuality("alice", 1.5);
        m.recordResponseQuality("alice", Double.NaN);
        m.recordActivity(null);
        m.recordActivity("   ");
        m.recordDocumentUploaded(null, null, null);
        m.recordChatSession(null, null);
        m.recordMessageSent("bad\"user\n", null);
        m.recordUserRegistered(null);

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("response_quality_average{user_id=\"_all\"} NaN")
                .contains("user_satisfaction_score{user_id=\"_all\"} NaN")
                .contains("documents_uploaded_total{file_type=\"unknown\",status=\"unknown\",user_id=\"unknown\"} 1.0")
                .contains("chat_sessions_total{language=\"unknown\",user_id=\"unknown\"} 1.0")
                .contains("messages_sent_total{message_type=\"unknown\",user_id=\"bad_user_\"} 1.0")
                .contains("users_registered_total{registration_method=\"unknown\"} 1.0")
                .doesNotContain("user_satisfaction_score{user_id=\"alice\"}")
                .doesNotContain("response_quality_average{user_id=\"alice\"}");
        assertThat(Promtool.checkMetrics(scrape).exitCode()).isZero();
    }

    @Test
    void userIdIsBoundedPerRegistryAndTheAllUsersSeriesAveragesEveryone() {
        BusinessMetrics m = build(TagPolicies.builder().policy("user_id", TagPolicy.bounded(3)).build());
        for (int u = 0; u < 10; u++) {
            m.recordSatisfaction("user-" + u, u < 5 ? 5 : 1);
            m.recordMessageSent("user-" + u, "user");
        }

        String scrape = registry.scrape();
        // _all took the first of the three places; two users keep their own series.
        assertThat(scrape.lines().filter(l -> l.startsWith("user_satisfaction_score{"))).hasSize(4);
        assertThat(scrape)
                .contains("user_satisfaction_score{user_id=\"_all\"} 3.0")
                .contains("user_satisfaction_score{user_id=\"user-0\"} 5.0")
                .contains("user_satisfaction_score{user_id=\"user-1\"} 5.0")
                .contains("user_satisfaction_score{user_id=\"other\"} 2.5") // users 2-4 rated 5, 5-9 rated 1
                .contains("messages_sent_total{message_type=\"user\",user_id=\"other\"} 7.0")
                .contains("obskit_cardinality_overflow_total{key=\"user_id\",metric=\"messages.sent\"} 7.0");
        double total = registry.get("messages.sent").counters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(total).isEqualTo(10.0);
    }

    @Test
    void registeredSetsAreExtendedAndMisspeltKeysFail() {
        BusinessMetrics m = build(TagPolicies.builder()
                .register("registration_method", "passkey")
                .register("language", "tlh")
                .register("message_type", "tool_result")
                .build());
        m.recordUserRegistered("passkey");
        m.recordChatSession("alice", "TLH-x-klingon");
        m.recordMessageSent("alice", "tool_result");

        assertThat(registry.scrape())
                .contains("users_registered_total{registration_method=\"passkey\"} 1.0")
                .contains("chat_sessions_total{language=\"tlh\",user_id=\"alice\"} 1.0")
                .contains("messages_sent_total{message_type=\"tool_result\",user_id=\"alice\"} 1.0");

        assertThatThrownBy(() -> BusinessMetrics.builder(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .tagPolicies(TagPolicies.builder().policy("usr_id", TagPolicy.bounded(5)).build()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usr_id");
    }

    @Test
    void scoresLeaveTheWindow() {
        BusinessMetrics m = build(TagPolicies.defaults());
        m.recordResponseQuality("alice", 0.2);
        clock.advance(Duration.ofMinutes(30));
        m.recordResponseQuality("alice", 0.6);
        assertThat(registry.scrape()).contains("response_quality_average{user_id=\"alice\"} 0.4");

        clock.advance(Duration.ofMinutes(31)); // the first score is 61 minutes old
        m.refresh();
        assertThat(registry.scrape()).contains("response_quality_average{user_id=\"alice\"} 0.6")
                .contains("response_quality_average{user_id=\"_all\"} 0.6");

        clock.advance(Duration.ofMinutes(30));
        m.refresh();
        assertThat(registry.scrape()).contains("response_quality_average{user_id=\"alice\"} NaN")
                .contains("response_quality_average{user_id=\"_all\"} NaN");
    }
}
