package io.github.obskit.core.genai;

import io.github.obskit.core.metrics.TagKey;
import io.github.obskit.core.metrics.TagPolicy;
import io.github.obskit.core.tracing.SpanAttributeKeys;

/**
 * The tag keys of the OpenTelemetry GenAI client metrics, named exactly as the semantic
 * conventions name the attributes.
 */
public final class GenAiTagKeys {

    /** How many distinct model names a GenAI metric keeps before recording {@code other}. */
    public static final int MAX_MODELS = 50;

    /** How many distinct provider names a GenAI metric keeps before recording {@code other}. */
    public static final int MAX_PROVIDERS = 16;

    /**
     * {@code gen_ai.operation.name}: the well-known operations of the conventions (the {@code
     * GEN_AI_OPERATION_*} values of {@link SpanAttributeKeys}); anything else is recorded as
     * {@code _OTHER}.
     */
    public static final TagKey OPERATION_NAME = TagKey.of("gen_ai.operation.name",
            TagPolicy.allow(SpanAttributeKeys.GEN_AI_OPERATION_CHAT,
                    SpanAttributeKeys.GEN_AI_OPERATION_TEXT_COMPLETION,
                    SpanAttributeKeys.GEN_AI_OPERATION_GENERATE_CONTENT,
                    SpanAttributeKeys.GEN_AI_OPERATION_EMBEDDINGS,
                    SpanAttributeKeys.GEN_AI_OPERATION_RETRIEVAL,
                    SpanAttributeKeys.GEN_AI_OPERATION_CREATE_AGENT,
                    SpanAttributeKeys.GEN_AI_OPERATION_INVOKE_AGENT,
                    SpanAttributeKeys.GEN_AI_OPERATION_INVOKE_WORKFLOW,
                    SpanAttributeKeys.GEN_AI_OPERATION_EXECUTE_TOOL).otherwise("_OTHER"),
            "The GenAI operation: chat, embeddings, execute_tool, invoke_agent, ...");

    /**
     * {@code gen_ai.provider.name}: the provider as the conventions name it ({@code openai},
     * {@code anthropic}, ...) or the application's own name for a self-hosted model server;
     * bounded to {@value #MAX_PROVIDERS} values.
     */
    public static final TagKey PROVIDER_NAME = TagKey.of("gen_ai.provider.name",
            TagPolicy.bounded(MAX_PROVIDERS),
            "The GenAI provider, such as openai, anthropic, or a self-hosted server's name");

    /** {@code gen_ai.request.model}: the model asked for; bounded to {@value #MAX_MODELS} values. */
    public static final TagKey REQUEST_MODEL = TagKey.of("gen_ai.request.model",
            TagPolicy.bounded(MAX_MODELS), "The name of the model the request asked for");

    /** {@code gen_ai.token.type}: {@code input} or {@code output}; never a total. */
    public static final TagKey TOKEN_TYPE = TagKey.of("gen_ai.token.type",
            TagPolicy.allow(SpanAttributeKeys.GEN_AI_TOKEN_TYPE_INPUT,
                    SpanAttributeKeys.GEN_AI_TOKEN_TYPE_OUTPUT),
            "Whether the tokens were input (prompt) or output (completion) tokens");

    private GenAiTagKeys() {
    }
}
