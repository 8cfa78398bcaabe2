package io.github.obskit.rag;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.tracing.OperationOutcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.SpanScope;
import io.github.obskit.rag.internal.RetrievedDocuments;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * The retrieval of a query's chunks from a data source (a vector index), started by {@link
 * RagQuery#retrieve(String, int)}. Report each retrieved chunk with {@link #chunk(String,
 * double)}:
 *
 * <pre>{@code
 * try (Retrieval retrieval = query.retrieve("documents", 5)) {
 *     for (Match match : index.search(vector, 5)) {
 *         retrieval.chunk(match.documentId(), match.score());
 *     }
 *     retrieval.success();
 * }
 * }</pre>
 *
 * <p>What is recorded: a CLIENT span {@code retrieval {data_source}} with {@code
 * gen_ai.operation.name=retrieval}, {@code gen_ai.data_source.id}, {@code gen_ai.request.top_k}
 * and the number of chunks ({@code obskit.rag.chunks_retrieved}); per chunk, {@code
 * chunks_retrieved_total{user_id,document_id}} and {@code similarity_scores{query_type}}. The
 * retrieved document ids and scores ({@code gen_ai.retrieval.documents}, JSON) and the query text
 * ({@code gen_ai.retrieval.query.text}, truncated) are put on the span only when the application
 * opted in ({@link RagTelemetryBuilder#captureRetrievedDocuments(boolean)}, {@link
 * RagTelemetryBuilder#contentCapture(io.github.obskit.core.tracing.ContentCapture)}). A failure
 * reported with {@link #fail(Throwable)} marks the span ERROR with {@code error.type} (the
 * exception's class name) and the exception. As with {@link SpanScope}, call {@link #success()}
 * when done: closing without {@code success()} or {@code fail} (an exception escaped the try
 * block) ends the span ERROR with {@code error.type} {@value SpanScope#UNKNOWN_ERROR_TYPE}.
 *
 * <p>Not thread-safe: start and close it on one thread. Closing twice has no effect.
 */
public final class Retrieval implements AutoCloseable {

    private final RagTelemetry telemetry;
    private final RagQuery query;
    private final SpanScope span;
    private final RetrievedDocuments documents;
    private final OperationOutcome outcome = new OperationOutcome();
    private long chunks;

    Retrieval(RagTelemetry telemetry, RagQuery query, Context parent, String dataSource, int topK,
            String queryText) {
        this.telemetry = telemetry;
        this.query = query;
        this.span = telemetry.tracing()
                .span(telemetry.retrievalSpanNames().name(dataSource))
                .kind(SpanKind.CLIENT)
                .parent(parent)
                .attribute(SpanAttributeKeys.GEN_AI_OPERATION_NAME, SpanAttributeKeys.GEN_AI_OPERATION_RETRIEVAL)
                .attribute(SpanAttributeKeys.GEN_AI_REQUEST_TOP_K, (double) topK)
                .attribute(SpanAttributeKeys.GEN_AI_DATA_SOURCE_ID, dataSource)
                .start()
                .content(SpanAttributeKeys.GEN_AI_RETRIEVAL_QUERY_TEXT, queryText, telemetry.contentCapture());
        this.documents = telemetry.captureRetrievedDocuments() ? new RetrievedDocuments() : null;
    }

    /**
     * Reports one retrieved chunk.
     *
     * @param documentId the document the chunk belongs to
     * @param similarity its similarity score (cosine similarity)
     * @return this retrieval
     */
    public Retrieval chunk(String documentId, double similarity) {
        if (outcome.isClosed()) {
            return this;
        }
        chunks++;
        telemetry.metrics().recordChunkRetrieved(query.userId(), documentId, similarity,
                query.queryType());
        if (documents != null) {
            documents.add(documentId, similarity);
        }
        return this;
    }

    /** Marks the retrieval as successful; a failure reported before is final. */
    public void success() {
        outcome.succeed();
    }

    /**
     * Marks the retrieval as successful and returns its result, for {@code return
     * retrieval.success(result);}.
     *
     * @param result the retrieval's result
     * @param <T> the result type
     * @return {@code result}
     */
    public <T> T success(T result) {
        success();
        return result;
    }

    /**
     * Reports that retrieval failed; the query is not failed by this alone. Later calls are
     * ignored.
     *
     * @param failure the failure, possibly {@code null}
     */
    public void fail(Throwable failure) {
        if (outcome.fail(failure)) {
            span.fail(failure);
        }
    }

    /**
     * Returns the span, to add the application's own attributes.
     *
     * @return the span; do not end it, close this retrieval instead
     */
    public Span span() {
        return span.span();
    }

    /**
     * Ends retrieval: adds the chunk count to the span and the query, ends the span and restores
     * the previous context. Without {@link #success()} or {@link #fail(Throwable)} before, the
     * span ends ERROR with {@code error.type} {@value SpanScope#UNKNOWN_ERROR_TYPE}.
     */
    @Override
    public void close() {
        if (!outcome.close()) {
            return;
        }
        try {
            span.attribute(SpanAttributeKeys.RAG_CHUNKS_RETRIEVED, chunks);
            if (documents != null) {
                span.attribute(SpanAttributeKeys.GEN_AI_RETRIEVAL_DOCUMENTS, documents.toJson());
            }
            query.addChunks(chunks);
            if (!outcome.isFailed()) {
                span.success();
            } // else: failed by fail(), or ERROR with error.type _OTHER when the span scope closes
        } catch (RuntimeException e) {
            OnceLogger.warn("rag-retrieval", "Could not record the end of a retrieval", e);
        } finally {
            span.close();
        }
    }
}
