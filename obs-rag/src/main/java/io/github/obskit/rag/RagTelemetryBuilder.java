package io.github.obskit.rag;

import io.github.obskit.core.metrics.TagPolicies;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link RagTelemetry}. Defaults: {@link TagPolicies#defaults()} ({@code user_id} and
 * {@code document_id} bounded), the built-in query types, no query text and no retrieved
 * documents on spans or logs, and the event logger {@code io.github.obskit.rag}. Not
 * thread-safe.
 */
public final class RagTelemetryBuilder {

    private final RagMetrics.Builder metrics;
    private final OpenTelemetry openTelemetry;
    private Logger eventLogger;
    private int queryTextMaxChars = -1;
    private boolean captureRetrievedDocuments;

    RagTelemetryBuilder(MeterRegistry registry, OpenTelemetry openTelemetry) {
        this.metrics = RagMetrics.builder(registry);
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /**
     * Overrides the default tag policies of {@link RagTagKeys}.
     *
     * @param tagPolicies the overrides
     * @return this builder
     */
    public RagTelemetryBuilder tagPolicies(TagPolicies tagPolicies) {
        metrics.tagPolicies(tagPolicies);
        return this;
    }

    /**
     * Registers the application's own query types; see {@link RagMetrics.Builder#queryTypes}.
     *
     * @param additionalQueryTypes clean tag values
     * @return this builder
     */
    public RagTelemetryBuilder queryTypes(String... additionalQueryTypes) {
        metrics.queryTypes(additionalQueryTypes);
        return this;
    }

    /**
     * Opts in to the query text in the {@code rag_query} log event ({@code query}) and on the
     * retrieval span ({@code gen_ai.retrieval.query.text}), cut to {@code maxChars} characters.
     * Default: off; query text may hold personal data.
     *
     * @param maxChars the longest text kept, at least 0
     * @return this builder
     */
    public RagTelemetryBuilder captureQueryText(int maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must be at least 0");
        }
        this.queryTextMaxChars = maxChars;
        return this;
    }

    /**
     * Opts in to the retrieved document ids and similarity scores on the retrieval span ({@code
     * gen_ai.retrieval.documents}, a JSON array of {@code {"id","score"}}). Default: off.
     *
     * @param capture whether to capture them
     * @return this builder
     */
    public RagTelemetryBuilder captureRetrievedDocuments(boolean capture) {
        this.captureRetrievedDocuments = capture;
        return this;
    }

    /**
     * Sets the SLF4J logger the {@code rag_query} events are written to. Default: {@code
     * io.github.obskit.rag}.
     *
     * @param logger the logger
     * @return this builder
     */
    public RagTelemetryBuilder eventLogger(Logger logger) {
        this.eventLogger = Objects.requireNonNull(logger, "logger");
        return this;
    }

    /**
     * Builds the facade and registers its metrics.
     *
     * @return the facade
     */
    public RagTelemetry build() {
        Logger logger = eventLogger != null ? eventLogger
                : LoggerFactory.getLogger(RagTelemetry.INSTRUMENTATION_NAME);
        return new RagTelemetry(metrics.build(), openTelemetry, logger, queryTextMaxChars,
                captureRetrievedDocuments);
    }
}
