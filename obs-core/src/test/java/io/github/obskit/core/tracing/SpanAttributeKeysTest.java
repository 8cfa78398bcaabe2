package io.github.obskit.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ExceptionAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes.GenAiOperationNameIncubatingValues;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes.GenAiProviderNameIncubatingValues;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes.GenAiTokenTypeIncubatingValues;
import io.opentelemetry.semconv.incubating.SessionIncubatingAttributes;
import io.opentelemetry.semconv.incubating.UserIncubatingAttributes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks every key against the semantic conventions as published by OpenTelemetry; obs-core holds
 * no keys of its own (domain keys live in the modules of their domains).
 */
class SpanAttributeKeysTest {

    /** Structured ("any") attributes of the GenAI conventions, which the Java constants omit. */
    private static final Set<String> STRUCTURED_CONTENT_KEYS =
            Set.of("gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.system_instructions",
                    "gen_ai.tool.call.arguments", "gen_ai.tool.call.result",
                    "gen_ai.retrieval.documents");

    @Test
    void conventionKeysHaveTheExactPublishedNameAndType() throws Exception {
        Map<String, AttributeKey<?>> published = new HashMap<>();
        for (Class<?> type : List.of(HttpAttributes.class, UrlAttributes.class, ServerAttributes.class,
                ClientAttributes.class, UserAgentAttributes.class, ErrorAttributes.class, DbAttributes.class,
                NetworkAttributes.class, ExceptionAttributes.class,
                UserIncubatingAttributes.class, SessionIncubatingAttributes.class,
                GenAiIncubatingAttributes.class)) {
            for (AttributeKey<?> key : keysOf(type)) {
                published.put(key.getKey(), key);
            }
        }

        List<AttributeKey<?>> conventionKeys = keysOf(SpanAttributeKeys.class).stream()
                .filter(key -> !STRUCTURED_CONTENT_KEYS.contains(key.getKey()))
                .collect(Collectors.toList());
        assertThat(conventionKeys).hasSizeGreaterThan(30);
        for (AttributeKey<?> key : conventionKeys) {
            assertThat(published).as("published key %s", key.getKey()).containsKey(key.getKey());
            assertThat(key.getType()).as("type of %s", key.getKey()).isEqualTo(published.get(key.getKey()).getType());
        }
    }

    @Test
    void stableKeysComeFromTheStableConventions() {
        assertThat(SpanAttributeKeys.HTTP_REQUEST_METHOD).isEqualTo(HttpAttributes.HTTP_REQUEST_METHOD);
        assertThat(SpanAttributeKeys.HTTP_ROUTE).isEqualTo(HttpAttributes.HTTP_ROUTE);
        assertThat(SpanAttributeKeys.HTTP_RESPONSE_STATUS_CODE).isEqualTo(HttpAttributes.HTTP_RESPONSE_STATUS_CODE);
        assertThat(SpanAttributeKeys.ERROR_TYPE).isEqualTo(ErrorAttributes.ERROR_TYPE);
        assertThat(SpanAttributeKeys.DB_SYSTEM_NAME).isEqualTo(DbAttributes.DB_SYSTEM_NAME);
        assertThat(SpanAttributeKeys.DB_QUERY_TEXT).isEqualTo(DbAttributes.DB_QUERY_TEXT);
    }

    @Test
    void genAiKeysNamedInTheDesignAreExact() {
        assertThat(SpanAttributeKeys.GEN_AI_OPERATION_NAME).isEqualTo(GenAiIncubatingAttributes.GEN_AI_OPERATION_NAME);
        assertThat(SpanAttributeKeys.GEN_AI_REQUEST_MODEL).isEqualTo(GenAiIncubatingAttributes.GEN_AI_REQUEST_MODEL);
        assertThat(SpanAttributeKeys.GEN_AI_PROVIDER_NAME).isEqualTo(GenAiIncubatingAttributes.GEN_AI_PROVIDER_NAME);
        assertThat(SpanAttributeKeys.GEN_AI_USAGE_INPUT_TOKENS)
                .isEqualTo(GenAiIncubatingAttributes.GEN_AI_USAGE_INPUT_TOKENS);
        assertThat(SpanAttributeKeys.GEN_AI_USAGE_OUTPUT_TOKENS)
                .isEqualTo(GenAiIncubatingAttributes.GEN_AI_USAGE_OUTPUT_TOKENS);
        assertThat(SpanAttributeKeys.GEN_AI_EMBEDDINGS_DIMENSION_COUNT)
                .isEqualTo(GenAiIncubatingAttributes.GEN_AI_EMBEDDINGS_DIMENSION_COUNT);
        assertThat(SpanAttributeKeys.GEN_AI_REQUEST_TOP_K).isEqualTo(GenAiIncubatingAttributes.GEN_AI_REQUEST_TOP_K);
        assertThat(SpanAttributeKeys.GEN_AI_EVALUATION_NAME).isEqualTo(GenAiIncubatingAttributes.GEN_AI_EVALUATION_NAME);
        assertThat(SpanAttributeKeys.GEN_AI_EVALUATION_SCORE_VALUE)
                .isEqualTo(GenAiIncubatingAttributes.GEN_AI_EVALUATION_SCORE_VALUE);
        assertThat(SpanAttributeKeys.GEN_AI_EVALUATION_SCORE_LABEL)
                .isEqualTo(GenAiIncubatingAttributes.GEN_AI_EVALUATION_SCORE_LABEL);
    }

    @Test
    void wellKnownValuesArePublishedValues() {
        assertThat(SpanAttributeKeys.GEN_AI_OPERATION_CHAT).isEqualTo(GenAiOperationNameIncubatingValues.CHAT);
        assertThat(SpanAttributeKeys.GEN_AI_OPERATION_TEXT_COMPLETION)
                .isEqualTo(GenAiOperationNameIncubatingValues.TEXT_COMPLETION);
        assertThat(SpanAttributeKeys.GEN_AI_OPERATION_GENERATE_CONTENT)
                .isEqualTo(GenAiOperationNameIncubatingValues.GENERATE_CONTENT);
        assertThat(SpanAttributeKeys.GEN_AI_OPERATION_CREATE_AGENT)
                .isEqualTo(GenAiOperationNameIncubatingValues.CREATE_AGENT);
        assertThat(SpanAttributeKeys.GEN_AI_OPERATION_EMBEDDINGS).isEqualTo(GenAiOperationNameIncubatingValues.EMBEDDINGS);
        assertThat(SpanAttributeKeys.GEN_AI_OPERATION_RETRIEVAL).isEqualTo(GenAiOperationNameIncubatingValues.RETRIEVAL);
        assertThat(SpanAttributeKeys.GEN_AI_OPERATION_INVOKE_AGENT)
                .isEqualTo(GenAiOperationNameIncubatingValues.INVOKE_AGENT);
        assertThat(SpanAttributeKeys.GEN_AI_OPERATION_INVOKE_WORKFLOW)
                .isEqualTo(GenAiOperationNameIncubatingValues.INVOKE_WORKFLOW);
        assertThat(SpanAttributeKeys.GEN_AI_OPERATION_EXECUTE_TOOL)
                .isEqualTo(GenAiOperationNameIncubatingValues.EXECUTE_TOOL);
        assertThat(SpanAttributeKeys.GEN_AI_PROVIDER_OPENAI).isEqualTo(GenAiProviderNameIncubatingValues.OPENAI);
        assertThat(SpanAttributeKeys.GEN_AI_TOKEN_TYPE_INPUT).isEqualTo(GenAiTokenTypeIncubatingValues.INPUT);
        assertThat(SpanAttributeKeys.GEN_AI_TOKEN_TYPE_OUTPUT).isEqualTo(GenAiTokenTypeIncubatingValues.OUTPUT);
    }

    @Test
    void keysAreUniqueAndNoneIsObskitsOwn() throws Exception {
        List<AttributeKey<?>> all = keysOf(SpanAttributeKeys.class);
        assertThat(all.stream().map(AttributeKey::getKey)).doesNotHaveDuplicates();
        assertThat(all).extracting(AttributeKey::getKey).noneMatch(k -> k.startsWith("obskit."));
    }

    private static List<AttributeKey<?>> keysOf(Class<?> type) throws IllegalAccessException {
        List<AttributeKey<?>> keys = new ArrayList<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && AttributeKey.class.isAssignableFrom(field.getType())
                    && field.getAnnotation(Deprecated.class) == null) {
                keys.add((AttributeKey<?>) field.get(null));
            }
        }
        return keys;
    }
}
