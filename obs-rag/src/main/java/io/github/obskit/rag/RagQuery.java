package io.github.obskit.rag;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.logging.LogFields;
import io.github.obskit.core.tracing.OperationOutcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.SpanScope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.time.Duration;
import org.slf4j.event.Level;

/**
 * One RAG query, started by {@link RagTelemetry#query(String, String, String, String)}. Its
 * steps are child operations: {@link #embed(String, String)}, {@link #retrieve(String, int)} and
 * {@link #generateResponse(String, String)}.
 *
 * <pre>{@code
 * try (RagQuery query = rag.query(queryId, userId, "semantic", question)) {
 *     float[] vector;
 *     try (EmbeddingCall call = query.embed("all-minilm-l6-v2", "local")) {
 *         vector = call.success(model.embed(question));
 *         call.dimensions(vector.length);
 *     }
 *     try (Retrieval retrieval = query.retrieve("documents", 5)) {
 *         for (Match match : index.search(vector, 5)) {
 *             retrieval.chunk(match.documentId(), match.score());
 *         }
 *         retrieval.success();
 *     }
 *     try (ResponseGeneration generation = query.generateResponse("llama3", "ollama")) {
 *         answer = generation.success(chat.answer(question, matches));
 *     }
 *     query.responseQuality(0.82);
 *     query.success();
 * }
 * }</pre>
 *
 * <p>What is recorded: a span {@code rag_query} (attributes {@code obskit.rag.query.id}, {@code
 * user.id}, {@code obskit.rag.query.type}, and at the end {@code obskit.rag.chunks_retrieved}
 * and {@code obskit.rag.query.status}), child of the current span and current until {@link
 * #close()}; at close, {@code rag_queries_total{user_id,query_type,status}}, {@code
 * rag_query_duration_seconds{query_type}} and the log event {@code rag_query} (query_id,
 * user_id, query_type, status, duration_ms, chunks_retrieved, trace_id, span_id; {@code
 * query_text} only when the content capture policy opted in, truncated). The query text never
 * goes on spans or logs otherwise.
 *
 * <p><b>Outcome.</b> The obskit rule of {@link SpanScope}: {@link #success()} (or {@link
 * #success(Object)}) marks the query as answered, {@link #fail(Throwable)} as failed (the first
 * failure wins), and closing without either is a failure, because try-with-resources does not
 * show an escaping exception to {@code close()}. {@link RagTelemetry#query(String, String,
 * String, String, QueryWork)} calls {@code success()} when the work returns and {@code fail(t)}
 * when it throws, then rethrows. A failure marks the span ERROR with {@code error.type} (the
 * exception's class name, {@value SpanScope#UNKNOWN_ERROR_TYPE} when closed without an outcome)
 * and the exception, counts the query with {@code status=error}, and writes the log event at WARN
 * with {@code error_type} and the stack trace. The child operations follow the same rule.
 *
 * <p>Not thread-safe: start, use and close it on one thread. Closing twice has no effect.
 */
public final class RagQuery implements AutoCloseable {

    private final RagTelemetry telemetry;
    private final String queryId;
    private final String userId;
    private final String queryType;
    private final String capturedText;
    private final SpanScope span;
    private final long start;
    private final OperationOutcome outcome = new OperationOutcome();
    private long chunks;

    RagQuery(RagTelemetry telemetry, String queryId, String userId, String queryType,
            String capturedText) {
        this.telemetry = telemetry;
        this.queryId = queryId;
        this.userId = userId;
        this.queryType = queryType;
        this.capturedText = capturedText;
        this.span = telemetry.tracing().span("rag_query")
                .attribute(SpanAttributeKeys.RAG_QUERY_ID, queryId)
                .attribute(SpanAttributeKeys.USER_ID, userId)
                .attribute(SpanAttributeKeys.RAG_QUERY_TYPE, queryType)
                .start();
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
        return new EmbeddingCall(telemetry, parent(), model, providerName);
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
        return new Retrieval(telemetry, this, parent(), dataSource, topK, capturedText);
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
        return new ResponseGeneration(telemetry, parent(), model, providerName);
    }

    /**
     * Records the answer's quality score in {@code response_quality_scores{user_id}} and on the
     * span ({@code obskit.rag.quality_score}).
     *
     * @param score on a 0..1 scale
     */
    public void responseQuality(double score) {
        if (outcome.isClosed()) {
            return;
        }
        telemetry.metrics().recordResponseQuality(userId, score);
        span.attribute(SpanAttributeKeys.RAG_QUALITY_SCORE, score);
    }

    /** Marks the query as successful; a failure reported before is final. */
    public void success() {
        outcome.succeed();
    }

    /**
     * Marks the query as successful and returns its result, for {@code return
     * query.success(result);}.
     *
     * @param result the query's result
     * @param <T> the result type
     * @return {@code result}
     */
    public <T> T success(T result) {
        success();
        return result;
    }

    /**
     * Reports that the query failed; later calls are ignored.
     *
     * @param failure the failure, possibly {@code null}
     */
    public void fail(Throwable failure) {
        if (outcome.fail(failure)) {
            span.fail(failure);
        }
    }

    /**
     * Returns the {@code rag_query} span, to add the application's own attributes.
     *
     * @return the span; do not end it, close this query instead
     */
    public Span span() {
        return span.span();
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
     * context. Without {@link #success()} or {@link #fail(Throwable)} before, the query is
     * recorded as failed with error type {@value SpanScope#UNKNOWN_ERROR_TYPE}.
     */
    @Override
    public void close() {
        if (!outcome.close()) {
            return;
        }
        long nanos = System.nanoTime() - start;
        boolean failed = outcome.isFailed(); // fail() reported it, or no outcome (error.type _OTHER)
        RagStatus status = failed ? RagStatus.ERROR : RagStatus.SUCCESS;
        try {
            telemetry.metrics().recordQueryNanos(userId, queryType, status, nanos);
            span.attribute(SpanAttributeKeys.RAG_CHUNKS_RETRIEVED, chunks);
            span.attribute(SpanAttributeKeys.RAG_QUERY_STATUS, status.tagValue());
            if (!failed) {
                span.success();
            }
            // Written while the query span is current, so the event carries its trace and span id.
            telemetry.events().ragQuery(queryId, userId, queryType, status.tagValue(),
                            Duration.ofNanos(nanos), (int) Math.min(chunks, Integer.MAX_VALUE))
                    .content(LogFields.QUERY_TEXT, capturedText)
                    .field(LogFields.ERROR_TYPE, outcome.errorType())
                    .level(failed ? Level.WARN : Level.INFO)
                    .cause(outcome.failure())
                    .log();
        } catch (RuntimeException e) {
            OnceLogger.warn("rag-query", "Could not record the end of a query", e);
        } finally {
            span.close();
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

    private Context parent() {
        return Context.current().with(span.span());
    }
}
