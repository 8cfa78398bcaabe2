package io.github.obskit.rag;

import io.github.obskit.core.metrics.Buckets;

/** Histogram buckets of the RAG metrics that obs-core does not define. */
public final class RagBuckets {

    /**
     * Similarity scores of retrieved chunks (cosine similarity of normalized embeddings): 0.1
     * steps up to 0.6, then 0.05 steps up to 1.0, where retrieval thresholds usually sit. Scores
     * at or below 0.1, including negative ones, fall in the first bucket.
     */
    public static final Buckets SIMILARITY = Buckets.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.65, 0.7,
            0.75, 0.8, 0.85, 0.9, 0.95, 1.0);

    private RagBuckets() {
    }
}
