package io.github.obskit.rag;

import io.github.obskit.core.genai.GenAiOperation;
import io.github.obskit.core.genai.GenAiRequest;
import io.opentelemetry.context.Context;

/**
 * The generation of a query's answer by a chat model, started by {@link
 * RagQuery#generateResponse(GenAiRequest)}: a {@code chat {model}} CLIENT span, child of {@code
 * rag_query}, and the GenAI metrics, as every {@link GenAiOperation} records them.
 *
 * <pre>{@code
 * try (ResponseGeneration generation = query.generateResponse(chatModel)) {
 *     Answer answer = chat.answer(question, matches);
 *     generation.inputTokens(answer.inputTokens()).outputTokens(answer.outputTokens());
 *     return generation.success(answer.text());
 * }
 * }</pre>
 *
 * <p>For a streamed answer, report each chunk with {@link #chunk()}; its methods may be called
 * from any thread.
 */
public final class ResponseGeneration extends GenAiOperation {

    ResponseGeneration(RagTelemetry telemetry, GenAiRequest request, Context parent) {
        super(telemetry.generationOperationType(), telemetry.genAiMetrics(), request, telemetry.tracing(), parent,
                telemetry.contentCapture(), true);
    }
}
