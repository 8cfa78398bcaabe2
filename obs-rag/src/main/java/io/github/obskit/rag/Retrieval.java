package io.github.obskit.rag;

import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.OperationType;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.rag.internal.RetrievedDocuments;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.LongAdder;

/**
 * The retrieval of a query's chunks from a data source (a vector index), started by {@link
 * RagQuery#retrieve(String, int)}. Report each retrieved chunk with {@link #chunk(String,
 * double)}, from any thread (a parallel hybrid search reports from several):
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
 * and at the end the number of chunks ({@link RagSpanKeys#CHUNKS_RETRIEVED}); per chunk, {@code
 * chunks_retrieved_total{user_id,document_id}}, {@code similarity_scores{query_type}} and one in
 * the query's chunk count. The retrieved document ids and scores ({@code
 * gen_ai.retrieval.documents}, JSON) and the query text ({@code gen_ai.retrieval.query.text},
 * truncated) go on the span only when the application opted in ({@link
 * RagTelemetryBuilder#captureRetrievedDocuments(boolean)}, {@link
 * RagTelemetryBuilder#contentCapture(io.github.obskit.core.tracing.ContentCapture)}). A failed
 * retrieval does not fail its query. Outcome and context: as every {@link Operation}.
 */
public final class Retrieval extends Operation {

    private static final OperationType RETRIEVAL = OperationType.builder("retrieval").build();

    private final RagTelemetry telemetry;
    private final RagQuery query;
    private final RetrievedDocuments documents;
    private final LongAdder chunks = new LongAdder();

    Retrieval(RagTelemetry telemetry, RagQuery query, Context parent, String dataSource, int topK,
            String capturedQueryText) {
        super(RETRIEVAL, telemetry.tracing()
                .span(dataSource != null ? SpanAttributeKeys.GEN_AI_OPERATION_RETRIEVAL + " " + dataSource
                        : SpanAttributeKeys.GEN_AI_OPERATION_RETRIEVAL)
                .kind(SpanKind.CLIENT)
                .parent(parent)
                .attribute(SpanAttributeKeys.GEN_AI_OPERATION_NAME, SpanAttributeKeys.GEN_AI_OPERATION_RETRIEVAL)
                .attribute(SpanAttributeKeys.GEN_AI_REQUEST_TOP_K, (double) topK)
                .attribute(SpanAttributeKeys.GEN_AI_DATA_SOURCE_ID, dataSource)
                .attribute(SpanAttributeKeys.GEN_AI_RETRIEVAL_QUERY_TEXT, capturedQueryText), true);
        this.telemetry = telemetry;
        this.query = query;
        this.documents = telemetry.captureRetrievedDocuments() ? new RetrievedDocuments() : null;
    }

    /**
     * Reports one retrieved chunk; safe to call from several threads at once. Ignored after
     * close.
     *
     * @param documentId the document the chunk belongs to
     * @param similarity its similarity score (cosine similarity)
     * @return this retrieval
     */
    public Retrieval chunk(String documentId, double similarity) {
        if (isClosed()) {
            return this;
        }
        chunks.increment();
        query.addChunk();
        telemetry.metrics().recordChunkRetrieved(query.userId(), documentId, similarity, query.queryType());
        if (documents != null) {
            documents.add(documentId, similarity);
        }
        return this;
    }

    /**
     * Returns the number of chunks reported so far.
     *
     * @return the count
     */
    public long chunksRetrieved() {
        return chunks.sum();
    }

    @Override
    protected void onEnd(Outcome outcome, String errorType, long durationNanos) {
        Span span = span();
        span.setAttribute(RagSpanKeys.CHUNKS_RETRIEVED, chunks.sum());
        if (documents != null) {
            span.setAttribute(SpanAttributeKeys.GEN_AI_RETRIEVAL_DOCUMENTS, documents.toJson());
        }
    }
}
