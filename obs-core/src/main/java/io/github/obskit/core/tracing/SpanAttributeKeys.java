package io.github.obskit.core.tracing;

import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The OpenTelemetry semantic-convention span attribute keys obskit modules use, in one place,
 * with their exact names and types: HTTP, database, {@code error.type} and {@code
 * exception.type} from the stable conventions (1.37), {@code user.id}, {@code session.id} and the
 * {@code gen_ai.*} keys from the incubating conventions as published in semantic-conventions 1.41
 * (the last release before the GenAI conventions moved to their own repository). The GenAI
 * conventions are still in development; obskit follows them when it upgrades.
 *
 * <p>Keys for concepts the conventions do not cover belong to the module of their domain,
 * namespaced as the conventions ask of custom attributes: obs-upload's {@code UploadSpanKeys}
 * ({@code obskit.document.*}, {@code obskit.job.*}), obs-rag's {@code RagSpanKeys} ({@code
 * obskit.rag.*}).
 *
 * <p>Content keys ({@link #GEN_AI_INPUT_MESSAGES}, {@link #GEN_AI_OUTPUT_MESSAGES}, {@link
 * #GEN_AI_SYSTEM_INSTRUCTIONS}, {@link #GEN_AI_RETRIEVAL_QUERY_TEXT}) are only set through
 * {@link SpanScope#content(AttributeKey, String, ContentCapture)} or the GenAI handles
 * ({@code io.github.obskit.core.genai.GenAiOperation}), which honour the
 * application's {@link ContentCapture} policy (off by default).
 */
public final class SpanAttributeKeys {

    // ---- errors -------------------------------------------------------------------------

    /**
     * {@code error.type}: the class of error, low cardinality: the exception's fully qualified
     * class name, an HTTP status code, or {@code _OTHER}.
     */
    public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");

    /**
     * {@code exception.type}: the exception's fully qualified class, for an exception event that
     * must not carry the message (database errors repeat the SQL with its literals).
     */
    public static final AttributeKey<String> EXCEPTION_TYPE = stringKey("exception.type");

    // ---- HTTP server ----------------------------------------------------------------------

    /** {@code http.request.method}: the HTTP method, e.g. {@code GET}. */
    public static final AttributeKey<String> HTTP_REQUEST_METHOD = stringKey("http.request.method");

    /** {@code http.route}: the route template, e.g. {@code /documents/{id}}. */
    public static final AttributeKey<String> HTTP_ROUTE = stringKey("http.route");

    /**
     * {@code http.request.method_original}: the method as sent, set when {@code
     * http.request.method} records it as {@code _OTHER}.
     */
    public static final AttributeKey<String> HTTP_REQUEST_METHOD_ORIGINAL =
            stringKey("http.request.method_original");

    /** {@code network.protocol.version}: {@code 1.0}, {@code 1.1}, {@code 2} or {@code 3}. */
    public static final AttributeKey<String> NETWORK_PROTOCOL_VERSION =
            stringKey("network.protocol.version");

    /** {@code http.response.status_code}: the response status code. */
    public static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = longKey("http.response.status_code");

    /** {@code url.path}: the path of the request URL. */
    public static final AttributeKey<String> URL_PATH = stringKey("url.path");

    /** {@code url.scheme}: the URL scheme, {@code http} or {@code https}. */
    public static final AttributeKey<String> URL_SCHEME = stringKey("url.scheme");

    /** {@code url.query}: the query string of the request URL, without the {@code ?}. */
    public static final AttributeKey<String> URL_QUERY = stringKey("url.query");

    /** {@code server.address}: the server's host name or address. */
    public static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");

    /** {@code server.port}: the server's port. */
    public static final AttributeKey<Long> SERVER_PORT = longKey("server.port");

    /** {@code client.address}: the client's address. */
    public static final AttributeKey<String> CLIENT_ADDRESS = stringKey("client.address");

    /** {@code user_agent.original}: the {@code User-Agent} header as received. */
    public static final AttributeKey<String> USER_AGENT_ORIGINAL = stringKey("user_agent.original");

    // ---- database client -------------------------------------------------------------------

    /** {@code db.system.name}: the database system, e.g. {@code postgresql}, {@code h2database}. */
    public static final AttributeKey<String> DB_SYSTEM_NAME = stringKey("db.system.name");

    /** {@code db.operation.name}: the operation, e.g. {@code SELECT}. */
    public static final AttributeKey<String> DB_OPERATION_NAME = stringKey("db.operation.name");

    /** {@code db.operation.batch.size}: the number of statements of a batch operation. */
    public static final AttributeKey<Long> DB_OPERATION_BATCH_SIZE = longKey("db.operation.batch.size");

    /** {@code db.collection.name}: the table, e.g. {@code documents}. */
    public static final AttributeKey<String> DB_COLLECTION_NAME = stringKey("db.collection.name");

    /** {@code db.namespace}: the database (and schema) name. */
    public static final AttributeKey<String> DB_NAMESPACE = stringKey("db.namespace");

    /** {@code db.query.text}: the parameterized query text (never with literal values). */
    public static final AttributeKey<String> DB_QUERY_TEXT = stringKey("db.query.text");

    /** {@code db.query.summary}: a low-cardinality summary, e.g. {@code SELECT documents}. */
    public static final AttributeKey<String> DB_QUERY_SUMMARY = stringKey("db.query.summary");

    /** {@code db.response.status_code}: the database's error code, e.g. a SQLSTATE. */
    public static final AttributeKey<String> DB_RESPONSE_STATUS_CODE = stringKey("db.response.status_code");

    // ---- users and sessions ----------------------------------------------------------------

    /** {@code user.id}: the application's identifier of the user. */
    public static final AttributeKey<String> USER_ID = stringKey("user.id");

    /** {@code session.id}: the identifier of the user's session. */
    public static final AttributeKey<String> SESSION_ID = stringKey("session.id");

    // ---- generative AI ---------------------------------------------------------------------

    /** {@code gen_ai.operation.name}: one of the {@code GEN_AI_OPERATION_*} values. */
    public static final AttributeKey<String> GEN_AI_OPERATION_NAME = stringKey("gen_ai.operation.name");

    /** {@code gen_ai.provider.name}: the provider, e.g. {@code openai}; see {@code GEN_AI_PROVIDER_*}. */
    public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = stringKey("gen_ai.provider.name");

    /** {@code gen_ai.request.model}: the model requested. */
    public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = stringKey("gen_ai.request.model");

    /** {@code gen_ai.response.model}: the model that answered. */
    public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = stringKey("gen_ai.response.model");

    /** {@code gen_ai.response.id}: the provider's identifier of the completion. */
    public static final AttributeKey<String> GEN_AI_RESPONSE_ID = stringKey("gen_ai.response.id");

    /** {@code gen_ai.response.finish_reasons}: why the model stopped, one entry per choice. */
    public static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS =
            stringArrayKey("gen_ai.response.finish_reasons");

    /**
     * {@code gen_ai.response.time_to_first_chunk}: seconds from the request to the first chunk of
     * a streamed response.
     */
    public static final AttributeKey<Double> GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK =
            doubleKey("gen_ai.response.time_to_first_chunk");

    /** {@code gen_ai.request.max_tokens}: the requested maximum number of output tokens. */
    public static final AttributeKey<Long> GEN_AI_REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");

    /** {@code gen_ai.request.temperature}: the requested temperature. */
    public static final AttributeKey<Double> GEN_AI_REQUEST_TEMPERATURE = doubleKey("gen_ai.request.temperature");

    /**
     * {@code gen_ai.request.top_k}: the top-k setting; on retrieval spans, the number of results
     * asked for. A double in the conventions up to 1.41.
     */
    public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_K = doubleKey("gen_ai.request.top_k");

    /** {@code gen_ai.usage.input_tokens}: tokens in the prompt. */
    public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");

    /** {@code gen_ai.usage.output_tokens}: tokens in the response. */
    public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");

    /** {@code gen_ai.embeddings.dimension.count}: the number of dimensions of the embeddings. */
    public static final AttributeKey<Long> GEN_AI_EMBEDDINGS_DIMENSION_COUNT =
            longKey("gen_ai.embeddings.dimension.count");

    /** {@code gen_ai.data_source.id}: the data source a retrieval reads, e.g. a vector index. */
    public static final AttributeKey<String> GEN_AI_DATA_SOURCE_ID = stringKey("gen_ai.data_source.id");

    /** {@code gen_ai.conversation.id}: the conversation (chat session) identifier. */
    public static final AttributeKey<String> GEN_AI_CONVERSATION_ID = stringKey("gen_ai.conversation.id");

    /** {@code gen_ai.agent.name}: the agent's name. */
    public static final AttributeKey<String> GEN_AI_AGENT_NAME = stringKey("gen_ai.agent.name");

    /** {@code gen_ai.workflow.name}: the workflow's name. */
    public static final AttributeKey<String> GEN_AI_WORKFLOW_NAME = stringKey("gen_ai.workflow.name");

    /** {@code gen_ai.tool.name}: the tool's name. */
    public static final AttributeKey<String> GEN_AI_TOOL_NAME = stringKey("gen_ai.tool.name");

    /** {@code gen_ai.tool.call.id}: the tool call's identifier, as the model gave it. */
    public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = stringKey("gen_ai.tool.call.id");

    /**
     * {@code gen_ai.tool.call.arguments}: content; the arguments the tool was called with, as
     * JSON text (opt-in). A structured attribute in the conventions, recorded as its text.
     */
    public static final AttributeKey<String> GEN_AI_TOOL_CALL_ARGUMENTS = stringKey("gen_ai.tool.call.arguments");

    /** {@code gen_ai.tool.call.result}: content; what the tool returned, as text (opt-in). */
    public static final AttributeKey<String> GEN_AI_TOOL_CALL_RESULT = stringKey("gen_ai.tool.call.result");

    /**
     * {@code gen_ai.evaluation.name}: the evaluation metric of a {@code gen_ai.evaluation.result}
     * event, e.g. {@code Relevance}.
     */
    public static final AttributeKey<String> GEN_AI_EVALUATION_NAME = stringKey("gen_ai.evaluation.name");

    /** {@code gen_ai.evaluation.score.value}: the score of a {@code gen_ai.evaluation.result} event. */
    public static final AttributeKey<Double> GEN_AI_EVALUATION_SCORE_VALUE =
            doubleKey("gen_ai.evaluation.score.value");

    /**
     * {@code gen_ai.evaluation.score.label}: a low-cardinality reading of the score, e.g. {@code
     * relevant} or {@code pass}.
     */
    public static final AttributeKey<String> GEN_AI_EVALUATION_SCORE_LABEL =
            stringKey("gen_ai.evaluation.score.label");

    /** {@code gen_ai.token.type}: {@code input} or {@code output}, on token usage metrics. */
    public static final AttributeKey<String> GEN_AI_TOKEN_TYPE = stringKey("gen_ai.token.type");

    /** {@code gen_ai.retrieval.query.text}: content; the retrieval query text (opt-in). */
    public static final AttributeKey<String> GEN_AI_RETRIEVAL_QUERY_TEXT = stringKey("gen_ai.retrieval.query.text");

    /**
     * {@code gen_ai.input.messages}: content; the prompt messages as JSON text (opt-in). A
     * structured attribute in the conventions, recorded as its JSON text.
     */
    public static final AttributeKey<String> GEN_AI_INPUT_MESSAGES = stringKey("gen_ai.input.messages");

    /** {@code gen_ai.output.messages}: content; the completion messages as JSON text (opt-in). */
    public static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");

    /** {@code gen_ai.system_instructions}: content; the system prompt as JSON text (opt-in). */
    public static final AttributeKey<String> GEN_AI_SYSTEM_INSTRUCTIONS = stringKey("gen_ai.system_instructions");

    /**
     * {@code gen_ai.retrieval.documents}: the retrieved documents as a JSON array of {@code
     * {"id", "score"}} objects, the conventions' form on spans (opt-in).
     */
    public static final AttributeKey<String> GEN_AI_RETRIEVAL_DOCUMENTS = stringKey("gen_ai.retrieval.documents");

    /** {@code gen_ai.operation.name} value for a chat completion. */
    public static final String GEN_AI_OPERATION_CHAT = "chat";

    /** {@code gen_ai.operation.name} value for a legacy text completion. */
    public static final String GEN_AI_OPERATION_TEXT_COMPLETION = "text_completion";

    /** {@code gen_ai.operation.name} value for a multimodal content generation. */
    public static final String GEN_AI_OPERATION_GENERATE_CONTENT = "generate_content";

    /** {@code gen_ai.operation.name} value for an embeddings request. */
    public static final String GEN_AI_OPERATION_EMBEDDINGS = "embeddings";

    /** {@code gen_ai.operation.name} value for creating an agent. */
    public static final String GEN_AI_OPERATION_CREATE_AGENT = "create_agent";

    /** {@code gen_ai.operation.name} value for a retrieval from a data source. */
    public static final String GEN_AI_OPERATION_RETRIEVAL = "retrieval";

    /** {@code gen_ai.operation.name} value for an agent invocation. */
    public static final String GEN_AI_OPERATION_INVOKE_AGENT = "invoke_agent";

    /** {@code gen_ai.operation.name} value for a workflow invocation. */
    public static final String GEN_AI_OPERATION_INVOKE_WORKFLOW = "invoke_workflow";

    /** {@code gen_ai.operation.name} value for a tool execution. */
    public static final String GEN_AI_OPERATION_EXECUTE_TOOL = "execute_tool";

    /** {@code gen_ai.provider.name} value for OpenAI. */
    public static final String GEN_AI_PROVIDER_OPENAI = "openai";

    /** {@code gen_ai.token.type} value for input (prompt) tokens. */
    public static final String GEN_AI_TOKEN_TYPE_INPUT = "input";

    /** {@code gen_ai.token.type} value for output (completion) tokens. */
    public static final String GEN_AI_TOKEN_TYPE_OUTPUT = "output";

    private SpanAttributeKeys() {
    }
}
