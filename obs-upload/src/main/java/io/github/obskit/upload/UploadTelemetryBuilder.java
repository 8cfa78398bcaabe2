package io.github.obskit.upload;

import io.github.obskit.core.metrics.TagPolicies;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an {@link UploadTelemetry}. Defaults: {@link TagPolicies#defaults()}, the built-in
 * stages only, and the event logger {@code io.github.obskit.upload}. Not thread-safe.
 */
public final class UploadTelemetryBuilder {

    private final UploadMetrics.Builder metrics;
    private final OpenTelemetry openTelemetry;
    private Logger eventLogger;
    private final List<UploadListener> listeners = new ArrayList<>();

    UploadTelemetryBuilder(MeterRegistry registry, OpenTelemetry openTelemetry) {
        this.metrics = UploadMetrics.builder(registry);
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /**
     * Overrides the default tag policies of {@link UploadTagKeys}.
     *
     * @param tagPolicies the overrides
     * @return this builder
     */
    public UploadTelemetryBuilder tagPolicies(TagPolicies tagPolicies) {
        metrics.tagPolicies(tagPolicies);
        return this;
    }

    /**
     * Registers the application's own stages, recorded under their own name in metrics; an
     * unregistered stage is recorded as {@code other} (spans and logs keep its name).
     *
     * @param additionalStages stages made with {@link UploadStage#of(String)}
     * @return this builder
     */
    public UploadTelemetryBuilder stages(UploadStage... additionalStages) {
        metrics.stages(additionalStages);
        return this;
    }

    /**
     * Sets the SLF4J logger the {@code document_processing} events are written to. Default:
     * {@code io.github.obskit.upload}.
     *
     * @param logger the logger
     * @return this builder
     */
    public UploadTelemetryBuilder eventLogger(Logger logger) {
        this.eventLogger = Objects.requireNonNull(logger, "logger");
        return this;
    }

    /**
     * Adds a listener told when each upload ends, such as obs-business's {@code
     * BusinessMetrics.uploadListener()}. Calls add up; listeners run in the order added. Default:
     * none.
     *
     * @param listener the listener
     * @return this builder
     */
    public UploadTelemetryBuilder listener(UploadListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Builds the facade and registers its metrics.
     *
     * @return the facade
     */
    public UploadTelemetry build() {
        Logger logger = eventLogger != null ? eventLogger
                : LoggerFactory.getLogger(UploadTelemetry.INSTRUMENTATION_NAME);
        return new UploadTelemetry(metrics.build(), openTelemetry, logger, listeners);
    }
}
