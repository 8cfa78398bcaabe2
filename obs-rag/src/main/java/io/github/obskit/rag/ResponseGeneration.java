package io.github.obskit.rag;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.tracing.OperationOutcome;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.SpanScope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * The generation of a query's answer by a chat model, started by {@link
 * RagQuery#generateResponse(String, String)}. What is recorded, following the OpenTelemetry
 * GenAI semantic conventions: a CLIENT span {@code chat {model}} with {@code
 * gen_ai.operation.name=chat}, {@code gen_ai.request.model}, {@code gen_ai.provider.name} and,
 * when given, {@code gen_ai.usage.input_tokens} and {@code gen_ai.usage.output_tokens}; at
 * close, {@code gen_ai.client.operation.duration} ({@code error.type} empty on success) and,
 * when {@link #tokens(long, long)} was given, {@code gen_ai.client.token.usage} for the input
 * and the output tokens. A failure reported with {@link #fail(Throwable)} marks the span ERROR
 * with {@code error.type} (the exception's class name) and the exception.
 *
 * <pre>{@code
 * try (ResponseGeneration generation = query.generateResponse("llama3", "ollama")) {
 *     Answer answer = chat.answer(question, matches);
 *     generation.tokens(answer.inputTokens(), answer.outputTokens());
 *     return generation.success(answer.text());
 * }
 * }</pre>
 *
 * <p><b>Outcome.</b> The obskit rule of {@link io.github.obskit.core.tracing.SpanScope}: call
 * {@link #success()} (or {@link #success(Object)}) when the model answered, {@link
 * #fail(Throwable)} when it failed (the first failure wins). Closing without either is a
 * failure, since try-with-resources does not show an escaping exception to {@code close()}: the
 * span ends ERROR and {@code gen_ai.client.operation.duration} is recorded, both with {@code
 * error.type} {@code _OTHER}.
 *
 * <p>Not thread-safe: start and close it on one thread. Closing twice has no effect.
 */
public final class ResponseGeneration implements AutoCloseable {

    private final RagTelemetry telemetry;
    private final String model;
    private final String providerName;
    private final SpanScope span;
    private final long start;
    private final OperationOutcome outcome = new OperationOutcome();
    private long inputTokens = -1;
    private long outputTokens = -1;

    ResponseGeneration(RagTelemetry telemetry, Context parent, String model, String providerName) {
        this.telemetry = telemetry;
        this.model = model;
        this.providerName = providerName;
        this.span = telemetry.tracing()
                .span(telemetry.chatSpanNames().name(model))
                .kind(SpanKind.CLIENT)
                .parent(parent)
                .attribute(SpanAttributeKeys.GEN_AI_OPERATION_NAME, SpanAttributeKeys.GEN_AI_OPERATION_CHAT)
                .attribute(SpanAttributeKeys.GEN_AI_REQUEST_MODEL, model)
                .attribute(SpanAttributeKeys.GEN_AI_PROVIDER_NAME, providerName)
                .start();
        this.start = System.nanoTime();
    }

    /**
     * Records the token usage the model reported: on the span ({@code
     * gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens}) and, at close, in {@code
     * gen_ai.client.token.usage}.
     *
     * @param inputTokens tokens of the prompt; negative values are ignored
     * @param outputTokens tokens of the answer; negative values are ignored
     * @return this operation
     */
    public ResponseGeneration tokens(long inputTokens, long outputTokens) {
        if (outcome.isClosed()) {
            return this;
        }
        if (inputTokens >= 0) {
            this.inputTokens = inputTokens;
            span.attribute(SpanAttributeKeys.GEN_AI_USAGE_INPUT_TOKENS, inputTokens);
        }
        if (outputTokens >= 0) {
            this.outputTokens = outputTokens;
            span.attribute(SpanAttributeKeys.GEN_AI_USAGE_OUTPUT_TOKENS, outputTokens);
        }
        return this;
    }

    /** Marks the generation as successful; a failure reported before is final. */
    public void success() {
        outcome.succeed();
    }

    /**
     * Marks the generation as successful and returns its result, for {@code return
     * generation.success(result);}.
     *
     * @param result the generation's result
     * @param <T> the result type
     * @return {@code result}
     */
    public <T> T success(T result) {
        success();
        return result;
    }

    /**
     * Reports that generation failed; later calls are ignored.
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
     * @return the span; do not end it, close this operation instead
     */
    public Span span() {
        return span.span();
    }

    /**
     * Ends generation: records its metrics, ends the span and restores the previous context.
     * Without {@link #success()} or {@link #fail(Throwable)} before, the generation is recorded
     * as failed with error type {@code _OTHER}.
     */
    @Override
    public void close() {
        if (!outcome.close()) {
            return;
        }
        boolean failed = outcome.isFailed(); // fail() reported it, or no outcome (error.type _OTHER)
        try {
            RagMetrics metrics = telemetry.metrics();
            metrics.recordGenAiOperationNanos(SpanAttributeKeys.GEN_AI_OPERATION_CHAT, model, providerName,
                    outcome.errorType(), System.nanoTime() - start);
            metrics.recordGenAiTokenUsage(SpanAttributeKeys.GEN_AI_OPERATION_CHAT, model, providerName,
                    SpanAttributeKeys.GEN_AI_TOKEN_TYPE_INPUT, inputTokens);
            metrics.recordGenAiTokenUsage(SpanAttributeKeys.GEN_AI_OPERATION_CHAT, model, providerName,
                    SpanAttributeKeys.GEN_AI_TOKEN_TYPE_OUTPUT, outputTokens);
            if (!failed) {
                span.success();
            }
        } catch (RuntimeException e) {
            OnceLogger.warn("rag-chat", "Could not record the end of a generation", e);
        } finally {
            span.close();
        }
    }
}
