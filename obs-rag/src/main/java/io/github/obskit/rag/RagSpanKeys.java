package io.github.obskit.rag;

import static io.opentelemetry.api.common.AttributeKey.doubleArrayKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * obs-rag's own span attribute keys, for what the OpenTelemetry GenAI conventions do not cover,
 * namespaced {@code obskit.rag.}. The conventions' keys ({@code gen_ai.*}, {@code user.id}) are in
 * {@link io.github.obskit.core.tracing.SpanAttributeKeys}.
 */
public final class RagSpanKeys {

    /** {@code obskit.rag.query.id}: the RAG query's identifier. */
    public static final AttributeKey<String> QUERY_ID = stringKey("obskit.rag.query.id");

    /** {@code obskit.rag.query.status}: how the query ended, {@code success} or {@code error}. */
    public static final AttributeKey<String> QUERY_STATUS = stringKey("obskit.rag.query.status");

    /** {@code obskit.rag.query.type}: the query type, such as {@code semantic}. */
    public static final AttributeKey<String> QUERY_TYPE = stringKey("obskit.rag.query.type");

    /** {@code obskit.rag.chunks_retrieved}: the number of chunks a retrieval or query returned. */
    public static final AttributeKey<Long> CHUNKS_RETRIEVED = longKey("obskit.rag.chunks_retrieved");

    /** {@code obskit.rag.document_ids}: the documents of the retrieved chunks (opt-in). */
    public static final AttributeKey<List<String>> DOCUMENT_IDS = stringArrayKey("obskit.rag.document_ids");

    /** {@code obskit.rag.similarity_scores}: the similarity scores of the retrieved chunks (opt-in). */
    public static final AttributeKey<List<Double>> SIMILARITY_SCORES = doubleArrayKey("obskit.rag.similarity_scores");

    /** {@code obskit.rag.quality_score}: the response quality score, 0 to 1. */
    public static final AttributeKey<Double> QUALITY_SCORE = doubleKey("obskit.rag.quality_score");

    private RagSpanKeys() {
    }
}
