package io.github.obskit.rag;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.rag.internal.QueryEvents;
import io.github.obskit.rag.internal.RagAttributes;
import io.github.obskit.rag.internal.SpanFailures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * One RAG query, started by {@link RagTelemetry#query(String, String, String, String)}. Its
 * steps are child operations: {@link #embed(String, String)}, {@link #retrieve(String, int)} and
 * {@link #generateResponse(String, String)}.
 *
 * <pre>{@code
 * try (RagQuery query = rag.query(queryId, userId, "semantic", question)) {
 *     float[] vector;
 *     try (EmbeddingCall call = query.embed("all-minilm-l6-v2", "local")) {
 *         vector = model.embed(question);
 *         call.dimensions(vector.length);
 *     }
 *     try (Retrieval retrieval = query.retrieve("documents", 5)) {
 *         for (Match match : index.search(vector, 5)) {
 *             retrieval.chunk(match.documentId(), match.score());
 *         }
 *     }
 *     try (ResponseGeneration generation = query.generateResponse("llama3", "ollama")) {
 *         answer = chat.answer(question, matches);
 *     }
 *     query.responseQuality(0.82);
 * }
 * }</pre>
 *
 * <p>What is recorded: a span {@code rag_query} (attributes {@code rag.query.id}, {@code
 * user.id}, {@code rag.query.type}, and at the end {@code rag.chunks_retrieved} and {@code
 * rag.query.status}), child of the current span and current until {@link #close()}; at close,
 * {@code rag_queries_total{user_id,query_type,status}}, {@code
 * rag_query_duration_seconds{query_type}} and the log event {@code rag_query} (query_id,
 * user_id, query_type, status, duration_ms, chunks_retrieved, trace_id, span_id; the query text
 * only when opted in, truncated). The query text never goes on spans or logs otherwise.
 *
 * <p><b>Failures.</b> try-with-resources does not show the exception to {@code close()}: call
 * {@link #fail(Throwable)} in a {@code catch} block, or use {@link RagTelemetry#query(String,
 * String, String, String, QueryWork)}, which reports an exception escaping the work and
 * rethrows it. A failure marks the span ERROR with {@code error.type} and the exception and
 * counts the query with {@code status=error}.
 *
 * <p>Not thread-safe: start, use and close it on one thread. Closing twice has no effect.
 */
public final class RagQuery implements AutoCloseable {

    private final RagTelemetry telemetry;
    private final String queryId;
    private final String userId;
    private final String queryType;
    private final String capturedText;
    private final Span span;
    private final Scope scope;
    private final long start;
    private long chunks;
    private Throwable error;
    private boolean failed;
    private boolean closed;

    RagQuery(RagTelemetry telemetry, String queryId, String userId, String queryType,
            String capturedText) {
        this.telemetry = telemetry;
        this.queryId = queryId;
        this.userId = userId;
        this.queryType = queryType;
        this.capturedText = capturedText;
        var builder = telemetry.tracer().spanBuilder("rag_query");
        if (queryId != null) {
            builder.setAttribute(RagAttributes.QUERY_ID, queryId);
        }
        if (userId != null) {
            builder.setAttribute(RagAttributes.USER_ID, userId);
        }
        if (queryType != null) {
            builder.setAttribute(RagAttributes.QUERY_TYPE, queryType);
        }
        this.span = builder.startSpan();
        this.scope = span.makeCurrent();
        this.start = System.nanoTime();
    }

    /**
     * Starts the query's embedding call: an {@code embeddings {model}} span, child of {@code
     * rag_query}.
     *
     * @param model the embedding model, such as {@code all-minilm-l6-v2}
     * @param providerName the provider ({@code gen_ai.provider.name}), such as {@code openai}
     * @return the call; close it (try-with-resources)
     */
    public EmbeddingCall embed(String model, String providerName) {
        return new EmbeddingCall(telemetry, Context.current().with(span), model, providerName);
    }

    /**
     * Starts the query's retrieval: a {@code retrieval {data_source}} span, child of {@code
     * rag_query}.
     *
     * @param dataSource the data source's id ({@code gen_ai.data_source.id}), such as the index
     *     name
     * @param topK how many chunks were asked for
     * @return the retrieval; close it (try-with-resources)
     */
    public Retrieval retrieve(String dataSource, int topK) {
        return new Retrieval(telemetry, this, Context.current().with(span), dataSource, topK,
                capturedText);
    }

    /**
     * Starts the generation of the answer: a {@code chat {model}} span, child of {@code
     * rag_query}.
     *
     * @param model the chat model
     * @param providerName the provider, such as {@code ollama}
     * @return the generation; close it (try-with-resources)
     */
    public ResponseGeneration generateResponse(String model, String providerName) {
        return new ResponseGeneration(telemetry, Context.current().with(span), model, providerName);
    }

    /**
     * Records the answer's quality score in {@code response_quality_scores{user_id}} and on the
     * span ({@code rag.response.quality_score}).
     *
     * @param score on a 0..1 scale
     */
    public void responseQuality(double score) {
        if (closed) {
            return;
        }
        telemetry.metrics().recordResponseQuality(userId, score);
        span.setAttribute(RagAttributes.RESPONSE_QUALITY_SCORE, score);
    }

    /**
     * Reports that the query failed.
     *
     * @param failure the failure, possibly {@code null}
     */
    public void fail(Throwable failure) {
        if (closed || failed) {
            return;
        }
        failed = true;
        error = failure;
        try {
            SpanFailures.mark(span, failure, true);
        } catch (RuntimeException e) {
            OnceLogger.warn("rag-query-fail", "Could not record a query failure", e);
        }
    }

    /**
     * Returns the {@code rag_query} span, to add the application's own attributes.
     *
     * @return the span
     */
    public Span span() {
        return span;
    }

    /**
     * Returns the number of chunks the query's retrievals reported so far.
     *
     * @return the count
     */
    public long chunksRetrieved() {
        return chunks;
    }

    /**
     * Ends the query: records its metrics and log event, ends the span and restores the previous
     * context.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long nanos = System.nanoTime() - start;
        RagStatus status = failed ? RagStatus.ERROR : RagStatus.SUCCESS;
        try {
            telemetry.metrics().recordQueryNanos(userId, queryType, status, nanos);
            span.setAttribute(RagAttributes.CHUNKS_RETRIEVED, chunks);
            span.setAttribute(RagAttributes.QUERY_STATUS, status.tagValue());
            QueryEvents.ragQuery(telemetry.eventLogger(), queryId, userId, queryType, !failed, nanos,
                    chunks, capturedText, span.getSpanContext(), error);
        } catch (RuntimeException e) {
            OnceLogger.warn("rag-query", "Could not record the end of a query", e);
        } finally {
            span.end();
            scope.close();
        }
    }

    String userId() {
        return userId;
    }

    String queryType() {
        return queryType;
    }

    void addChunks(long retrieved) {
        chunks += retrieved;
    }
}
