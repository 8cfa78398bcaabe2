package io.github.obskit.rag;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.tracing.OperationOutcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.SpanScope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * One call to an embedding model, started by {@link RagQuery#embed(String, String)} or {@link
 * RagTelemetry#embeddings(String, String)}. Use it with try-with-resources:
 *
 * <pre>{@code
 * try (EmbeddingCall call = query.embed("all-minilm-l6-v2", "local")) {
 *     float[] vector = model.embed(text);
 *     call.dimensions(vector.length);
 *     call.success();
 * }
 * }</pre>
 *
 * <p>What is recorded, following the OpenTelemetry GenAI semantic conventions: a CLIENT span
 * {@code embeddings {model}} with {@code gen_ai.operation.name=embeddings}, {@code
 * gen_ai.request.model}, {@code gen_ai.provider.name}, and when given {@code
 * gen_ai.embeddings.dimension.count} and {@code gen_ai.usage.input_tokens}; at close, {@code
 * embeddings_generated_total{model,status}} (by {@link #count(int)}, default 1), {@code
 * embedding_generation_duration_seconds{model}}, {@code gen_ai.client.operation.duration}
 * ({@code error.type} empty on success) and, when {@link #inputTokens(long)} was given, {@code
 * gen_ai.client.token.usage} with {@code gen_ai.token.type=input}. A failure reported with
 * {@link #fail(Throwable)} marks the span ERROR with {@code error.type} (the exception's class
 * name) and the exception, and is counted with {@code status=error}.
 *
 * <p><b>Outcome.</b> The obskit rule of {@link io.github.obskit.core.tracing.SpanScope}: call
 * {@link #success()} when the call returned, {@link #fail(Throwable)} when it failed (the first
 * failure wins). Closing without either is a failure, since try-with-resources does not show an
 * escaping exception to {@code close()}: counted with {@code status=error}, {@code error.type}
 * {@code _OTHER} on the span and in {@code gen_ai.client.operation.duration}.
 *
 * <p>Not thread-safe: start and close it on one thread. Closing twice has no effect.
 */
public final class EmbeddingCall implements AutoCloseable {

    private final RagTelemetry telemetry;
    private final String model;
    private final String providerName;
    private final SpanScope span;
    private final long start;
    private final OperationOutcome outcome = new OperationOutcome();
    private int count = 1;
    private long inputTokens = -1;

    EmbeddingCall(RagTelemetry telemetry, Context parent, String model, String providerName) {
        this.telemetry = telemetry;
        this.model = model;
        this.providerName = providerName;
        this.span = telemetry.tracing()
                .span(telemetry.embeddingsSpanNames().name(model))
                .kind(SpanKind.CLIENT)
                .parent(parent)
                .attribute(SpanAttributeKeys.GEN_AI_OPERATION_NAME, SpanAttributeKeys.GEN_AI_OPERATION_EMBEDDINGS)
                .attribute(SpanAttributeKeys.GEN_AI_REQUEST_MODEL, model)
                .attribute(SpanAttributeKeys.GEN_AI_PROVIDER_NAME, providerName)
                .start();
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
        span.attribute(SpanAttributeKeys.GEN_AI_EMBEDDINGS_DIMENSION_COUNT, dimensionCount);
        return this;
    }

    /**
     * Records the number of input tokens, when the model reports it: on the span ({@code
     * gen_ai.usage.input_tokens}) and, at close, in {@code gen_ai.client.token.usage} with
     * {@code gen_ai.token.type=input}.
     *
     * @param inputTokens the tokens of the embedded input; negative values are ignored
     * @return this call
     */
    public EmbeddingCall inputTokens(long inputTokens) {
        if (!outcome.isClosed() && inputTokens >= 0) {
            this.inputTokens = inputTokens;
            span.attribute(SpanAttributeKeys.GEN_AI_USAGE_INPUT_TOKENS, inputTokens);
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

    /** Marks the call as successful; a failure reported before is final. */
    public void success() {
        outcome.succeed();
    }

    /**
     * Marks the call as successful and returns its result, for {@code return
     * call.success(result);}.
     *
     * @param result the call's result
     * @param <T> the result type
     * @return {@code result}
     */
    public <T> T success(T result) {
        success();
        return result;
    }

    /**
     * Reports that the call failed; later calls are ignored.
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
     * @return the span; do not end it, close this call instead
     */
    public Span span() {
        return span.span();
    }

    /**
     * Ends the call: records its metrics, ends the span and restores the previous context.
     * Without {@link #success()} or {@link #fail(Throwable)} before, the call is recorded as
     * failed with error type {@code _OTHER}.
     */
    @Override
    public void close() {
        if (!outcome.close()) {
            return;
        }
        long nanos = System.nanoTime() - start;
        boolean failed = outcome.isFailed(); // fail() reported it, or no outcome (error.type _OTHER)
        try {
            RagMetrics metrics = telemetry.metrics();
            metrics.recordEmbeddingsNanos(model, failed ? RagStatus.ERROR : RagStatus.SUCCESS, count, nanos);
            metrics.recordGenAiOperationNanos(SpanAttributeKeys.GEN_AI_OPERATION_EMBEDDINGS, model, providerName,
                    outcome.errorType(), nanos);
            metrics.recordGenAiTokenUsage(SpanAttributeKeys.GEN_AI_OPERATION_EMBEDDINGS, model, providerName,
                    SpanAttributeKeys.GEN_AI_TOKEN_TYPE_INPUT, inputTokens);
            if (!failed) {
                span.success();
            }
        } catch (RuntimeException e) {
            OnceLogger.warn("rag-embeddings", "Could not record the end of an embedding call", e);
        } finally {
            span.close();
        }
    }
}
