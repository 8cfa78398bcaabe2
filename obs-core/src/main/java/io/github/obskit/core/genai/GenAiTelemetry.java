package io.github.obskit.core.genai;

import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.OperationType;
import io.github.obskit.core.operation.OperationWork;
import io.github.obskit.core.tracing.ContentCapture;
import io.github.obskit.core.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * Records GenAI client calls (chat completions, embeddings) as the OpenTelemetry GenAI semantic
 * conventions describe them: a CLIENT span and the {@link GenAiMeters} metrics per call, one call
 * per model request.
 *
 * <pre>{@code
 * GenAiTelemetry genAi = GenAiTelemetry.create(registry, openTelemetry);
 * GenAiRequest chat = GenAiRequest.chat().provider("openai").model("gpt-4o").build();
 *
 * String answer = genAi.call(chat, call -> {
 *     Completion completion = client.complete(prompt);
 *     call.inputTokens(completion.promptTokens()).outputTokens(completion.completionTokens());
 *     return completion.text();
 * });
 * }</pre>
 *
 * <p>Created once at start-up; immutable and thread-safe. The application supplies the registry
 * and the OpenTelemetry instance (no global lookups). Prompts and completions stay off spans
 * unless the builder opts in ({@link GenAiTelemetryBuilder#contentCapture(ContentCapture)}).
 */
public final class GenAiTelemetry {

    /** The instrumentation scope name of the tracer. */
    public static final String INSTRUMENTATION_NAME = "io.github.obskit.genai";

    private static final OperationType CALL = OperationType.builder("gen_ai_call").build();

    private final GenAiMetrics metrics;
    private final Tracing tracing;
    private final ContentCapture contentCapture;

    GenAiTelemetry(GenAiMetrics metrics, Tracing tracing, ContentCapture contentCapture) {
        this.metrics = metrics;
        this.tracing = tracing;
        this.contentCapture = contentCapture;
    }

    /**
     * Creates the facade with default options: default tag policies, no content capture.
     *
     * @param registry where the metrics are registered
     * @param openTelemetry supplies the tracer
     * @return the facade
     */
    public static GenAiTelemetry create(MeterRegistry registry, OpenTelemetry openTelemetry) {
        return builder(registry, openTelemetry).build();
    }

    /**
     * Starts a facade with options.
     *
     * @param registry where the metrics are registered
     * @param openTelemetry supplies the tracer
     * @return a builder
     */
    public static GenAiTelemetryBuilder builder(MeterRegistry registry, OpenTelemetry openTelemetry) {
        return new GenAiTelemetryBuilder(registry, openTelemetry);
    }

    /**
     * Starts a call, current on this thread until it closes (close it on this thread,
     * try-with-resources). Call {@link GenAiCall#success()} when the model answered: closing
     * without {@code success()} or {@code fail(..)} is a failure.
     *
     * @param request what the call asks for
     * @return the call
     * @throws NullPointerException when {@code request} is {@code null}
     */
    public GenAiCall call(GenAiRequest request) {
        return new GenAiCall(this, Objects.requireNonNull(request, "request"), true);
    }

    /**
     * Starts a call that is never made current and may be closed on another thread, such as a
     * streamed completion ended by its last callback. Its span is a child of the current span.
     *
     * @param request what the call asks for
     * @return the call
     * @throws NullPointerException when {@code request} is {@code null}
     */
    public GenAiCall callDetached(GenAiRequest request) {
        return new GenAiCall(this, Objects.requireNonNull(request, "request"), false);
    }

    /**
     * Runs one call with {@code work} (the lambda form of {@link #call(GenAiRequest)}): a normal
     * return is a success, an exception escaping {@code work} a failure, rethrown unchanged.
     *
     * @param request what the call asks for
     * @param work makes the call
     * @param <T> what the work returns
     * @param <E> the checked exception the work may throw
     * @return what the work returned
     * @throws E when the work throws it
     */
    public <T, E extends Throwable> T call(GenAiRequest request, OperationWork<GenAiCall, T, E> work) throws E {
        return Operation.run(call(request), work);
    }

    /**
     * Returns the recorder the calls record into.
     *
     * @return the recorder
     */
    public GenAiMetrics metrics() {
        return metrics;
    }

    Tracing tracing() {
        return tracing;
    }

    ContentCapture contentCapture() {
        return contentCapture;
    }

    OperationType operationType() {
        return CALL;
    }
}
