package io.github.obskit.core.genai;

import io.github.obskit.core.internal.JsonText;
import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.OperationType;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.core.tracing.ContentCapture;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.SpanStarter;
import io.github.obskit.core.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One GenAI client call (a chat completion, an embeddings request), the base of every obskit
 * handle that calls a model: {@link GenAiCall}, and the modules' own calls such as obs-rag's
 * {@code EmbeddingCall}. It follows <a href="../operation/Operation.html#outcome">the outcome
 * rule</a> of {@link Operation}.
 *
 * <p>What is recorded, as the OpenTelemetry GenAI semantic conventions describe it: a CLIENT span
 * {@code {operation} {model}} ({@link GenAiRequest#spanName()}) with {@code
 * gen_ai.operation.name}, {@code gen_ai.provider.name} and {@code gen_ai.request.model}, and at
 * the end whatever was reported: {@code gen_ai.response.model}, {@code gen_ai.response.id},
 * {@code gen_ai.response.finish_reasons}, {@code gen_ai.usage.input_tokens}, {@code
 * gen_ai.usage.output_tokens}, {@code gen_ai.response.time_to_first_chunk}. At the end, {@link
 * GenAiMetrics} records {@code gen_ai.client.operation.duration} (with the span's {@code
 * error.type} on failure) and {@code gen_ai.client.token.usage} for each token count reported;
 * a streamed call records {@code gen_ai.client.operation.time_to_first_chunk} at its first
 * {@link #chunk()} and {@code gen_ai.client.operation.time_per_output_chunk} at each later one.
 * Prompt and completion ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}) are put
 * on the span only when the {@link ContentCapture} policy opted in, truncated.
 *
 * <p>Every method may be called from any thread, also while another thread closes the call (a
 * streaming callback): values are held in volatile fields and set on the span when it ends;
 * values reported after {@link #close()} are ignored. No method takes a lock or throws into the
 * caller.
 *
 * <p>A module's handle passes its {@link OperationType} (for its log event and error types) to
 * the constructor and records its own metrics in {@link #onCallEnd}, after the GenAI metrics.
 */
public abstract class GenAiOperation extends Operation {

    private static final OperationType GEN_AI_CLIENT = OperationType.builder("gen_ai_client").build();
    private static final long NO_CHUNK = Long.MIN_VALUE;
    private static final VarHandle LAST_CHUNK;

    static {
        try {
            LAST_CHUNK = MethodHandles.lookup().findVarHandle(GenAiOperation.class, "lastChunkNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final GenAiMetrics metrics;
    private final GenAiRequest request;
    private final ContentCapture capture;
    private final long startNanos;
    private volatile long lastChunkNanos = NO_CHUNK;
    private volatile long firstChunkNanos = -1;
    private volatile long inputTokens = -1;
    private volatile long outputTokens = -1;
    private volatile String responseModel;
    private volatile String responseId;
    private volatile List<String> finishReasons;
    private volatile String inputText;
    private volatile String outputText;

    /**
     * Starts a call with no log event, child of the current context and without content capture.
     *
     * @param metrics where the GenAI metrics are recorded
     * @param request what the call asks for
     * @param tracing starts the span
     * @param current {@code true} to make the span current on this thread until {@link #close()};
     *     {@code false} for a call that may end on another thread (streaming)
     */
    protected GenAiOperation(GenAiMetrics metrics, GenAiRequest request, Tracing tracing, boolean current) {
        this(GEN_AI_CLIENT, metrics, request, tracing, null, ContentCapture.off(), current);
    }

    /**
     * Starts a call.
     *
     * @param type the module's operation type (log event, error classification)
     * @param metrics where the GenAI metrics are recorded
     * @param request what the call asks for
     * @param tracing starts the span
     * @param parent the parent context, such as an enclosing operation's child context; {@code
     *     null} for the current context
     * @param capture whether prompt and completion go on the span; {@code null} means off
     * @param current {@code true} to make the span current on this thread until {@link #close()};
     *     {@code false} for a call that may end on another thread (streaming)
     */
    protected GenAiOperation(OperationType type, GenAiMetrics metrics, GenAiRequest request, Tracing tracing,
            Context parent, ContentCapture capture, boolean current) {
        super(type, starter(tracing, metrics, request, parent), current);
        this.metrics = metrics;
        this.request = request;
        this.capture = capture != null ? capture : ContentCapture.off();
        this.startNanos = System.nanoTime();
    }

    private static SpanStarter starter(Tracing tracing, GenAiMetrics metrics, GenAiRequest request,
            Context parent) {
        // Checked before the span starts, so that a bad argument leaves no span current.
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(request, "request");
        return tracing.span(request.spanName())
                .kind(SpanKind.CLIENT)
                .parent(parent)
                .attribute(SpanAttributeKeys.GEN_AI_OPERATION_NAME, request.operationName())
                .attribute(SpanAttributeKeys.GEN_AI_PROVIDER_NAME, request.providerName())
                .attribute(SpanAttributeKeys.GEN_AI_REQUEST_MODEL, request.requestModel());
    }

    /**
     * Returns what the call asks for.
     *
     * @return the request given to the constructor
     */
    public final GenAiRequest request() {
        return request;
    }

    /**
     * Reports the input (prompt) tokens the model counted: {@code gen_ai.usage.input_tokens} and
     * {@code gen_ai.client.token.usage{gen_ai.token.type=input}}. Not reported: not recorded.
     *
     * @param tokens the count; negative values are ignored; the last value given counts
     * @return this call
     */
    public GenAiOperation inputTokens(long tokens) {
        if (tokens >= 0 && !isClosed()) {
            this.inputTokens = tokens;
        }
        return this;
    }

    /**
     * Reports the output (completion) tokens the model counted: {@code
     * gen_ai.usage.output_tokens} and {@code gen_ai.client.token.usage{gen_ai.token.type=output}}.
     * Not reported: not recorded.
     *
     * @param tokens the count; negative values are ignored; the last value given counts
     * @return this call
     */
    public GenAiOperation outputTokens(long tokens) {
        if (tokens >= 0 && !isClosed()) {
            this.outputTokens = tokens;
        }
        return this;
    }

    /**
     * Reports the model that answered ({@code gen_ai.response.model}), such as {@code
     * gpt-4o-2024-08-06}.
     *
     * @param model the model; {@code null} is ignored
     * @return this call
     */
    public GenAiOperation responseModel(String model) {
        if (model != null && !isClosed()) {
            this.responseModel = model;
        }
        return this;
    }

    /**
     * Reports the provider's id of the completion ({@code gen_ai.response.id}).
     *
     * @param id the id; {@code null} is ignored
     * @return this call
     */
    public GenAiOperation responseId(String id) {
        if (id != null && !isClosed()) {
            this.responseId = id;
        }
        return this;
    }

    /**
     * Reports why the model stopped, one reason per choice ({@code
     * gen_ai.response.finish_reasons}), such as {@code stop} or {@code length}.
     *
     * @param reasons the reasons; {@code null} entries are left out
     * @return this call
     */
    public GenAiOperation finishReasons(String... reasons) {
        if (reasons != null && !isClosed()) {
            List<String> kept = new ArrayList<>(reasons.length);
            for (String reason : reasons) {
                if (reason != null) {
                    kept.add(reason);
                }
            }
            this.finishReasons = List.copyOf(kept);
        }
        return this;
    }

    /**
     * Reports the first chunk of a streamed response: records {@code
     * gen_ai.client.operation.time_to_first_chunk} from the start of the call, once. Ignored when
     * a chunk was reported before. Callers that report every chunk call {@link #chunk()} instead.
     *
     * @return this call
     */
    public GenAiOperation firstChunk() {
        if (!isClosed()) {
            long now = System.nanoTime();
            if (LAST_CHUNK.compareAndSet(this, NO_CHUNK, now)) {
                recordFirstChunk(now);
            }
        }
        return this;
    }

    /**
     * Reports one chunk of a streamed response, as it arrives: the first records {@code
     * gen_ai.client.operation.time_to_first_chunk} (from the start of the call), each later one
     * {@code gen_ai.client.operation.time_per_output_chunk} (from the chunk before), as the
     * conventions define them. Non-streamed calls record neither.
     *
     * @return this call
     */
    public GenAiOperation chunk() {
        if (!isClosed()) {
            long now = System.nanoTime();
            long previous = (long) LAST_CHUNK.getAndSet(this, now);
            if (previous == NO_CHUNK) {
                recordFirstChunk(now);
            } else {
                metrics.recordTimePerOutputChunkNanos(request, Math.max(0, now - previous));
            }
        }
        return this;
    }

    /**
     * Records the prompt text as {@code gen_ai.input.messages} (one user message with one text
     * part, as JSON), truncated, when the content capture policy opted in; otherwise nothing.
     *
     * @param text the prompt, possibly {@code null}
     * @return this call
     */
    public GenAiOperation input(String text) {
        if (capture.isEnabled() && text != null && !isClosed()) {
            this.inputText = capture.apply(text);
        }
        return this;
    }

    /**
     * Records the completion text as {@code gen_ai.output.messages} (one assistant message with
     * one text part, as JSON), truncated, when the content capture policy opted in; otherwise
     * nothing.
     *
     * @param text the completion, possibly {@code null}
     * @return this call
     */
    public GenAiOperation output(String text) {
        if (capture.isEnabled() && text != null && !isClosed()) {
            this.outputText = capture.apply(text);
        }
        return this;
    }

    /**
     * Records the end of the call: the response attributes on the span, then the GenAI metrics,
     * then the module's own through {@link #onCallEnd}.
     *
     * @param outcome how the call ended
     * @param errorType the error type on failure, {@code null} on success
     * @param durationNanos the call's duration in nanoseconds
     */
    @Override
    protected final void onEnd(Outcome outcome, String errorType, long durationNanos) {
        long in = inputTokens;
        long out = outputTokens;
        Span span = span();
        if (span.isRecording()) {
            setResponseAttributes(span, in, out);
        }
        metrics.recordOperationNanos(request, errorType, durationNanos);
        if (in >= 0) {
            metrics.recordInputTokens(request, in);
        }
        if (out >= 0) {
            metrics.recordOutputTokens(request, out);
        }
        onCallEnd(outcome, errorType, durationNanos);
    }

    /**
     * Records the module's own metrics of the call, such as obs-rag's embeddings count. Called
     * once, from {@link #close()}, after the GenAI metrics. Default: nothing.
     *
     * @param outcome how the call ended
     * @param errorType the error type on failure, {@code null} on success
     * @param durationNanos the call's duration in nanoseconds
     */
    protected void onCallEnd(Outcome outcome, String errorType, long durationNanos) {
    }

    /**
     * Returns the input tokens reported so far with {@link #inputTokens(long)}, for a module's
     * own metrics in {@link #onCallEnd} (such as obs-agent's cost).
     *
     * @return the count, or -1 when none was reported
     */
    protected final long reportedInputTokens() {
        return inputTokens;
    }

    /**
     * Returns the output tokens reported so far with {@link #outputTokens(long)}, for a module's
     * own metrics in {@link #onCallEnd}.
     *
     * @return the count, or -1 when none was reported
     */
    protected final long reportedOutputTokens() {
        return outputTokens;
    }

    private void recordFirstChunk(long now) {
        long nanos = Math.max(0, now - startNanos);
        firstChunkNanos = nanos;
        metrics.recordTimeToFirstChunkNanos(request, nanos);
    }

    private void setResponseAttributes(Span span, long in, long out) {
        String model = responseModel;
        if (model != null) {
            span.setAttribute(SpanAttributeKeys.GEN_AI_RESPONSE_MODEL, model);
        }
        String id = responseId;
        if (id != null) {
            span.setAttribute(SpanAttributeKeys.GEN_AI_RESPONSE_ID, id);
        }
        List<String> reasons = finishReasons;
        if (reasons != null) {
            span.setAttribute(SpanAttributeKeys.GEN_AI_RESPONSE_FINISH_REASONS, reasons);
        }
        if (in >= 0) {
            span.setAttribute(SpanAttributeKeys.GEN_AI_USAGE_INPUT_TOKENS, in);
        }
        if (out >= 0) {
            span.setAttribute(SpanAttributeKeys.GEN_AI_USAGE_OUTPUT_TOKENS, out);
        }
        long first = firstChunkNanos;
        if (first >= 0) {
            span.setAttribute(SpanAttributeKeys.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, first / 1e9);
        }
        String prompt = inputText;
        if (prompt != null) {
            span.setAttribute(SpanAttributeKeys.GEN_AI_INPUT_MESSAGES, message("user", prompt, null));
        }
        String completion = outputText;
        if (completion != null) {
            String reason = reasons != null && !reasons.isEmpty() ? reasons.get(0) : null;
            span.setAttribute(SpanAttributeKeys.GEN_AI_OUTPUT_MESSAGES, message("assistant", completion, reason));
        }
    }

    private static String message(String role, String text, String finishReason) {
        StringBuilder json = new StringBuilder(text.length() + 64).append("[{\"role\":");
        JsonText.appendString(json, role).append(",\"parts\":[{\"type\":\"text\",\"content\":");
        JsonText.appendString(json, text).append("}]");
        if (finishReason != null) {
            JsonText.appendString(json.append(",\"finish_reason\":"), finishReason);
        }
        return json.append("}]").toString();
    }
}
