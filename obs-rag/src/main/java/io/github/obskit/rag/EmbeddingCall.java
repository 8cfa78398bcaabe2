package io.github.obskit.rag;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.rag.internal.RagAttributes;
import io.github.obskit.rag.internal.SpanFailures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * One call to an embedding model, started by {@link RagQuery#embed(String, String)} or {@link
 * RagTelemetry#embeddings(String, String)}. Use it with try-with-resources:
 *
 * <pre>{@code
 * try (EmbeddingCall call = query.embed("all-minilm-l6-v2", "local")) {
 *     float[] vector = model.embed(text);
 *     call.dimensions(vector.length);
 * }
 * }</pre>
 *
 * <p>What is recorded, following the OpenTelemetry GenAI semantic conventions: a CLIENT span
 * {@code embeddings {model}} with {@code gen_ai.operation.name=embeddings}, {@code
 * gen_ai.request.model}, {@code gen_ai.provider.name}, and when given {@code
 * gen_ai.embeddings.dimension.count} and {@code gen_ai.usage.input_tokens}; at close, {@code
 * embeddings_generated_total{model,status}} (by {@link #count(int)}, default 1), {@code
 * embedding_generation_duration_seconds{model}} and {@code gen_ai.client.operation.duration}.
 * A failure reported with {@link #fail(Throwable)} marks the span ERROR with {@code error.type}
 * and the exception, and is counted with {@code status=error}; try-with-resources does not show
 * an exception to {@code close()}, so report it in a {@code catch} block.
 *
 * <p>Not thread-safe: start and close it on one thread. Closing twice has no effect.
 */
public final class EmbeddingCall implements AutoCloseable {

    private final RagTelemetry telemetry;
    private final String model;
    private final String providerName;
    private final Span span;
    private final Scope scope;
    private final long start;
    private int count = 1;
    private Throwable error;
    private boolean failed;
    private boolean closed;

    EmbeddingCall(RagTelemetry telemetry, Context parent, String model, String providerName) {
        this.telemetry = telemetry;
        this.model = model;
        this.providerName = providerName;
        var builder = telemetry.tracer().spanBuilder("embeddings" + (model != null ? " " + model : ""))
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                .setAttribute(RagAttributes.GEN_AI_OPERATION_NAME, "embeddings");
        if (model != null) {
            builder.setAttribute(RagAttributes.GEN_AI_REQUEST_MODEL, model);
        }
        if (providerName != null) {
            builder.setAttribute(RagAttributes.GEN_AI_PROVIDER_NAME, providerName);
        }
        this.span = builder.startSpan();
        this.scope = span.makeCurrent();
        this.start = System.nanoTime();
    }

    /**
     * Records the number of dimensions of the embeddings ({@code
     * gen_ai.embeddings.dimension.count}).
     *
     * @param dimensionCount such as 384
     * @return this call
     */
    public EmbeddingCall dimensions(int dimensionCount) {
        if (!closed) {
            span.setAttribute(RagAttributes.GEN_AI_EMBEDDINGS_DIMENSION_COUNT, (long) dimensionCount);
        }
        return this;
    }

    /**
     * Records the number of input tokens, when the model reports it ({@code
     * gen_ai.usage.input_tokens}).
     *
     * @param inputTokens the tokens of the embedded input
     * @return this call
     */
    public EmbeddingCall inputTokens(long inputTokens) {
        if (!closed) {
            span.setAttribute(RagAttributes.GEN_AI_USAGE_INPUT_TOKENS, inputTokens);
        }
        return this;
    }

    /**
     * Sets how many embeddings this call produced, for a batch. Default: 1.
     *
     * @param embeddings at least 0
     * @return this call
     */
    public EmbeddingCall count(int embeddings) {
        this.count = Math.max(0, embeddings);
        return this;
    }

    /**
     * Reports that the call failed.
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
            OnceLogger.warn("rag-embeddings-fail", "Could not record an embedding failure", e);
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

    /** Ends the call: records its metrics, ends the span and restores the previous context. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long nanos = System.nanoTime() - start;
        try {
            RagMetrics metrics = telemetry.metrics();
            metrics.recordEmbeddingsNanos(model, failed ? RagStatus.ERROR : RagStatus.SUCCESS, count, nanos);
            metrics.recordGenAiOperationNanos("embeddings", model, providerName,
                    failed ? SpanFailures.errorType(error) : null, nanos);
        } catch (RuntimeException e) {
            OnceLogger.warn("rag-embeddings", "Could not record the end of an embedding call", e);
        } finally {
            span.end();
            scope.close();
        }
    }
}
