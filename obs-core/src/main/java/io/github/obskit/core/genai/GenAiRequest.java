package io.github.obskit.core.genai;

import io.github.obskit.core.metrics.TagValues;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import java.util.Objects;

/**
 * What a GenAI client call asks for: the operation, the provider and the requested model.
 * Immutable and thread-safe; build one per model at start-up and reuse it for every call:
 *
 * <pre>{@code
 * GenAiRequest chat = GenAiRequest.chat().provider("ollama").model("llama3").build();
 * GenAiRequest embed = GenAiRequest.embeddings().provider("local").model("all-minilm-l6-v2").build();
 * }</pre>
 *
 * <p>Provider and model are sanitized once, when the request is built, by the rule of {@link
 * TagValues#sanitize(String)}; a {@code null} or blank value is absent (no span attribute, {@code
 * unknown} in metrics). The span name {@code {operation} {model}} (such as {@code chat llama3},
 * or the operation alone without a model) is built once too.
 */
public final class GenAiRequest {

    private final String operationName;
    private final String providerName;
    private final String requestModel;
    private final String spanName;

    private GenAiRequest(Builder builder) {
        this.operationName = builder.operationName;
        this.providerName = builder.providerName;
        this.requestModel = builder.requestModel;
        this.spanName = requestModel != null ? operationName + " " + requestModel : operationName;
    }

    /**
     * Starts a request of any operation.
     *
     * @param operationName the {@code gen_ai.operation.name}, one of the {@code
     *     GEN_AI_OPERATION_*} values of {@link SpanAttributeKeys} where one applies; values outside
     *     them are recorded as {@code _OTHER} in metrics
     * @return a builder; defaults: no provider, no model
     */
    public static Builder builder(String operationName) {
        return new Builder(operationName);
    }

    /**
     * Starts a chat completion request ({@code gen_ai.operation.name=chat}).
     *
     * @return a builder
     */
    public static Builder chat() {
        return builder(SpanAttributeKeys.GEN_AI_OPERATION_CHAT);
    }

    /**
     * Starts an embeddings request ({@code gen_ai.operation.name=embeddings}).
     *
     * @return a builder
     */
    public static Builder embeddings() {
        return builder(SpanAttributeKeys.GEN_AI_OPERATION_EMBEDDINGS);
    }

    /**
     * Returns the operation name.
     *
     * @return the {@code gen_ai.operation.name}
     */
    public String operationName() {
        return operationName;
    }

    /**
     * Returns the provider name.
     *
     * @return the sanitized {@code gen_ai.provider.name}, or {@code null} when not given
     */
    public String providerName() {
        return providerName;
    }

    /**
     * Returns the requested model.
     *
     * @return the sanitized {@code gen_ai.request.model}, or {@code null} when not given
     */
    public String requestModel() {
        return requestModel;
    }

    /**
     * Returns the span name of calls of this request.
     *
     * @return {@code {operation} {model}}, or the operation alone without a model
     */
    public String spanName() {
        return spanName;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GenAiRequest)) {
            return false;
        }
        GenAiRequest other = (GenAiRequest) o;
        return operationName.equals(other.operationName)
                && Objects.equals(providerName, other.providerName)
                && Objects.equals(requestModel, other.requestModel);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operationName, providerName, requestModel);
    }

    @Override
    public String toString() {
        return "GenAiRequest[" + spanName + (providerName != null ? " @" + providerName : "") + "]";
    }

    /** Builds a {@link GenAiRequest}. Not thread-safe. */
    public static final class Builder {

        private final String operationName;
        private String providerName;
        private String requestModel;

        private Builder(String operationName) {
            Objects.requireNonNull(operationName, "operationName");
            if (!TagValues.isClean(operationName)) {
                throw new IllegalArgumentException("not a clean operation name: '" + operationName + "'");
            }
            this.operationName = operationName;
        }

        /**
         * Sets the provider ({@code gen_ai.provider.name}), such as {@code openai}, {@code
         * ollama}, or the application's name for an in-process model. Default: none.
         *
         * @param provider the provider; {@code null} or blank means none
         * @return this builder
         */
        public Builder provider(String provider) {
            this.providerName = clean(provider);
            return this;
        }

        /**
         * Sets the requested model ({@code gen_ai.request.model}), such as {@code llama3}.
         * Default: none.
         *
         * @param model the model; {@code null} or blank means none
         * @return this builder
         */
        public Builder model(String model) {
            this.requestModel = clean(model);
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public GenAiRequest build() {
            return new GenAiRequest(this);
        }

        private static String clean(String value) {
            return value == null || value.isBlank() ? null : TagValues.sanitize(value);
        }
    }
}
