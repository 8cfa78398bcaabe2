package io.github.obskit.rag;

import io.github.obskit.core.genai.GenAiMetrics;
import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.core.logging.StructuredLogger;
import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.OperationType;
import io.github.obskit.core.operation.OperationWork;
import io.github.obskit.core.tracing.ContentCapture;
import io.github.obskit.core.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * Records the metrics, the spans (OpenTelemetry GenAI semantic conventions) and the {@code
 * rag_query} log event of a RAG service, one call per operation: {@link #query(QueryRequest)}
 * for a query and its steps (embedding, retrieval, answer generation), {@link
 * #embeddings(GenAiRequest)} for an embedding call outside a query (such as indexing).
 *
 * <p>Created once at start-up with {@link #create(MeterRegistry, OpenTelemetry)} or {@link
 * #builder(MeterRegistry, OpenTelemetry)}; thread-safe. The application supplies the registry
 * and the OpenTelemetry instance (obskit never looks up a global one). Query, prompt and
 * completion text and retrieved document ids and scores stay off spans and logs unless the
 * builder opts in ({@link RagTelemetryBuilder#contentCapture(ContentCapture)}, {@link
 * RagTelemetryBuilder#captureRetrievedDocuments(boolean)}). Log events go to the SLF4J logger
 * {@code io.github.obskit.rag} unless the builder names another.
 */
public final class RagTelemetry {

    /** The instrumentation scope name of the tracer, and the default event logger name. */
    public static final String INSTRUMENTATION_NAME = "io.github.obskit.rag";

    /** The event type of the log event written once per query. */
    public static final String QUERY_EVENT_TYPE = "rag_query";

    private final RagMetrics metrics;
    private final GenAiMetrics genAiMetrics;
    private final Tracing tracing;
    private final ContentCapture contentCapture;
    private final boolean captureRetrievedDocuments;
    private final OperationType queryType;
    private final OperationType embeddingType = OperationType.builder("embedding_call").build();
    private final OperationType generationType = OperationType.builder("response_generation").build();

    RagTelemetry(RagMetrics metrics, GenAiMetrics genAiMetrics, OpenTelemetry openTelemetry,
            StructuredLogger events, boolean captureRetrievedDocuments) {
        this.metrics = metrics;
        this.genAiMetrics = genAiMetrics;
        this.tracing = Tracing.create(openTelemetry, INSTRUMENTATION_NAME);
        this.contentCapture = events.contentCapture();
        this.captureRetrievedDocuments = captureRetrievedDocuments;
        this.queryType = OperationType.builder(QUERY_EVENT_TYPE).events(events).build();
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
     * Returns the RAG metric recorder the facade records into.
     *
     * @return the recorder
     */
    public RagMetrics metrics() {
        return metrics;
    }

    /**
     * Returns the GenAI metric recorder the facade's embedding and chat calls record into.
     *
     * @return the recorder
     */
    public GenAiMetrics genAiMetrics() {
        return genAiMetrics;
    }

    /**
     * Starts one query: the {@code rag_query} span, child of the current span and current until
     * closed. See {@link RagQuery} for what is recorded; call {@link RagQuery#success()} when
     * answered: closing without {@code success()} or {@code fail(..)} (such as when an exception
     * escapes the try block) is recorded as a failure.
     *
     * @param request the query's id, user, type and text; {@code null} records a query without
     *     them
     * @return the query; close it (try-with-resources)
     */
    public RagQuery query(QueryRequest request) {
        return new RagQuery(this, QueryRequest.orEmpty(request));
    }

    /**
     * Answers one query with {@code work} (the lambda form of {@link #query(QueryRequest)}): a
     * normal return is a success; an exception escaping {@code work} marks the query failed
     * (unless the work reported a failure already) and is rethrown unchanged.
     *
     * @param request the query's id, user, type and text
     * @param work answers the query
     * @param <T> what the work returns
     * @param <E> the checked exception the work may throw
     * @return what the work returned
     * @throws E when the work throws it
     */
    public <T, E extends Throwable> T query(QueryRequest request, OperationWork<RagQuery, T, E> work) throws E {
        return Operation.run(query(request), work);
    }

    /**
     * Starts an embedding call outside a query (such as when indexing documents): an {@code
     * embeddings {model}} span, child of the current span. See {@link EmbeddingCall}; call
     * {@link EmbeddingCall#success()} when done, or the call is recorded as failed.
     *
     * @param request the embedding model's request
     * @return the call; close it (try-with-resources)
     * @throws NullPointerException when {@code request} is {@code null}
     */
    public EmbeddingCall embeddings(GenAiRequest request) {
        return new EmbeddingCall(this, Objects.requireNonNull(request, "request"), null);
    }

    Tracing tracing() {
        return tracing;
    }

    ContentCapture contentCapture() {
        return contentCapture;
    }

    boolean captureRetrievedDocuments() {
        return captureRetrievedDocuments;
    }

    OperationType queryOperationType() {
        return queryType;
    }

    OperationType embeddingOperationType() {
        return embeddingType;
    }

    OperationType generationOperationType() {
        return generationType;
    }
}
