package io.github.obskit.core.genai;

/** Well-known values of the GenAI semantic conventions' attributes. */
public final class GenAiOperations {

    /** {@code gen_ai.operation.name} of a chat completion. */
    public static final String CHAT = "chat";
    /** {@code gen_ai.operation.name} of a legacy text completion. */
    public static final String TEXT_COMPLETION = "text_completion";
    /** {@code gen_ai.operation.name} of a multimodal content generation. */
    public static final String GENERATE_CONTENT = "generate_content";
    /** {@code gen_ai.operation.name} of an embeddings call. */
    public static final String EMBEDDINGS = "embeddings";
    /** {@code gen_ai.operation.name} of creating an agent. */
    public static final String CREATE_AGENT = "create_agent";
    /** {@code gen_ai.operation.name} of invoking an agent. */
    public static final String INVOKE_AGENT = "invoke_agent";
    /** {@code gen_ai.operation.name} of executing a tool. */
    public static final String EXECUTE_TOOL = "execute_tool";

    /** {@code gen_ai.token.type} of input (prompt) tokens. */
    public static final String TOKEN_INPUT = "input";
    /** {@code gen_ai.token.type} of output (completion) tokens. */
    public static final String TOKEN_OUTPUT = "output";

    private GenAiOperations() {
    }
}
