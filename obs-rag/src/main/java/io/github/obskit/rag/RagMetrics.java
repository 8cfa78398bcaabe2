package io.github.obskit.rag;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.genai.GenAiMeters;
import io.github.obskit.core.metrics.CatalogMeter;
import io.github.obskit.core.metrics.MeterFamilies;
import io.github.obskit.core.metrics.MeterFamily;
import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.metrics.TagValues;
import io.github.obskit.core.operation.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The typed recorder of the {@link RagMeters} catalog. Create one per registry at start-up and
 * share it; it is thread-safe. Every meter is pre-resolved: recording under tag values already
 * seen does not allocate and never goes through Micrometer's builders.
 *
 * <pre>{@code
 * RagMetrics metrics = RagMetrics.create(registry);
 * metrics.recordQuery(userId, "semantic", Outcome.SUCCESS, Duration.ofMillis(420));
 * metrics.recordChunkRetrieved(userId, documentId, 0.83, "semantic");
 * }</pre>
 *
 * <p>Parameters come in the order of the metric's tag keys. The OpenTelemetry GenAI metrics of
 * the RAG service's model calls are recorded by obs-core's {@link
 * io.github.obskit.core.genai.GenAiMetrics}, shared with every module that calls a model.
 *
 * <p>{@code user_id} and {@code document_id} are bounded by default ({@link RagTagKeys}); no
 * method throws into the caller: {@code null} and unexpected values are recorded under {@code
 * unknown} or {@code other}. Scores are recorded into distribution summaries, which drop
 * negative values; obskit records a negative score as 0 so the count stays exact, and a
 * non-finite score not at all.
 */
public final class RagMetrics {

    private final List<String> queryTypes;
    private final MeterFamily<Counter> queries;
    private final MeterFamily<Timer> queryDuration;
    private final MeterFamily<Counter> chunksRetrieved;
    private final MeterFamily<DistributionSummary> similarityScores;
    private final MeterFamily<Counter> embeddingsGenerated;
    private final MeterFamily<Timer> embeddingDuration;
    private final MeterFamily<DistributionSummary> responseQuality;

    private RagMetrics(Builder builder) {
        // The RAG facade hands the same policies to the shared GenAI recorder: check key names
        // against both catalogs, so that a misspelt key fails here and a GenAI key does not.
        List<CatalogMeter> catalog = new ArrayList<>(List.of(RagMeters.values()));
        catalog.addAll(List.of(GenAiMeters.values()));
        MeterFamilies families = MeterFamilies.of(builder.registry,
                builder.policies.withRegistered(RagTagKeys.QUERY_TYPE.name(), builder.queryTypes),
                catalog);
        this.queryTypes = List.copyOf(builder.queryTypes);
        this.queries = families.counter(RagMeters.RAG_QUERIES);
        this.queryDuration = families.timer(RagMeters.RAG_QUERY_DURATION);
        this.chunksRetrieved = families.counter(RagMeters.CHUNKS_RETRIEVED);
        this.similarityScores = families.summary(RagMeters.SIMILARITY_SCORES);
        this.embeddingsGenerated = families.counter(RagMeters.EMBEDDINGS_GENERATED);
        this.embeddingDuration = families.timer(RagMeters.EMBEDDING_GENERATION_DURATION);
        this.responseQuality = families.summary(RagMeters.RESPONSE_QUALITY_SCORES);
    }

    /**
     * Creates the recorder with default tag policies and the built-in query types.
     *
     * @param registry where the meters are registered
     * @return the recorder
     */
    public static RagMetrics create(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * Starts a recorder with options: tag policy overrides and application query types.
     *
     * @param registry where the meters are registered
     * @return a builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Records one query: {@code rag_queries_total{user_id,query_type,status}} and {@code
     * rag_query_duration_seconds{query_type}}.
     *
     * @param userId the querying user (bounded)
     * @param queryType a registered query type; anything else is recorded as {@code other}
     * @param status how the query ended
     * @param duration how long it took; {@code null} or negative records only the count
     */
    public void recordQuery(String userId, String queryType, Outcome status, Duration duration) {
        recordQueryNanos(userId, queryType, status,
                duration != null && !duration.isNegative() ? duration.toNanos() : -1);
    }

    /**
     * Records one retrieved chunk: one count in {@code chunks_retrieved_total{user_id,
     * document_id}} and its score in {@code similarity_scores{query_type}}.
     *
     * @param userId the querying user (bounded)
     * @param documentId the document the chunk belongs to (bounded)
     * @param similarity the chunk's similarity score; a NaN records the count only
     * @param queryType the query's type
     */
    public void recordChunkRetrieved(String userId, String documentId, double similarity,
            String queryType) {
        try {
            chunksRetrieved.get(userId, documentId).increment();
            if (!Double.isNaN(similarity) && !Double.isInfinite(similarity)) {
                similarityScores.get(queryTypeTag(queryType)).record(Math.max(0, similarity));
            }
        } catch (RuntimeException e) {
            warn("recordChunkRetrieved", e);
        }
    }

    /**
     * Records one embedding call: {@code count} embeddings in {@code
     * embeddings_generated_total{model,status}} and the call's duration in {@code
     * embedding_generation_duration_seconds{model}}.
     *
     * @param model the embedding model
     * @param status how the call ended
     * @param count how many embeddings the call produced (a batch), at least 0
     * @param duration how long the call took; {@code null} or negative records only the count
     */
    public void recordEmbeddings(String model, Outcome status, int count, Duration duration) {
        recordEmbeddingsNanos(model, status, count,
                duration != null && !duration.isNegative() ? duration.toNanos() : -1);
    }

    /**
     * Records one response quality score in {@code response_quality_scores{user_id}}.
     *
     * @param userId the user who received the response (bounded)
     * @param score the score on a 0..1 scale; non-finite values are ignored
     */
    public void recordResponseQuality(String userId, double score) {
        if (Double.isNaN(score) || Double.isInfinite(score)) {
            return;
        }
        try {
            responseQuality.get(userId).record(Math.max(0, score));
        } catch (RuntimeException e) {
            warn("recordResponseQuality", e);
        }
    }

    /**
     * Returns the query types recorded under their own name: the built-in ones and those
     * registered with the builder.
     *
     * @return the query types, built-in ones first
     */
    public List<String> queryTypes() {
        return queryTypes;
    }

    void recordQueryNanos(String userId, String queryType, Outcome status, long nanos) {
        try {
            String type = queryTypeTag(queryType);
            queries.get(userId, type, statusTag(status)).increment();
            if (nanos >= 0) {
                queryDuration.get(type).record(nanos, TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            warn("recordQuery", e);
        }
    }

    void recordEmbeddingsNanos(String model, Outcome status, int count, long nanos) {
        try {
            if (count > 0) {
                embeddingsGenerated.get(model, statusTag(status)).increment(count);
            }
            if (nanos >= 0) {
                embeddingDuration.get(model).record(nanos, TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            warn("recordEmbeddings", e);
        }
    }

    private static String queryTypeTag(String queryType) {
        return queryType; // the registered set of RagTagKeys.QUERY_TYPE decides
    }

    private static String statusTag(Outcome status) {
        return status != null ? status.tagValue() : null;
    }

    private static void warn(String method, RuntimeException e) {
        OnceLogger.warn("rag-metrics:" + method, "RagMetrics." + method
                + " failed; the value was not recorded", e);
    }

    /** Builds {@link RagMetrics}. Not thread-safe. */
    public static final class Builder {

        private final MeterRegistry registry;
        private TagPolicies policies = TagPolicies.defaults();
        private final Set<String> queryTypes = new LinkedHashSet<>(RagTagKeys.BUILT_IN_QUERY_TYPES);

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Overrides the default tag policies of {@link RagTagKeys}, for example {@code
         * TagPolicies.builder().policy("user_id", TagPolicy.bounded(500)).build()}. Default:
         * {@link TagPolicies#defaults()}.
         *
         * @param tagPolicies the overrides
         * @return this builder
         */
        public Builder tagPolicies(TagPolicies tagPolicies) {
            this.policies = Objects.requireNonNull(tagPolicies, "tagPolicies");
            return this;
        }

        /**
         * Registers the application's own query types, recorded under their own name in the
         * {@code query_type} tag. Default: semantic, keyword, hybrid.
         *
         * @param additionalQueryTypes clean tag values, such as {@code faq}
         * @return this builder
         * @throws IllegalArgumentException when a value is not a clean tag value
         */
        public Builder queryTypes(String... additionalQueryTypes) {
            for (String type : Objects.requireNonNull(additionalQueryTypes, "additionalQueryTypes")) {
                if (!TagValues.isClean(type)) {
                    throw new IllegalArgumentException("not a clean tag value: '" + type + "'");
                }
                queryTypes.add(type);
            }
            return this;
        }

        /**
         * Builds the recorder.
         *
         * @return the recorder
         */
        public RagMetrics build() {
            return new RagMetrics(this);
        }
    }
}
