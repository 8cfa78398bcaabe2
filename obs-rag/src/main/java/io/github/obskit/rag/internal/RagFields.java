package io.github.obskit.rag.internal;

import io.github.obskit.core.tracing.SpanScope;
import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attribute and log field names obs-rag writes besides the shared ones of {@link
 * io.github.obskit.core.tracing.SpanAttributeKeys} and {@link
 * io.github.obskit.core.logging.LogFields}.
 */
public final class RagFields {

    /**
     * Span attribute {@code gen_ai.retrieval.documents} (GenAI semantic conventions, opt-in): the
     * retrieved documents as a JSON array of {@code {"id","score"}} objects, the conventions'
     * form for spans.
     */
    public static final AttributeKey<String> GEN_AI_RETRIEVAL_DOCUMENTS =
            AttributeKey.stringKey("gen_ai.retrieval.documents");

    /** Span attribute {@code obskit.rag.query.status}: how the query ended, success or error. */
    public static final AttributeKey<String> QUERY_STATUS = AttributeKey.stringKey("obskit.rag.query.status");

    /** Log field {@code error_type}: the exception's class name, on failure. */
    public static final String LOG_ERROR_TYPE = "error_type";

    private RagFields() {
    }

    /**
     * Returns the {@code error.type} of a failure, as {@link SpanScope#fail(Throwable)} records
     * it on the span.
     *
     * @param error the failure, possibly {@code null}
     * @return the exception's fully qualified class name, or {@code _OTHER} without one
     */
    public static String errorType(Throwable error) {
        return error != null ? error.getClass().getName() : SpanScope.UNKNOWN_ERROR_TYPE;
    }
}
