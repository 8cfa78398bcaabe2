package io.github.obskit.rag;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.rag.internal.RagAttributes;
import io.github.obskit.rag.internal.SpanFailures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The generation of a query's answer by a chat model, started by {@link
 * RagQuery#generateResponse(String, String)}. What is recorded, following the OpenTelemetry
 * GenAI semantic conventions: a CLIENT span {@code chat {model}} with {@code
 * gen_ai.operation.name=chat}, {@code gen_ai.request.model}, {@code gen_ai.provider.name} and,
 * when given, {@code gen_ai.usage.input_tokens} and {@code gen_ai.usage.output_tokens}; at
 * close, {@code gen_ai.client.operation.duration}. A failure reported with {@link
 * #fail(Throwable)} marks the span ERROR with {@code error.type} and the exception.
 *
 * <p>Not thread-safe: start and close it on one thread. Closing twice has no effect.
 */
public final class ResponseGeneration implements AutoCloseable {

    private final RagTelemetry telemetry;
    private final String model;
    private final String providerName;
    private final Span span;
    private final Scope scope;
    private final long start;
    private Throwable error;
    private boolean failed;
    private boolean closed;

    ResponseGeneration(RagTelemetry telemetry, Context parent, String model, String providerName) {
        this.telemetry = telemetry;
        this.model = model;
        this.providerName = providerName;
        var builder = telemetry.tracer().spanBuilder("chat" + (model != null ? " " + model : ""))
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                .setAttribute(RagAttributes.GEN_AI_OPERATION_NAME, "chat");
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
     * Records the token usage the model reported.
     *
     * @param inputTokens tokens of the prompt
     * @param outputTokens tokens of the answer
     * @return this operation
     */
    public ResponseGeneration tokens(long inputTokens, long outputTokens) {
        if (!closed) {
            span.setAttribute(RagAttributes.GEN_AI_USAGE_INPUT_TOKENS, inputTokens);
            span.setAttribute(RagAttributes.GEN_AI_USAGE_OUTPUT_TOKENS, outputTokens);
        }
        return this;
    }

    /**
     * Reports that generation failed.
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
            OnceLogger.warn("rag-chat-fail", "Could not record a generation failure", e);
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

    /** Ends generation: records its duration, ends the span and restores the previous context. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            telemetry.metrics().recordGenAiOperationNanos("chat", model, providerName,
                    failed ? SpanFailures.errorType(error) : null, System.nanoTime() - start);
        } catch (RuntimeException e) {
            OnceLogger.warn("rag-chat", "Could not record the end of a generation", e);
        } finally {
            span.end();
            scope.close();
        }
    }
}
