package io.github.obskit.core.genai;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.metrics.MeterFamilies;
import io.github.obskit.core.metrics.MeterFamily;
import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The typed recorder of the {@link GenAiMeters} catalog, shared by every obskit module that calls
 * a model (obs-rag's embedding and answer calls, obs-agent's chat calls). Create one per registry
 * at start-up and share it; thread-safe, and recording under tag values already seen does not
 * allocate.
 *
 * <pre>{@code
 * GenAiMetrics genAi = GenAiMetrics.create(registry);
 * genAi.recordOperation(chatRequest, null, Duration.ofMillis(1500));   // error type null: success
 * genAi.recordInputTokens(chatRequest, 412);
 * genAi.recordOutputTokens(chatRequest, 96);
 * }</pre>
 *
 * <p>Tags come from the {@link GenAiRequest} in the catalog's order ({@code
 * gen_ai.operation.name}, {@code gen_ai.provider.name}, {@code gen_ai.request.model}), then
 * {@code error.type} (empty on success) or {@code gen_ai.token.type} ({@code input} or {@code
 * output}; never a total). Token usage is recorded only when the model reported it; the chunk
 * timings only for streamed calls. No method throws into the caller.
 */
public final class GenAiMetrics {

    private final MeterFamily<Timer> duration;
    private final MeterFamily<DistributionSummary> tokens;
    private final MeterFamily<Timer> timeToFirstChunk;
    private final MeterFamily<Timer> timePerOutputChunk;

    private GenAiMetrics(Builder builder) {
        MeterFamilies families = MeterFamilies.of(builder.registry, builder.policies);
        this.duration = families.timer(GenAiMeters.CLIENT_OPERATION_DURATION);
        this.tokens = families.summary(GenAiMeters.CLIENT_TOKEN_USAGE);
        this.timeToFirstChunk = families.timer(GenAiMeters.CLIENT_OPERATION_TIME_TO_FIRST_CHUNK);
        this.timePerOutputChunk = families.timer(GenAiMeters.CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK);
    }

    /**
     * Creates the recorder with default tag policies ({@link GenAiTagKeys}).
     *
     * @param registry where the meters are registered
     * @return the recorder
     */
    public static GenAiMetrics create(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * Starts a recorder with options.
     *
     * @param registry where the meters are registered
     * @return a builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Records one call in {@code gen_ai.client.operation.duration}.
     *
     * @param request the call's request
     * @param errorType the error type on failure, as the span records it; {@code null} on success
     *     (recorded as the empty value)
     * @param elapsed how long the call took; {@code null} or negative records nothing
     */
    public void recordOperation(GenAiRequest request, String errorType, Duration elapsed) {
        if (elapsed != null && !elapsed.isNegative()) {
            recordOperationNanos(request, errorType, elapsed.toNanos());
        }
    }

    /**
     * Records the input (prompt) tokens of one call in {@code gen_ai.client.token.usage} with
     * {@code gen_ai.token.type=input}.
     *
     * @param request the call's request
     * @param inputTokens the tokens the model reported; negative values record nothing
     */
    public void recordInputTokens(GenAiRequest request, long inputTokens) {
        recordTokens(request, SpanAttributeKeys.GEN_AI_TOKEN_TYPE_INPUT, inputTokens);
    }

    /**
     * Records the output (completion) tokens of one call in {@code gen_ai.client.token.usage}
     * with {@code gen_ai.token.type=output}.
     *
     * @param request the call's request
     * @param outputTokens the tokens the model reported; negative values record nothing
     */
    public void recordOutputTokens(GenAiRequest request, long outputTokens) {
        recordTokens(request, SpanAttributeKeys.GEN_AI_TOKEN_TYPE_OUTPUT, outputTokens);
    }

    /**
     * Records the time from the request to the first chunk of a streamed response in {@code
     * gen_ai.client.operation.time_to_first_chunk}.
     *
     * @param request the call's request
     * @param elapsed the time to the first chunk; {@code null} or negative records nothing
     */
    public void recordTimeToFirstChunk(GenAiRequest request, Duration elapsed) {
        if (elapsed != null && !elapsed.isNegative()) {
            recordTimeToFirstChunkNanos(request, elapsed.toNanos());
        }
    }

    /**
     * Records the time between one output chunk after the first and the chunk before it in
     * {@code gen_ai.client.operation.time_per_output_chunk}.
     *
     * @param request the call's request
     * @param elapsed the time since the previous chunk; {@code null} or negative records nothing
     */
    public void recordTimePerOutputChunk(GenAiRequest request, Duration elapsed) {
        if (elapsed != null && !elapsed.isNegative()) {
            recordTimePerOutputChunkNanos(request, elapsed.toNanos());
        }
    }

    void recordOperationNanos(GenAiRequest request, String errorType, long nanos) {
        try {
            duration.get(request.operationName(), request.providerName(), request.requestModel(), errorType)
                    .record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            warn("recordOperation", e);
        }
    }

    void recordTimeToFirstChunkNanos(GenAiRequest request, long nanos) {
        try {
            timeToFirstChunk.get(request.operationName(), request.providerName(), request.requestModel())
                    .record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            warn("recordTimeToFirstChunk", e);
        }
    }

    void recordTimePerOutputChunkNanos(GenAiRequest request, long nanos) {
        try {
            timePerOutputChunk.get(request.operationName(), request.providerName(), request.requestModel())
                    .record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            warn("recordTimePerOutputChunk", e);
        }
    }

    private void recordTokens(GenAiRequest request, String tokenType, long count) {
        if (count < 0) {
            return;
        }
        try {
            tokens.get(request.operationName(), request.providerName(), request.requestModel(), tokenType)
                    .record(count);
        } catch (RuntimeException e) {
            warn("recordTokens", e);
        }
    }

    private static void warn(String method, RuntimeException e) {
        OnceLogger.warn("genai-metrics:" + method, "GenAiMetrics." + method
                + " failed; the value was not recorded", e);
    }

    /** Builds {@link GenAiMetrics}. Not thread-safe. */
    public static final class Builder {

        private final MeterRegistry registry;
        private TagPolicies policies = TagPolicies.defaults();

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Overrides the default tag policies of {@link GenAiTagKeys}. Default: {@link
         * TagPolicies#defaults()} (provider and model bounded).
         *
         * @param tagPolicies the overrides
         * @return this builder
         */
        public Builder tagPolicies(TagPolicies tagPolicies) {
            this.policies = Objects.requireNonNull(tagPolicies, "tagPolicies");
            return this;
        }

        /**
         * Builds the recorder and registers its metrics' families.
         *
         * @return the recorder
         */
        public GenAiMetrics build() {
            return new GenAiMetrics(this);
        }
    }
}
