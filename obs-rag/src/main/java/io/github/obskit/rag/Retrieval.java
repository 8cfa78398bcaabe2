package io.github.obskit.rag;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.rag.internal.RagAttributes;
import io.github.obskit.rag.internal.SpanFailures;
import io.github.obskit.rag.internal.Texts;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

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
 * }
 * }</pre>
 *
 * <p>What is recorded: a CLIENT span {@code retrieval {data_source}} with {@code
 * gen_ai.operation.name=retrieval}, {@code gen_ai.data_source.id}, {@code gen_ai.request.top_k}
 * and the number of chunks ({@code rag.chunks_retrieved}); per chunk, {@code
 * chunks_retrieved_total{user_id,document_id}} and {@code similarity_scores{query_type}}. The
 * retrieved document ids and scores ({@code gen_ai.retrieval.documents}, JSON) and the query text
 * ({@code gen_ai.retrieval.query.text}, truncated) are put on the span only when the application
 * opted in ({@link RagTelemetryBuilder#captureRetrievedDocuments(boolean)}, {@link
 * RagTelemetryBuilder#captureQueryText(int)}).
 *
 * <p>Not thread-safe: start and close it on one thread. Closing twice has no effect.
 */
public final class Retrieval implements AutoCloseable {

    private final RagTelemetry telemetry;
    private final RagQuery query;
    private final Span span;
    private final Scope scope;
    private final StringBuilder documents;
    private long chunks;
    private boolean failed;
    private boolean closed;

    Retrieval(RagTelemetry telemetry, RagQuery query, Context parent, String dataSource, int topK,
            String queryText) {
        this.telemetry = telemetry;
        this.query = query;
        var builder = telemetry.tracer()
                .spanBuilder("retrieval" + (dataSource != null ? " " + dataSource : ""))
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                .setAttribute(RagAttributes.GEN_AI_OPERATION_NAME, "retrieval")
                .setAttribute(RagAttributes.GEN_AI_REQUEST_TOP_K, (double) topK);
        if (dataSource != null) {
            builder.setAttribute(RagAttributes.GEN_AI_DATA_SOURCE_ID, dataSource);
        }
        if (queryText != null) {
            builder.setAttribute(RagAttributes.GEN_AI_RETRIEVAL_QUERY_TEXT, queryText);
        }
        this.span = builder.startSpan();
        this.scope = span.makeCurrent();
        this.documents = telemetry.captureRetrievedDocuments() ? new StringBuilder("[") : null;
    }

    /**
     * Reports one retrieved chunk.
     *
     * @param documentId the document the chunk belongs to
     * @param similarity its similarity score (cosine similarity)
     * @return this retrieval
     */
    public Retrieval chunk(String documentId, double similarity) {
        if (closed) {
            return this;
        }
        chunks++;
        telemetry.metrics().recordChunkRetrieved(query.userId(), documentId, similarity,
                query.queryType());
        if (documents != null) {
            if (documents.length() > 1) {
                documents.append(',');
            }
            documents.append("{\"id\":");
            Texts.appendJsonString(documents, documentId);
            documents.append(",\"score\":");
            if (Double.isFinite(similarity)) {
                documents.append(similarity);
            } else {
                documents.append("null"); // JSON has no NaN or infinity
            }
            documents.append('}');
        }
        return this;
    }

    /**
     * Reports that retrieval failed; the query is not failed by this alone.
     *
     * @param failure the failure, possibly {@code null}
     */
    public void fail(Throwable failure) {
        if (closed || failed) {
            return;
        }
        failed = true;
        try {
            SpanFailures.mark(span, failure, true);
        } catch (RuntimeException e) {
            OnceLogger.warn("rag-retrieval-fail", "Could not record a retrieval failure", e);
        }
    }

    /**
     * Returns the span, to add the application's own attributes.
     *
     * @return the span
     */
    public Span span() {
        return span;
    }

    /**
     * Ends retrieval: adds the chunk count to the span and the query, ends the span and restores
     * the previous context.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            span.setAttribute(RagAttributes.CHUNKS_RETRIEVED, chunks);
            if (documents != null) {
                span.setAttribute(RagAttributes.GEN_AI_RETRIEVAL_DOCUMENTS, documents.append(']').toString());
            }
            query.addChunks(chunks);
        } catch (RuntimeException e) {
            OnceLogger.warn("rag-retrieval", "Could not record the end of a retrieval", e);
        } finally {
            span.end();
            scope.close();
        }
    }
}
