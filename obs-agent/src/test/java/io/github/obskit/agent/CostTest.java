package io.github.obskit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.core.genai.GenAiRequest;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/**
 * The cost counter: exact decimal arithmetic per series (a BigDecimal total behind a
 * FunctionCounter), no series for an unpriced model, and both file formats.
 */
class CostTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final PriceTable PRICES = PriceTable.builder()
            .price("anthropic", "claude-sonnet", ModelPrice.perMillionTokens(new BigDecimal("3"), new BigDecimal("15"), USD))
            .build();
    private static final GenAiRequest SONNET = GenAiRequest.chat().provider("anthropic").model("claude-sonnet").build();

    @Test
    void thousandInputAndFiveHundredOutputTokensAtThreeAndFifteenPerMillionCostExactly00105() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AgentTelemetry agent = AgentTelemetry.builder(registry, OpenTelemetry.noop()).priceTable(PRICES).build();

        try (LlmCall call = agent.llmCall(SONNET)) {
            call.inputTokens(1_000).outputTokens(500);
            call.success();
        }

        FunctionCounter cost = registry.get("gen_ai.client.cost")
                .tags("provider", "anthropic", "model", "claude-sonnet", "currency", "USD").functionCounter();
        assertThat(BigDecimal.valueOf(cost.count())).isEqualTo(new BigDecimal("0.0105"));
        assertThat(cost.count()).isEqualTo(0.0105);
        assertThat(agent.metrics().totalCost("anthropic", "claude-sonnet")).isEqualByComparingTo("0.0105");
    }

    @Test
    void tenThousandCallsSumExactlyWhereDoublesDrift() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AgentMetrics metrics = AgentMetrics.builder(registry).priceTable(PRICES).build();
        double naive = 0;
        for (int i = 0; i < 10_000; i++) {
            metrics.recordCost("anthropic", "claude-sonnet", 1_000, 500);
            naive += 0.0105;
        }

        // What a double counter would have said: not 105.
        assertThat(naive).isNotEqualTo(105.0);
        assertThat(metrics.totalCost("anthropic", "claude-sonnet")).isEqualByComparingTo("105");
        assertThat(registry.get("gen_ai.client.cost").functionCounter().count()).isEqualTo(105.0);
        assertThat(registry.scrape()).contains(
                "gen_ai_client_cost_total{currency=\"USD\",model=\"claude-sonnet\",provider=\"anthropic\"} 105.0");
    }

    @Test
    void anUnknownModelRecordsNoCostNotZero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AgentTelemetry agent = AgentTelemetry.builder(registry, OpenTelemetry.noop()).priceTable(PRICES).build();

        try (LlmCall call = agent.llmCall(GenAiRequest.chat().provider("anthropic").model("claude-unknown").build())) {
            call.inputTokens(1_000).outputTokens(500);
            call.success();
        }
        try (LlmCall call = agent.llmCall(SONNET)) {
            call.success(); // no tokens reported: nothing to price
        }

        assertThat(registry.find("gen_ai.client.cost").meters()).isEmpty();
        assertThat(agent.metrics().totalCost("anthropic", "claude-unknown")).isNull();
        assertThat(registry.get("llm.requests").tags("model", "claude-unknown").counter().count()).isEqualTo(1.0);
    }

    @Test
    void twoRecordersOnOneRegistryAddToOneExactTotal() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AgentMetrics first = AgentMetrics.builder(registry).priceTable(PRICES).build();
        AgentMetrics second = AgentMetrics.builder(registry).priceTable(PRICES).build();

        first.recordCost("anthropic", "claude-sonnet", 1_000, 500);
        second.recordCost("anthropic", "claude-sonnet", 1_000, 500);

        assertThat(registry.get("gen_ai.client.cost").functionCounter().count()).isEqualTo(0.021);
    }

    @Test
    void propertiesAndJsonTablesReadTheSameExactPrices() {
        PriceTable properties = PriceTable.fromResource("llm-prices.properties");
        PriceTable json = PriceTable.fromResource("llm-prices.json");

        for (PriceTable table : new PriceTable[] {properties, json}) {
            ModelPrice sonnet = table.price("anthropic", "claude-sonnet").orElseThrow();
            assertThat(sonnet.cost(1_000, 500)).isEqualByComparingTo("0.0105");
            assertThat(sonnet.currency()).isEqualTo(USD);
            ModelPrice mini = table.price("openai", "gpt-4o-mini").orElseThrow();
            assertThat(mini.inputPerMillion()).isEqualByComparingTo("0.15");
            assertThat(mini.currency()).isEqualTo(Currency.getInstance("EUR"));
            assertThat(table.price("openai", "gpt-4o")).isEmpty();
        }
        assertThat(properties.prices()).isEqualTo(json.prices());
    }

    @Test
    void malformedTablesFailWithTheEntryNamed() {
        assertThatThrownBy(() -> PriceTable.fromProperties(stream("openai/gpt-4o.input=3\nopenai/gpt-4o.output=x\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openai/gpt-4o.output");
        assertThatThrownBy(() -> PriceTable.fromProperties(stream("openai/gpt-4o.input=3\nopenai/gpt-4o.output=4\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no currency");
        assertThatThrownBy(() -> PriceTable.fromJson(stream("{\"models\": [{\"provider\": \"openai\"}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model");
        assertThatThrownBy(() -> PriceTable.fromJson(stream("{\"models\": [}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> ModelPrice.perMillionTokens(BigDecimal.ONE.negate(), BigDecimal.ONE, USD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
