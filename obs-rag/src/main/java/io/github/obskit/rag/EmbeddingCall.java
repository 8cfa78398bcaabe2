package io.github.obskit.rag;

import io.github.obskit.core.genai.GenAiOperation;
import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.opentelemetry.context.Context;

/**
 * One call to an embedding model, started by {@link RagQuery#embed(GenAiRequest)} or {@link
 * RagTelemetry#embeddings(GenAiRequest)}:
 *
 * <pre>{@code
 * try (EmbeddingCall call = query.embed(embedder)) {
 *     float[] vector = model.embed(text);
 *     call.dimensions(vector.length);
 *     call.success();
 * }
 * }</pre>
 *
 * <p>Records what every {@link GenAiOperation} records (the {@code embeddings {model}} CLIENT
 * span, {@code gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage} when {@link
 * #inputTokens(long)} was reported), {@code gen_ai.embeddings.dimension.count} when given, and
 * the RAG metrics {@code embeddings_generated_total{model,status}} ({@link #count(int)}
 * embeddings, default 1) and {@code embedding_generation_duration_seconds{model}}, {@code model}
 * being the request's model. Its methods may be called from any thread.
 */
public final class EmbeddingCall extends GenAiOperation {

    private final RagMetrics ragMetrics;
    private volatile int count = 1;
    private volatile int dimensions = -1;

    EmbeddingCall(RagTelemetry telemetry, GenAiRequest request, Context parent) {
        super(telemetry.embeddingOperationType(), telemetry.genAiMetrics(), request, telemetry.tracing(), parent,
                telemetry.contentCapture(), true);
        this.ragMetrics = telemetry.metrics();
    }

    /**
     * Records the number of dimensions of the embeddings ({@code
     * gen_ai.embeddings.dimension.count}).
     *
     * @param dimensionCount such as 384; negative values are ignored
     * @return this call
     */
    public EmbeddingCall dimensions(int dimensionCount) {
        if (dimensionCount >= 0 && !isClosed()) {
            this.dimensions = dimensionCount;
        }
        return this;
    }

    /**
     * Sets how many embeddings this call produced, for a batch. Default: 1.
     *
     * @param embeddings at least 0; negative values count 0
     * @return this call
     */
    public EmbeddingCall count(int embeddings) {
        if (!isClosed()) {
            this.count = Math.max(0, embeddings);
        }
        return this;
    }

    @Override
    protected void onCallEnd(Outcome outcome, String errorType, long durationNanos) {
        int dims = dimensions;
        if (dims >= 0) {
            span().setAttribute(SpanAttributeKeys.GEN_AI_EMBEDDINGS_DIMENSION_COUNT, (long) dims);
        }
        ragMetrics.recordEmbeddingsNanos(request().requestModel(), outcome, count, durationNanos);
    }
}
