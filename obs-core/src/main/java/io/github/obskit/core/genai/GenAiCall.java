package io.github.obskit.core.genai;

/**
 * A GenAI client call with nothing but the GenAI signals, started by {@link
 * GenAiTelemetry#call(GenAiRequest)} or {@link GenAiTelemetry#callDetached(GenAiRequest)}; see
 * {@link GenAiOperation} for what it records.
 *
 * <pre>{@code
 * try (GenAiCall call = genAi.call(chatRequest)) {
 *     Completion completion = client.complete(prompt);
 *     call.inputTokens(completion.promptTokens()).outputTokens(completion.completionTokens());
 *     call.responseModel(completion.model()).finishReasons(completion.finishReason());
 *     return call.success(completion.text());
 * }
 * }</pre>
 */
public final class GenAiCall extends GenAiOperation {

    GenAiCall(GenAiTelemetry telemetry, GenAiRequest request, boolean current) {
        super(telemetry.operationType(), telemetry.metrics(), request, telemetry.tracing(), null,
                telemetry.contentCapture(), current);
    }
}
