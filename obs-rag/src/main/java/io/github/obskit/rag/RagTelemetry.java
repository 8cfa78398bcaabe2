package io.github.obskit.rag;

import io.github.obskit.core.logging.StructuredLogger;
import io.github.obskit.core.tracing.ContentCapture;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.Tracing;
import io.github.obskit.rag.internal.SpanNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import org.slf4j.Logger;

/**
 * Records the metrics, the spans (OpenTelemetry GenAI semantic conventions) and the {@code
 * rag_query} log event of a RAG service, one call per operation: {@link #query(String, String,
 * String, String)} for a query and its steps (embedding, retrieval, answer generation), {@link
 * #embeddings(String, String)} for an embedding call outside a query (such as indexing).
 *
 * <p>Created once at start-up with {@link #create(MeterRegistry, OpenTelemetry)} or {@link
 * #builder(MeterRegistry, OpenTelemetry)}; thread-safe. The application supplies the registry
 * and the OpenTelemetry instance (obskit never looks up a global one). Query text and retrieved
 * document ids and scores stay off spans and logs unless the builder opts in ({@link
 * RagTelemetryBuilder#contentCapture(ContentCapture)}, {@link
 * RagTelemetryBuilder#captureRetrievedDocuments(boolean)}). Log events go to
 * the SLF4J logger {@code io.github.obskit.rag} unless the builder names another.
 */
public final class RagTelemetry {

    /** The instrumentation scope name of the tracer, and the default event logger name. */
    public static final String INSTRUMENTATION_NAME = "io.github.obskit.rag";

    private final RagMetrics metrics;
    private final Tracing tracing;
    private final StructuredLogger events;
    private final boolean captureRetrievedDocuments;
    private final SpanNames embeddingsSpanNames = new SpanNames(SpanAttributeKeys.GEN_AI_OPERATION_EMBEDDINGS);
    private final SpanNames retrievalSpanNames = new SpanNames(SpanAttributeKeys.GEN_AI_OPERATION_RETRIEVAL);
    private final SpanNames chatSpanNames = new SpanNames(SpanAttributeKeys.GEN_AI_OPERATION_CHAT);

    RagTelemetry(RagMetrics metrics, OpenTelemetry openTelemetry, Logger eventLogger,
            ContentCapture contentCapture, boolean captureRetrievedDocuments) {
        this.metrics = metrics;
        this.tracing = Tracing.create(openTelemetry, INSTRUMENTATION_NAME);
        this.events = StructuredLogger.create(eventLogger, contentCapture);
        this.captureRetrievedDocuments = captureRetrievedDocuments;
    }

    /**
     * Creates the facade with default options: default tag policies, the built-in query types,
     * no content capture, and the event logger {@code io.github.obskit.rag}.
     *
     * @param registry where the metrics are registered
     * @param openTelemetry supplies the tracer
     * @return the facade
     */
    public static RagTelemetry create(MeterRegistry registry, OpenTelemetry openTelemetry) {
        return builder(registry, openTelemetry).build();
    }

    /**
     * Starts a facade with options.
     *
     * @param registry where the metrics are registered
     * @param openTelemetry supplies the tracer
     * @return a builder
     */
    public static RagTelemetryBuilder builder(MeterRegistry registry, OpenTelemetry openTelemetry) {
        return new RagTelemetryBuilder(registry, openTelemetry);
    }

    /**
     * Returns the metric recorder the facade records into.
     *
     * @return the recorder
     */
    public RagMetrics metrics() {
        return metrics;
    }

    /**
     * Starts one query: the {@code rag_query} span, child of the current span. See {@link
     * RagQuery} for what is recorded; call {@link RagQuery#success()} when answered: closing
     * without {@code success()} or {@link RagQuery#fail(Throwable)} (such as when an exception
     * escapes the try block) is recorded as a failure.
     *
     * @param queryId the query's id, for logs and spans
     * @param userId the querying user's id, or {@code null}
     * @param queryType semantic, keyword, hybrid or a type registered with the builder
     * @param queryText the query text; kept only when the builder's {@link ContentCapture}
     *     policy opted in, and then truncated
     * @return the query; close it (try-with-resources)
     */
    public RagQuery query(String queryId, String userId, String queryType, String queryText) {
        return new RagQuery(this, queryId, userId, queryType, contentCapture().apply(queryText));
    }

    /**
     * Answers one query with {@code work} and records it as {@link #query(String, String,
     * String, String)} does: a normal return is a success ({@link RagQuery#success()}); an
     * exception escaping {@code work} marks the query failed ({@link RagQuery#fail(Throwable)},
     * unless the work reported a failure already) and is rethrown unchanged.
     *
     * @param queryId the query's id
     * @param userId the querying user's id, or {@code null}
     * @param queryType the query's type
     * @param queryText the query text (kept only when opted in)
     * @param work answers the query
     * @param <T> what the work returns
     * @param <E> the checked exception the work may throw
     * @return what the work returned
     * @throws E when the work throws it
     */
    public <T, E extends Throwable> T query(String queryId, String userId, String queryType,
            String queryText, QueryWork<T, E> work) throws E {
        try (RagQuery query = query(queryId, userId, queryType, queryText)) {
            try {
                return query.success(work.answer(query));
            } catch (Throwable t) {
                query.fail(t);
                throw t;
            }
        }
    }

    /**
     * Starts an embedding call outside a query (such as when indexing documents): an {@code
     * embeddings {model}} span, child of the current span. See {@link EmbeddingCall}; call
     * {@link EmbeddingCall#success()} when done, or the call is recorded as failed.
     *
     * @param model the embedding model
     * @param providerName the provider ({@code gen_ai.provider.name})
     * @return the call; close it (try-with-resources)
     */
    public EmbeddingCall embeddings(String model, String providerName) {
        return new EmbeddingCall(this, Context.current(), model, providerName);
    }

    Tracing tracing() {
        return tracing;
    }

    StructuredLogger events() {
        return events;
    }

    ContentCapture contentCapture() {
        return events.contentCapture();
    }

    boolean captureRetrievedDocuments() {
        return captureRetrievedDocuments;
    }

    SpanNames embeddingsSpanNames() {
        return embeddingsSpanNames;
    }

    SpanNames retrievalSpanNames() {
        return retrievalSpanNames;
    }

    SpanNames chatSpanNames() {
        return chatSpanNames;
    }
}
