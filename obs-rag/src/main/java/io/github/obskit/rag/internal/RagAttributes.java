package io.github.obskit.rag.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attribute keys and log event field names of obs-rag, in one place. The {@code
 * gen_ai.*}, {@code user.id} and {@code error.type} keys are those of the OpenTelemetry semantic
 * conventions, with their types.
 */
public final class RagAttributes {

    /** {@code gen_ai.operation.name}. */
    public static final AttributeKey<String> GEN_AI_OPERATION_NAME =
            AttributeKey.stringKey("gen_ai.operation.name");
    /** {@code gen_ai.request.model}. */
    public static final AttributeKey<String> GEN_AI_REQUEST_MODEL =
            AttributeKey.stringKey("gen_ai.request.model");
    /** {@code gen_ai.provider.name}. */
    public static final AttributeKey<String> GEN_AI_PROVIDER_NAME =
            AttributeKey.stringKey("gen_ai.provider.name");
    /** {@code gen_ai.embeddings.dimension.count}. */
    public static final AttributeKey<Long> GEN_AI_EMBEDDINGS_DIMENSION_COUNT =
            AttributeKey.longKey("gen_ai.embeddings.dimension.count");
    /** {@code gen_ai.usage.input_tokens}. */
    public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.input_tokens");
    /** {@code gen_ai.usage.output_tokens}. */
    public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.output_tokens");
    /** {@code gen_ai.request.top_k} (a double in the semantic conventions). */
    public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_K =
            AttributeKey.doubleKey("gen_ai.request.top_k");
    /** {@code gen_ai.data_source.id}. */
    public static final AttributeKey<String> GEN_AI_DATA_SOURCE_ID =
            AttributeKey.stringKey("gen_ai.data_source.id");
    /** {@code gen_ai.retrieval.query.text} (opt-in, truncated). */
    public static final AttributeKey<String> GEN_AI_RETRIEVAL_QUERY_TEXT =
            AttributeKey.stringKey("gen_ai.retrieval.query.text");
    /** {@code gen_ai.retrieval.documents}: JSON {@code [{"id":...,"score":...}]} (opt-in). */
    public static final AttributeKey<String> GEN_AI_RETRIEVAL_DOCUMENTS =
            AttributeKey.stringKey("gen_ai.retrieval.documents");
    /** {@code user.id}. */
    public static final AttributeKey<String> USER_ID = AttributeKey.stringKey("user.id");
    /** {@code error.type}: the exception's fully qualified class name. */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** The query's id. */
    public static final AttributeKey<String> QUERY_ID = AttributeKey.stringKey("rag.query.id");
    /** The query's type. */
    public static final AttributeKey<String> QUERY_TYPE = AttributeKey.stringKey("rag.query.type");
    /** How the query ended: success or error. */
    public static final AttributeKey<String> QUERY_STATUS = AttributeKey.stringKey("rag.query.status");
    /** How many chunks were retrieved. */
    public static final AttributeKey<Long> CHUNKS_RETRIEVED = AttributeKey.longKey("rag.chunks_retrieved");
    /** The response's quality score, 0..1. */
    public static final AttributeKey<Double> RESPONSE_QUALITY_SCORE =
            AttributeKey.doubleKey("rag.response.quality_score");

    /** Log field: the event type. */
    public static final String LOG_EVENT_TYPE = "event_type";
    /** Log field: the query's id. */
    public static final String LOG_QUERY_ID = "query_id";
    /** Log field: the user's id. */
    public static final String LOG_USER_ID = "user_id";
    /** Log field: the query's type. */
    public static final String LOG_QUERY_TYPE = "query_type";
    /** Log field: success or error. */
    public static final String LOG_STATUS = "status";
    /** Log field: the duration in milliseconds. */
    public static final String LOG_DURATION_MS = "duration_ms";
    /** Log field: how many chunks were retrieved. */
    public static final String LOG_CHUNKS_RETRIEVED = "chunks_retrieved";
    /** Log field: the exception's class name. */
    public static final String LOG_ERROR_TYPE = "error_type";
    /** Log field: the query text (opt-in, truncated). */
    public static final String LOG_QUERY = "query";
    /** Log field: the W3C trace id. */
    public static final String LOG_TRACE_ID = "trace_id";
    /** Log field: the W3C span id. */
    public static final String LOG_SPAN_ID = "span_id";

    /** The event type of the query log event. */
    public static final String EVENT_RAG_QUERY = "rag_query";

    private RagAttributes() {
    }
}
