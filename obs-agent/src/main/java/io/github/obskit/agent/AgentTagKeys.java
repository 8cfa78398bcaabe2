package io.github.obskit.agent;

import io.github.obskit.core.genai.GenAiTagKeys;
import io.github.obskit.core.metrics.TagKey;
import io.github.obskit.core.metrics.TagPolicy;
import io.github.obskit.core.operation.Outcome;
import java.util.List;

/**
 * The tag keys of the {@link AgentMeters} catalog, with their default policies ({@linkplain
 * TagPolicy the cardinality rule}). Override a policy with {@link
 * io.github.obskit.core.metrics.TagPolicies} when building {@link AgentMetrics}; extend a
 * registered set with {@link AgentMetrics.Builder#workflowTypes(String...)}, {@link
 * AgentMetrics.Builder#workflowStages(String...)} or {@link AgentMetrics.Builder#languages(String...)}.
 * The OpenTelemetry GenAI metrics of the LLM calls use the shared keys of {@link GenAiTagKeys}.
 */
public final class AgentTagKeys {

    /**
     * The stage value of the whole operation: {@code chat_response_duration_seconds{workflow_stage="total"}}
     * is the whole chat response, {@code workflow_duration_seconds{stage="total"}} a whole
     * workflow. The other stage values are parts of it, so sum stages without {@code total}.
     */
    public static final String TOTAL_STAGE = "total";

    /**
     * The language values recorded under their own name unless the application registers more:
     * BCP 47 primary subtags of the languages chat services see most. This is obskit's one
     * language vocabulary: obs-agent's {@code chat_requests_total} and obs-business's {@code
     * chat_sessions_total} share it (and the {@link #LANGUAGE} key), so both label a chat alike.
     * It is the union of the lists the two modules started with (32 subtags): {@code en de fr es
     * it pt nl pl ru uk tr ar he hi zh ja ko vi id th sv da no fi cs bn fa el nb ro hu ms}.
     */
    public static final List<String> BUILT_IN_LANGUAGES = List.of("en", "de", "fr", "es", "it", "pt",
            "nl", "pl", "ru", "uk", "tr", "ar", "he", "hi", "zh", "ja", "ko", "vi", "id", "th", "sv",
            "da", "no", "fi", "cs", "bn", "fa", "el", "nb", "ro", "hu", "ms");

    /** The workflow types recorded under their own name unless the application registers more. */
    public static final List<String> BUILT_IN_WORKFLOW_TYPES = List.of("question_answering",
            "summarization", "document_search", "conversation");

    /**
     * The workflow stages recorded under their own name unless the application registers more:
     * {@value #TOTAL_STAGE} and the usual steps of an agent's answer.
     */
    public static final List<String> BUILT_IN_WORKFLOW_STAGES = List.of(TOTAL_STAGE, "planning",
            "retrieval", "tool_execution", "generation", "validation");

    /**
     * {@code user_id}: bounded to {@link TagPolicy#DEFAULT_MAX_DISTINCT_VALUES}; later users are
     * recorded as {@code other}.
     */
    public static final TagKey USER_ID = TagKey.of("user_id",
            TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES),
            "The chatting user; bounded, later users are recorded as other");

    /**
     * {@code language}: a registered set of BCP 47 primary subtags ({@link #BUILT_IN_LANGUAGES}
     * plus the application's); {@code en-US} and {@code EN} are recorded as {@code en}, anything
     * else as {@code other}. obs-business's {@code BusinessTagKeys.LANGUAGE} is this key.
     */
    public static final TagKey LANGUAGE = TagKey.of("language", TagPolicy.registered(BUILT_IN_LANGUAGES),
            "The chat's language as a BCP 47 primary subtag (en-US is en), a language the "
                    + "application registered, or other");

    /** {@code status}: success or error. */
    public static final TagKey STATUS = TagKey.of("status",
            TagPolicy.allow(Outcome.SUCCESS.tagValue(), Outcome.ERROR.tagValue()),
            "Outcome: success or error");

    /**
     * {@code workflow_stage}: the stage of a chat response, a registered set ({@link
     * #BUILT_IN_WORKFLOW_STAGES} plus the application's), otherwise other; {@value #TOTAL_STAGE}
     * is the whole response.
     */
    public static final TagKey WORKFLOW_STAGE = TagKey.of("workflow_stage",
            TagPolicy.registered(BUILT_IN_WORKFLOW_STAGES),
            "The stage of the chat response (total for the whole response), or other");

    /**
     * {@code workflow_type}: a registered set ({@link #BUILT_IN_WORKFLOW_TYPES} plus the
     * application's), otherwise other.
     */
    public static final TagKey WORKFLOW_TYPE = TagKey.of("workflow_type",
            TagPolicy.registered(BUILT_IN_WORKFLOW_TYPES),
            "The kind of agent workflow, a type the application registered, or other");

    /**
     * {@code stage}: the stage of a workflow, the same registered set as {@link #WORKFLOW_STAGE};
     * {@value #TOTAL_STAGE} is the whole workflow.
     */
    public static final TagKey STAGE = TagKey.of("stage", TagPolicy.registered(BUILT_IN_WORKFLOW_STAGES),
            "The stage of the workflow (total for the whole workflow), or other");

    /**
     * {@code provider}: the LLM provider ({@code gen_ai.provider.name} of the call); bounded to
     * {@value GenAiTagKeys#MAX_PROVIDERS} as a safety net, providers come from configuration.
     */
    public static final TagKey PROVIDER = TagKey.of("provider", TagPolicy.bounded(GenAiTagKeys.MAX_PROVIDERS),
            "The LLM provider, such as openai or ollama");

    /**
     * {@code model}: the requested model ({@code gen_ai.request.model} of the call); bounded to
     * {@value GenAiTagKeys#MAX_MODELS} as a safety net, models come from configuration.
     */
    public static final TagKey MODEL = TagKey.of("model", TagPolicy.bounded(GenAiTagKeys.MAX_MODELS),
            "The model the LLM request asked for");

    /** How many distinct currencies the cost metric keeps before recording {@code other}. */
    public static final int MAX_CURRENCIES = 8;

    /**
     * {@code currency}: the ISO 4217 code of a price table entry's currency, such as {@code USD};
     * bounded to {@value #MAX_CURRENCIES}.
     */
    public static final TagKey CURRENCY = TagKey.of("currency", TagPolicy.bounded(MAX_CURRENCIES),
            "The ISO 4217 currency of the cost, such as USD");

    private AgentTagKeys() {
    }
}
