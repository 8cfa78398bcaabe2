package io.github.obskit.rag;

import io.github.obskit.core.metrics.Buckets;
import io.github.obskit.core.metrics.CatalogMeter;
import io.github.obskit.core.metrics.MeterDefinition;

/**
 * The RAG-service metrics. Scraped by Prometheus they carry the names and labels of the RAG
 * service's dashboards: {@code rag_queries_total}, {@code rag_query_duration_seconds}, {@code
 * chunks_retrieved_total}, {@code similarity_scores}, {@code embeddings_generated_total}, {@code
 * embedding_generation_duration_seconds} and {@code response_quality_scores}. The two score
 * histograms are in percent (0-100) with whole-number buckets; callers still pass 0..1 scores.
 * The embedding and chat calls of a RAG service also record the OpenTelemetry GenAI metrics of
 * the shared catalog {@link io.github.obskit.core.genai.GenAiMeters}, through obs-core's {@link
 * io.github.obskit.core.genai.GenAiMetrics}.
 */
public enum RagMeters implements CatalogMeter {

    /** Total number of RAG queries. */
    RAG_QUERIES(MeterDefinition.counter("rag.queries")
            .description("Total number of RAG queries")
            .tags(RagTagKeys.USER_ID, RagTagKeys.QUERY_TYPE, RagTagKeys.STATUS)
            .build()),

    /** RAG query duration in seconds. */
    RAG_QUERY_DURATION(MeterDefinition.timer("rag.query.duration")
            .description("RAG query duration in seconds")
            .tags(RagTagKeys.QUERY_TYPE)
            .buckets(Buckets.GEN_AI_SECONDS)
            .build()),

    /** Total number of chunks retrieved. */
    CHUNKS_RETRIEVED(MeterDefinition.counter("chunks.retrieved")
            .description("Total number of chunks retrieved")
            .tags(RagTagKeys.USER_ID, RagTagKeys.DOCUMENT_ID)
            .build()),

    /**
     * Distribution of similarity scores, in percent (0-100): recorders pass the 0..1 score and it
     * is recorded times 100 ({@link MeterDefinition#scale()}), so that the whole-number buckets of
     * {@link RagBuckets#SIMILARITY} count each score exactly (unit {@code {percent}}, an
     * annotation: scraped as {@code similarity_scores_*}).
     */
    SIMILARITY_SCORES(MeterDefinition.distributionSummary("similarity.scores")
            .description("Distribution of similarity scores, in percent (0-100)")
            .baseUnit("{percent}")
            .tags(RagTagKeys.QUERY_TYPE)
            .scale(100)
            .buckets(RagBuckets.SIMILARITY)
            .build()),

    /** Total number of embeddings generated. */
    EMBEDDINGS_GENERATED(MeterDefinition.counter("embeddings.generated")
            .description("Total number of embeddings generated")
            .tags(RagTagKeys.MODEL, RagTagKeys.STATUS)
            .build()),

    /** Embedding generation duration in seconds. */
    EMBEDDING_GENERATION_DURATION(MeterDefinition.timer("embedding.generation.duration")
            .description("Embedding generation duration in seconds")
            .tags(RagTagKeys.MODEL)
            .buckets(Buckets.GEN_AI_SECONDS)
            .build()),

    /**
     * Distribution of response quality scores, in percent (0-100): recorders pass the 0..1 score
     * and it is recorded times 100, into the whole-number buckets of {@link
     * RagBuckets#RESPONSE_QUALITY} (unit {@code {percent}}: scraped as {@code
     * response_quality_scores_*}).
     */
    RESPONSE_QUALITY_SCORES(MeterDefinition.distributionSummary("response.quality.scores")
            .description("Distribution of response quality scores, in percent (0-100)")
            .baseUnit("{percent}")
            .tags(RagTagKeys.USER_ID)
            .scale(100)
            .buckets(RagBuckets.RESPONSE_QUALITY)
            .build());

    private final MeterDefinition definition;

    RagMeters(MeterDefinition definition) {
        this.definition = definition;
    }

    @Override
    public MeterDefinition definition() {
        return definition;
    }
}
