package io.github.obskit.rag;

import io.github.obskit.core.metrics.TagKey;
import io.github.obskit.core.metrics.TagPolicy;
import java.util.List;
import java.util.function.Function;

/**
 * The tag keys of the {@link RagMeters} catalog, with their default policies. Override a policy
 * with {@link io.github.obskit.core.metrics.TagPolicies} when building {@link RagMetrics}.
 */
public final class RagTagKeys {

    /** The query types recorded under their own name unless the application registers more. */
    public static final List<String> BUILT_IN_QUERY_TYPES = List.of("semantic", "keyword", "hybrid");

    /** The value of {@code error.type} on {@code gen_ai.client.operation.duration} for a success. */
    public static final String NO_ERROR = "none";

    /**
     * {@code user_id}: bounded to {@link TagPolicy#DEFAULT_MAX_DISTINCT_VALUES}; later users are
     * recorded as {@code other}.
     */
    public static final TagKey USER_ID = TagKey.of("user_id",
            TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES),
            "The querying user; bounded, later users are recorded as other");

    /**
     * {@code document_id}: bounded to {@link TagPolicy#DEFAULT_MAX_DISTINCT_VALUES}; later
     * documents are recorded as {@code other}.
     */
    public static final TagKey DOCUMENT_ID = TagKey.of("document_id",
            TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES),
            "The document a chunk belongs to; bounded, later documents are recorded as other");

    /**
     * {@code query_type}: semantic, keyword, hybrid, a type the application registered, or
     * other. The closed set is enforced by {@link RagMetrics}.
     */
    public static final TagKey QUERY_TYPE = TagKey.of("query_type", TagPolicy.map(Function.identity()),
            "Kind of query: semantic, keyword, hybrid, a type the application registered, or other");

    /** {@code status}: success or error. */
    public static final TagKey STATUS = TagKey.of("status",
            TagPolicy.allow(RagStatus.SUCCESS.tagValue(), RagStatus.ERROR.tagValue()),
            "Outcome: success or error");

    /**
     * {@code model}: the embedding model. Bounded to {@link TagPolicy#DEFAULT_MAX_DISTINCT_VALUES}
     * as a safety net; models come from configuration.
     */
    public static final TagKey MODEL = TagKey.of("model",
            TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES),
            "The embedding model, such as all-minilm-l6-v2");

    /** {@code gen_ai.operation.name}: the GenAI operation, a closed set, otherwise _OTHER. */
    public static final TagKey GEN_AI_OPERATION_NAME = TagKey.of("gen_ai.operation.name",
            TagPolicy.allow("chat", "embeddings", "text_completion", "generate_content", "retrieval",
                    "execute_tool", "invoke_agent").otherwise("_OTHER"),
            "The GenAI operation (semantic conventions), such as embeddings or chat");

    /** {@code gen_ai.request.model}: the model requested; bounded as a safety net. */
    public static final TagKey GEN_AI_REQUEST_MODEL = TagKey.of("gen_ai.request.model",
            TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES),
            "The model requested (semantic conventions)");

    /** {@code gen_ai.provider.name}: the provider, such as openai; bounded as a safety net. */
    public static final TagKey GEN_AI_PROVIDER_NAME = TagKey.of("gen_ai.provider.name",
            TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES),
            "The GenAI provider (semantic conventions), such as openai");

    /**
     * {@code error.type}: the exception's class name on failure, {@value #NO_ERROR} on success
     * (Micrometer needs every series of a metric to carry the same keys); bounded.
     */
    public static final TagKey ERROR_TYPE = TagKey.of("error.type",
            TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES),
            "The exception's fully qualified class name on failure, none on success");

    private RagTagKeys() {
    }
}
