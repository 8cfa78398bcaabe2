package io.github.obskit.rag;

import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.core.logging.LogEvent;
import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.SpanStarter;
import io.opentelemetry.api.trace.Span;
import java.util.concurrent.atomic.LongAdder;

/**
 * One RAG query, started by {@link RagTelemetry#query(QueryRequest)}. Its steps are child
 * operations: {@link #embed(GenAiRequest)}, {@link #retrieve(String, int)} and {@link
 * #generateResponse(GenAiRequest)}.
 *
 * <pre>{@code
 * try (RagQuery query = rag.query(QueryRequest.builder(queryId)
 *         .userId(userId).queryType("semantic").text(question).build())) {
 *     try (EmbeddingCall call = query.embed(embedder)) {
 *         vector = call.success(model.embed(question));
 *     }
 *     try (Retrieval retrieval = query.retrieve("documents", 5)) {
 *         for (Match match : index.search(vector, 5)) {
 *             retrieval.chunk(match.documentId(), match.score());
 *         }
 *         retrieval.success();
 *     }
 *     try (ResponseGeneration generation = query.generateResponse(chatModel)) {
 *         answer = generation.success(chat.answer(question, matches));
 *     }
 *     return query.success(answer);
 * }
 * }</pre>
 *
 * <p>What is recorded: a span {@code rag_query} ({@link RagSpanKeys#QUERY_ID}, {@code user.id},
 * {@link RagSpanKeys#QUERY_TYPE}, and at the end {@link RagSpanKeys#CHUNKS_RETRIEVED} and {@link
 * RagSpanKeys#QUERY_STATUS}), child of the current span and current until {@link #close()}; at
 * close, {@code rag_queries_total{user_id,query_type,status}}, {@code
 * rag_query_duration_seconds{query_type}} and one {@code rag_query} log event ({@link
 * RagLogFields}: query_id, user_id, query_type, chunks_retrieved, then status, duration_ms and on
 * failure error_type and the exception; {@code query_text} only when content capture opted in,
 * truncated). Outcome, context and threads: as every {@link Operation}; {@link
 * #responseQuality(double)} and the chunk count may be recorded from any thread.
 */
public final class RagQuery extends Operation {

    /** The name of the query span. */
    public static final String SPAN_NAME = "rag_query";

    private final RagTelemetry telemetry;
    private final QueryRequest request;
    private final String capturedText;
    private final LongAdder chunks = new LongAdder();

    RagQuery(RagTelemetry telemetry, QueryRequest request) {
        super(telemetry.queryOperationType(), starter(telemetry, request), true);
        this.telemetry = telemetry;
        this.request = request;
        this.capturedText = telemetry.contentCapture().apply(request.text());
    }

    private static SpanStarter starter(RagTelemetry telemetry, QueryRequest request) {
        return telemetry.tracing().span(SPAN_NAME)
                .attribute(RagSpanKeys.QUERY_ID, request.queryId())
                .attribute(SpanAttributeKeys.USER_ID, request.userId())
                .attribute(RagSpanKeys.QUERY_TYPE, request.queryType());
    }

    /**
     * Starts the query's embedding call: an {@code embeddings {model}} CLIENT span, child of
     * {@code rag_query}.
     *
     * @param request the embedding model's request, such as {@code
     *     GenAiRequest.embeddings().provider("local").model("all-minilm-l6-v2").build()}
     * @return the call; close it (try-with-resources)
     * @throws NullPointerException when {@code request} is {@code null}
     */
    public EmbeddingCall embed(GenAiRequest request) {
        return new EmbeddingCall(telemetry, request, childContext());
    }

    /**
     * Starts the query's retrieval: a {@code retrieval {data_source}} CLIENT span, child of {@code
     * rag_query}.
     *
     * @param dataSource the data source's id ({@code gen_ai.data_source.id}), such as the index
     *     name
     * @param topK how many chunks were asked for
     * @return the retrieval; close it (try-with-resources)
     */
    public Retrieval retrieve(String dataSource, int topK) {
        return new Retrieval(telemetry, this, childContext(), dataSource, topK, capturedText);
    }

    /**
     * Starts the generation of the answer: a {@code chat {model}} CLIENT span, child of {@code
     * rag_query}.
     *
     * @param request the chat model's request, such as {@code
     *     GenAiRequest.chat().provider("ollama").model("llama3").build()}
     * @return the generation; close it (try-with-resources)
     * @throws NullPointerException when {@code request} is {@code null}
     */
    public ResponseGeneration generateResponse(GenAiRequest request) {
        return new ResponseGeneration(telemetry, request, childContext());
    }

    /**
     * Records the answer's quality score in {@code response_quality_scores{user_id}} and on the
     * span ({@link RagSpanKeys#QUALITY_SCORE}). Ignored after close.
     *
     * @param score on a 0..1 scale
     */
    public void responseQuality(double score) {
        if (isClosed()) {
            return;
        }
        telemetry.metrics().recordResponseQuality(request.userId(), score);
        if (Double.isFinite(score)) {
            span().setAttribute(RagSpanKeys.QUALITY_SCORE, score);
        }
    }

    /**
     * Returns the number of chunks the query's retrievals reported so far.
     *
     * @return the count
     */
    public long chunksRetrieved() {
        return chunks.sum();
    }

    @Override
    protected void onEnd(Outcome outcome, String errorType, long durationNanos) {
        telemetry.metrics().recordQueryNanos(request.userId(), request.queryType(), outcome, durationNanos);
        Span span = span();
        span.setAttribute(RagSpanKeys.CHUNKS_RETRIEVED, chunks.sum());
        span.setAttribute(RagSpanKeys.QUERY_STATUS, outcome.tagValue());
    }

    @Override
    protected void logFields(LogEvent event) {
        event.field(RagLogFields.QUERY_ID, request.queryId())
                .userId(request.userId())
                .field(RagLogFields.QUERY_TYPE, request.queryType())
                .field(RagLogFields.CHUNKS_RETRIEVED, chunks.sum())
                .content(RagLogFields.QUERY_TEXT, capturedText);
    }

    String userId() {
        return request.userId();
    }

    String queryType() {
        return request.queryType();
    }

    void addChunk() {
        chunks.increment();
    }
}
