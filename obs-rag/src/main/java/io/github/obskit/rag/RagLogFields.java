package io.github.obskit.rag;

/**
 * The fields of the {@code rag_query} log event that are obs-rag's own; the event also carries
 * obs-core's common fields ({@code event_type}, {@code trace_id}, {@code span_id}, {@code
 * user_id}, {@code status}, {@code duration_ms}, {@code error_type}).
 */
public final class RagLogFields {

    /** {@code query_id}: the RAG query's identifier. */
    public static final String QUERY_ID = "query_id";

    /** {@code query_type}: the RAG query type, such as {@code semantic}. */
    public static final String QUERY_TYPE = "query_type";

    /** {@code chunks_retrieved}: the number of chunks the query's retrievals returned. */
    public static final String CHUNKS_RETRIEVED = "chunks_retrieved";

    /** {@code query_text}: content; the query text, only with content capture on, truncated. */
    public static final String QUERY_TEXT = "query_text";

    private RagLogFields() {
    }
}
