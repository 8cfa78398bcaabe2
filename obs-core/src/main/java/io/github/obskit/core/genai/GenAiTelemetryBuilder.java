package io.github.obskit.core.genai;

import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.tracing.ContentCapture;
import io.github.obskit.core.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * Builds a {@link GenAiTelemetry}. Defaults: {@link TagPolicies#defaults()}, {@link
 * ContentCapture#off()}. Not thread-safe.
 */
public final class GenAiTelemetryBuilder {

    private final GenAiMetrics.Builder metrics;
    private final OpenTelemetry openTelemetry;
    private ContentCapture contentCapture = ContentCapture.off();

    GenAiTelemetryBuilder(MeterRegistry registry, OpenTelemetry openTelemetry) {
        this.metrics = GenAiMetrics.builder(registry);
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /**
     * Overrides the default tag policies of {@link GenAiTagKeys}. Default: {@link
     * TagPolicies#defaults()}.
     *
     * @param tagPolicies the overrides
     * @return this builder
     * @throws IllegalArgumentException when an override names a key no GenAI metric has
     */
    public GenAiTelemetryBuilder tagPolicies(TagPolicies tagPolicies) {
        Objects.requireNonNull(tagPolicies, "tagPolicies")
                .validate(java.util.List.of(GenAiMeters.values()));
        metrics.tagPolicies(tagPolicies);
        return this;
    }

    /**
     * Sets whether and how much prompt and completion text goes on the spans ({@code
     * gen_ai.input.messages}, {@code gen_ai.output.messages}). Default: {@link
     * ContentCapture#off()}.
     *
     * <p>WARNING: prompts and completions may hold personal or confidential data.
     *
     * @param contentCapture the policy
     * @return this builder
     */
    public GenAiTelemetryBuilder contentCapture(ContentCapture contentCapture) {
        this.contentCapture = Objects.requireNonNull(contentCapture, "contentCapture");
        return this;
    }

    /**
     * Builds the facade and registers its metrics.
     *
     * @return the facade
     */
    public GenAiTelemetry build() {
        return new GenAiTelemetry(metrics.build(),
                Tracing.create(openTelemetry, GenAiTelemetry.INSTRUMENTATION_NAME), contentCapture);
    }
}
