package io.github.obskit.rag;

import io.github.obskit.core.metrics.Buckets;

/** Histogram buckets of the RAG metrics that obs-core does not define. */
public final class RagBuckets {

    /**
     * Similarity scores of retrieved chunks (cosine similarity of normalized embeddings) in
     * percent (0-100): 10-point steps up to 60, then 5-point steps up to 100, where retrieval
     * thresholds usually sit. Whole numbers, because Micrometer's fixed-boundary histograms round
     * each value up to a whole number before choosing its bucket; {@link
     * RagMeters#SIMILARITY_SCORES} records the 0..1 score times 100. Scores at or below 0.1,
     * including negative ones (recorded as 0), fall in the first bucket.
     */
    public static final Buckets SIMILARITY = Buckets.of(10, 20, 30, 40, 50, 60, 65, 70, 75, 80,
            85, 90, 95, 100);

    /**
     * Response quality scores in percent (0-100), 10-point steps: {@link
     * Buckets#PERCENT}. {@link RagMeters#RESPONSE_QUALITY_SCORES} records the 0..1 score times
     * 100.
     */
    public static final Buckets RESPONSE_QUALITY = Buckets.PERCENT;

    private RagBuckets() {
    }
}
