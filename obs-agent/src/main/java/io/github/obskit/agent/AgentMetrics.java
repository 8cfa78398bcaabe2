package io.github.obskit.agent;

import io.github.obskit.agent.internal.CostLedger;
import io.github.obskit.agent.internal.LanguageTags;
import io.github.obskit.core.genai.GenAiMeters;
import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.metrics.CatalogMeter;
import io.github.obskit.core.metrics.GaugeValue;
import io.github.obskit.core.metrics.MeterFamilies;
import io.github.obskit.core.metrics.MeterFamily;
import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.metrics.TagValues;
import io.github.obskit.core.operation.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The typed recorder of the {@link AgentMeters} catalog. Create one per registry at start-up and
 * share it; it is thread-safe. Every meter is pre-resolved: recording under tag values already
 * seen does not allocate and never goes through Micrometer's builders (the cost, exact decimal
 * arithmetic, allocates a few small numbers per LLM call).
 *
 * <pre>{@code
 * AgentMetrics metrics = AgentMetrics.builder(registry).priceTable(prices).build();
 * metrics.recordChatRequest(userId, "en-US", Outcome.SUCCESS);          // language "en"
 * metrics.recordChatResponseDuration(AgentTagKeys.TOTAL_STAGE, Duration.ofMillis(1800));
 * metrics.recordLlmRequest("openai", "gpt-4o", Outcome.SUCCESS, Duration.ofMillis(1500));
 * metrics.recordCost("openai", "gpt-4o", 412, 96);
 * }</pre>
 *
 * <p>Parameters come in the order of the metric's tag keys. Tag values follow {@linkplain
 * io.github.obskit.core.metrics.TagPolicy the cardinality rule} with the defaults of {@link
 * AgentTagKeys}; no method throws into the caller: {@code null} and unexpected values are
 * recorded under {@code unknown} or {@code other}. The OpenTelemetry GenAI metrics of the LLM
 * calls are recorded by obs-core's {@link io.github.obskit.core.genai.GenAiMetrics}, shared with
 * every module that calls a model.
 */
public final class AgentMetrics {

    private final MeterFamily<Counter> chatRequests;
    private final MeterFamily<Timer> chatResponseDuration;
    private final MeterFamily<Counter> workflowExecutions;
    private final MeterFamily<Timer> workflowDuration;
    private final MeterFamily<Counter> llmRequests;
    private final MeterFamily<Timer> llmRequestDuration;
    private final GaugeValue activeSessions;
    private final Timer sessionDuration;
    private final PriceTable priceTable;
    private final Map<String, Map<String, CostSlot>> costSlots;
    private final CostLedger costLedger;
    private final List<String> workflowTypes;
    private final List<String> workflowStages;
    private final List<String> languages;

    private AgentMetrics(Builder builder) {
        // The agent facade hands the same policies to the shared GenAI recorder: check key names
        // against both catalogs, so that a misspelt key fails here and a GenAI key does not.
        List<CatalogMeter> catalog = new ArrayList<>(List.of(AgentMeters.values()));
        catalog.addAll(List.of(GenAiMeters.values()));
        TagPolicies policies = builder.policies;
        if (!builder.extraWorkflowTypes.isEmpty()) {
            policies = policies.withRegistered(AgentTagKeys.WORKFLOW_TYPE.name(), builder.extraWorkflowTypes);
        }
        if (!builder.extraStages.isEmpty()) {
            policies = policies.withRegistered(AgentTagKeys.WORKFLOW_STAGE.name(), builder.extraStages)
                    .withRegistered(AgentTagKeys.STAGE.name(), builder.extraStages);
        }
        if (!builder.extraLanguages.isEmpty()) {
            policies = policies.withRegistered(AgentTagKeys.LANGUAGE.name(), builder.extraLanguages);
        }
        MeterFamilies families = MeterFamilies.of(builder.registry, policies, catalog);
        this.chatRequests = families.counter(AgentMeters.CHAT_REQUESTS);
        this.chatResponseDuration = families.timer(AgentMeters.CHAT_RESPONSE_DURATION);
        this.workflowExecutions = families.counter(AgentMeters.WORKFLOW_EXECUTIONS);
        this.workflowDuration = families.timer(AgentMeters.WORKFLOW_DURATION);
        this.llmRequests = families.counter(AgentMeters.LLM_REQUESTS);
        this.llmRequestDuration = families.timer(AgentMeters.LLM_REQUEST_DURATION);
        this.activeSessions = families.gaugeFamily(AgentMeters.ACTIVE_SESSIONS).get();
        this.sessionDuration = families.timer(AgentMeters.SESSION_DURATION).get();
        this.priceTable = builder.priceTable;
        this.costLedger = new CostLedger(families, AgentMeters.LLM_COST);
        Map<String, Map<String, CostSlot>> slots = new HashMap<>();
        priceTable.prices().forEach((provider, models) -> {
            Map<String, CostSlot> byModel = new HashMap<>();
            models.forEach((model, price) -> byModel.put(model, new CostSlot(provider, model, price)));
            slots.put(provider, byModel);
        });
        this.costSlots = slots;
        this.workflowTypes = union(AgentTagKeys.BUILT_IN_WORKFLOW_TYPES, builder.extraWorkflowTypes);
        this.workflowStages = union(AgentTagKeys.BUILT_IN_WORKFLOW_STAGES, builder.extraStages);
        this.languages = union(AgentTagKeys.BUILT_IN_LANGUAGES, builder.extraLanguages);
    }

    private static List<String> union(List<String> builtIns, Set<String> extra) {
        Set<String> all = new LinkedHashSet<>(builtIns);
        all.addAll(extra);
        return List.copyOf(all);
    }

    /**
     * Creates the recorder with default tag policies, the built-in registered sets and no price
     * table (no cost recorded).
     *
     * @param registry where the meters are registered
     * @return the recorder
     */
    public static AgentMetrics create(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * Starts a recorder with options: tag policy overrides, registered values, a price table.
     *
     * @param registry where the meters are registered
     * @return a builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Records one chat request in {@code chat_requests_total{user_id,language,status}}.
     *
     * @param userId the chatting user (bounded)
     * @param language a language tag; reduced to its primary subtag ({@code en-US} is {@code en}),
     *     then a registered language or {@code other}
     * @param status how the request ended
     */
    public void recordChatRequest(String userId, String language, Outcome status) {
        try {
            chatRequests.get(userId, LanguageTags.primary(language), statusTag(status)).increment();
        } catch (RuntimeException e) {
            warn("recordChatRequest", e);
        }
    }

    /**
     * Records the duration of a chat response, or of one stage of it, in {@code
     * chat_response_duration_seconds{workflow_stage}}.
     *
     * @param workflowStage {@link AgentTagKeys#TOTAL_STAGE} for the whole response, or a
     *     registered stage; anything else is recorded as {@code other}
     * @param duration how long it took; {@code null} or negative records nothing
     */
    public void recordChatResponseDuration(String workflowStage, Duration duration) {
        if (duration != null && !duration.isNegative()) {
            recordChatResponseNanos(workflowStage, duration.toNanos());
        }
    }

    /**
     * Records one workflow execution: {@code workflow_executions_total{workflow_type,status}} and
     * {@code workflow_duration_seconds{workflow_type,stage="total"}}.
     *
     * @param workflowType a registered workflow type; anything else is recorded as {@code other}
     * @param status how the workflow ended
     * @param duration how long it took; {@code null} or negative records only the count
     */
    public void recordWorkflow(String workflowType, Outcome status, Duration duration) {
        recordWorkflowNanos(workflowType, status,
                duration != null && !duration.isNegative() ? duration.toNanos() : -1);
    }

    /**
     * Records one stage of a workflow in {@code workflow_duration_seconds{workflow_type,stage}}.
     *
     * @param workflowType a registered workflow type
     * @param stage a registered stage; anything else is recorded as {@code other}
     * @param duration how long the stage took; {@code null} or negative records nothing
     */
    public void recordWorkflowStage(String workflowType, String stage, Duration duration) {
        if (duration != null && !duration.isNegative()) {
            recordWorkflowStageNanos(workflowType, stage, duration.toNanos());
        }
    }

    /**
     * Records one LLM request: {@code llm_requests_total{provider,model,status}} and {@code
     * llm_request_duration_seconds{provider,model}}.
     *
     * @param provider the provider, such as {@code openai} (bounded)
     * @param model the requested model (bounded)
     * @param status how the request ended
     * @param duration how long it took; {@code null} or negative records only the count
     */
    public void recordLlmRequest(String provider, String model, Outcome status, Duration duration) {
        recordLlmRequestNanos(provider, model, status,
                duration != null && !duration.isNegative() ? duration.toNanos() : -1);
    }

    /**
     * Records the cost of one LLM call's tokens in {@code
     * gen_ai_client_cost_total{provider,model,currency}}, priced by the builder's {@link
     * PriceTable}, exactly ({@link ModelPrice#cost(long, long)}).
     *
     * @param provider the provider, as the price table names it
     * @param model the requested model, as the price table names it
     * @param inputTokens the input tokens; negative counts as none
     * @param outputTokens the output tokens; negative counts as none
     * @return the cost recorded, or {@code null} when the model has no price (nothing is
     *     recorded, not even a zero) or neither count was reported
     */
    public BigDecimal recordCost(String provider, String model, long inputTokens, long outputTokens) {
        if (inputTokens < 0 && outputTokens < 0) {
            return null;
        }
        try {
            CostSlot slot = slot(provider, model);
            if (slot == null) {
                return null;
            }
            BigDecimal cost = slot.price.cost(inputTokens, outputTokens);
            slot.total(costLedger).add(cost);
            return cost;
        } catch (RuntimeException e) {
            warn("recordCost", e);
            return null;
        }
    }

    /**
     * Returns the exact total cost recorded for one model on this recorder's registry.
     *
     * @param provider the provider, as the price table names it
     * @param model the model, as the price table names it
     * @return the total, {@link BigDecimal#ZERO} when nothing was recorded, {@code null} when the
     *     model has no price
     */
    public BigDecimal totalCost(String provider, String model) {
        CostSlot slot = slot(provider, model);
        if (slot == null) {
            return null;
        }
        CostLedger.Total total = slot.total;
        return total != null ? total.exact() : BigDecimal.ZERO;
    }

    /** Records that a session started: {@code active_sessions} goes up by one. */
    public void recordSessionStarted() {
        activeSessions.increment();
    }

    /**
     * Records that a session ended or expired: {@code active_sessions} goes down by one and the
     * duration is recorded in {@code session_duration_seconds}. Call it once per started session
     * ({@link AgentTelemetry#session(String)} does).
     *
     * @param duration the session's duration; {@code null} or negative records only the gauge
     */
    public void recordSessionEnded(Duration duration) {
        recordSessionEndedNanos(duration != null && !duration.isNegative() ? duration.toNanos() : -1);
    }

    /**
     * Returns the number of sessions started and not ended, as {@code active_sessions} reports it.
     *
     * @return the gauge's value
     */
    public double activeSessions() {
        return activeSessions.value();
    }

    /**
     * Returns the price table the cost is computed from.
     *
     * @return the table; {@link PriceTable#empty()} by default
     */
    public PriceTable priceTable() {
        return priceTable;
    }

    /**
     * Returns the workflow types recorded under their own name.
     *
     * @return the built-in types, then the application's
     */
    public List<String> workflowTypes() {
        return workflowTypes;
    }

    /**
     * Returns the workflow stages recorded under their own name ({@code workflow_stage} and
     * {@code stage}).
     *
     * @return the built-in stages, then the application's
     */
    public List<String> workflowStages() {
        return workflowStages;
    }

    /**
     * Returns the languages recorded under their own name.
     *
     * @return the built-in languages, then the application's
     */
    public List<String> languages() {
        return languages;
    }

    void recordChatResponseNanos(String workflowStage, long nanos) {
        try {
            chatResponseDuration.get(workflowStage).record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            warn("recordChatResponseDuration", e);
        }
    }

    void recordWorkflowNanos(String workflowType, Outcome status, long nanos) {
        try {
            workflowExecutions.get(workflowType, statusTag(status)).increment();
            if (nanos >= 0) {
                workflowDuration.get(workflowType, AgentTagKeys.TOTAL_STAGE).record(nanos, TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            warn("recordWorkflow", e);
        }
    }

    void recordWorkflowStageNanos(String workflowType, String stage, long nanos) {
        try {
            workflowDuration.get(workflowType, stage).record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            warn("recordWorkflowStage", e);
        }
    }

    void recordLlmRequestNanos(String provider, String model, Outcome status, long nanos) {
        try {
            llmRequests.get(provider, model, statusTag(status)).increment();
            if (nanos >= 0) {
                llmRequestDuration.get(provider, model).record(nanos, TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            warn("recordLlmRequest", e);
        }
    }

    void recordSessionEndedNanos(long nanos) {
        activeSessions.decrement();
        try {
            if (nanos >= 0) {
                sessionDuration.record(nanos, TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            warn("recordSessionEnded", e);
        }
    }

    private CostSlot slot(String provider, String model) {
        if (provider == null || model == null) {
            return null;
        }
        Map<String, CostSlot> models = costSlots.get(provider);
        if (models == null) {
            models = costSlots.get(TagValues.sanitize(provider));
        }
        if (models == null) {
            return null;
        }
        CostSlot slot = models.get(model);
        return slot != null ? slot : models.get(TagValues.sanitize(model));
    }

    private static String statusTag(Outcome status) {
        return status != null ? status.tagValue() : null;
    }

    private static void warn(String method, RuntimeException e) {
        OnceLogger.warn("agent-metrics:" + method, "AgentMetrics." + method
                + " failed; the value was not recorded", e);
    }

    /** One priced model: its price and, once it cost something, its series' exact total. */
    private static final class CostSlot {

        final String provider;
        final String model;
        final ModelPrice price;
        volatile CostLedger.Total total;

        CostSlot(String provider, String model, ModelPrice price) {
            this.provider = provider;
            this.model = model;
            this.price = price;
        }

        CostLedger.Total total(CostLedger ledger) {
            CostLedger.Total t = total;
            if (t == null) {
                // Registered on first use, so only models that were called get a series.
                t = ledger.total(provider, model, price.currency().getCurrencyCode());
                total = t;
            }
            return t;
        }
    }

    /** Builds {@link AgentMetrics}. Not thread-safe. */
    public static final class Builder {

        private final MeterRegistry registry;
        private TagPolicies policies = TagPolicies.defaults();
        private PriceTable priceTable = PriceTable.empty();
        private final Set<String> extraWorkflowTypes = new LinkedHashSet<>();
        private final Set<String> extraStages = new LinkedHashSet<>();
        private final Set<String> extraLanguages = new LinkedHashSet<>();

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Overrides the default tag policies of {@link AgentTagKeys} (and of the GenAI keys, which
         * are accepted too), for example {@code TagPolicies.builder().policy("user_id",
         * TagPolicy.bounded(500)).build()}. Default: {@link TagPolicies#defaults()}.
         *
         * @param tagPolicies the overrides
         * @return this builder
         * @throws IllegalArgumentException at {@link #build()}, when an override names a key that
         *     neither the agent nor the GenAI catalog has
         */
        public Builder tagPolicies(TagPolicies tagPolicies) {
            this.policies = Objects.requireNonNull(tagPolicies, "tagPolicies");
            return this;
        }

        /**
         * Registers the application's own workflow types ({@code workflow_type}). Default: {@link
         * AgentTagKeys#BUILT_IN_WORKFLOW_TYPES}.
         *
         * @param workflowTypes clean tag values, such as {@code ticket_triage}
         * @return this builder
         * @throws IllegalArgumentException when a value is not a clean tag value
         */
        public Builder workflowTypes(String... workflowTypes) {
            addClean(extraWorkflowTypes, workflowTypes);
            return this;
        }

        /**
         * Registers the application's own workflow stages ({@code workflow_stage} and {@code
         * stage}). Default: {@link AgentTagKeys#BUILT_IN_WORKFLOW_STAGES}.
         *
         * @param stages clean tag values, such as {@code reranking}
         * @return this builder
         * @throws IllegalArgumentException when a value is not a clean tag value
         */
        public Builder workflowStages(String... stages) {
            addClean(extraStages, stages);
            return this;
        }

        /**
         * Registers more languages ({@code language}), as BCP 47 primary subtags. Default: {@link
         * AgentTagKeys#BUILT_IN_LANGUAGES}.
         *
         * @param primarySubtags lower-case primary subtags, such as {@code sw}
         * @return this builder
         * @throws IllegalArgumentException when a value is not a lower-case primary subtag
         */
        public Builder languages(String... primarySubtags) {
            for (String tag : Objects.requireNonNull(primarySubtags, "primarySubtags")) {
                if (tag == null || !tag.equals(LanguageTags.primary(tag))) {
                    throw new IllegalArgumentException("not a lower-case primary language subtag: '" + tag + "'");
                }
            }
            addClean(extraLanguages, primarySubtags);
            return this;
        }

        /**
         * Sets the prices that turn token usage into {@code gen_ai.client.cost}. Default: {@link
         * PriceTable#empty()}, no cost recorded.
         *
         * @param prices the price table
         * @return this builder
         */
        public Builder priceTable(PriceTable prices) {
            this.priceTable = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * Builds the recorder and registers its metrics' families.
         *
         * @return the recorder
         * @throws IllegalArgumentException when a tag policy override names an unknown key
         */
        public AgentMetrics build() {
            return new AgentMetrics(this);
        }

        private static void addClean(Set<String> into, String... values) {
            for (String v : Objects.requireNonNull(values, "values")) {
                if (!TagValues.isClean(v)) {
                    throw new IllegalArgumentException("not a clean tag value: '" + v + "'");
                }
                into.add(v);
            }
        }
    }
}
