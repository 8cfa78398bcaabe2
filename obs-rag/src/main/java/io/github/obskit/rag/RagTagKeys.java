package io.github.obskit.rag;

import io.github.obskit.core.metrics.TagKey;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.metrics.TagPolicy;
import java.util.List;

/**
 * The tag keys of the {@link RagMeters} catalog, with their default policies. Override a policy
 * with {@link io.github.obskit.core.metrics.TagPolicies} when building {@link RagMetrics}. The
 * OpenTelemetry GenAI metrics of the facade's model calls use the shared keys of {@link
 * io.github.obskit.core.genai.GenAiTagKeys} and {@link
 * io.github.obskit.core.metrics.StandardTagKeys#ERROR_TYPE}.
 */
public final class RagTagKeys {

    /** The query types recorded under their own name unless the application registers more. */
    public static final List<String> BUILT_IN_QUERY_TYPES = List.of("semantic", "keyword", "hybrid");

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
     * {@code query_type}: a registered set: semantic, keyword, hybrid plus the types the
     * application registers ({@link RagMetrics.Builder#queryTypes(String...)}), otherwise other.
     */
    public static final TagKey QUERY_TYPE = TagKey.of("query_type", TagPolicy.registered(BUILT_IN_QUERY_TYPES),
            "Kind of query: semantic, keyword, hybrid, a type the application registered, or other");

    /** {@code status}: success or error. */
    public static final TagKey STATUS = TagKey.of("status",
            TagPolicy.allow(Outcome.SUCCESS.tagValue(), Outcome.ERROR.tagValue()),
            "Outcome: success or error");

    /**
     * {@code model}: the embedding model. Bounded to {@link TagPolicy#DEFAULT_MAX_DISTINCT_VALUES}
     * as a safety net; models come from configuration.
     */
    public static final TagKey MODEL = TagKey.of("model",
            TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES),
            "The embedding model, such as all-minilm-l6-v2");

    private RagTagKeys() {
    }
}
