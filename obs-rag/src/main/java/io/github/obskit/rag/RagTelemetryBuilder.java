package io.github.obskit.rag;

import io.github.obskit.core.genai.GenAiMetrics;
import io.github.obskit.core.logging.StructuredLogger;
import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.tracing.ContentCapture;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link RagTelemetry}. Defaults: {@link TagPolicies#defaults()} ({@code user_id} and
 * {@code document_id} bounded), the built-in query types, {@link ContentCapture#off()} (no
 * query, prompt or completion text on spans or logs), no retrieved documents on spans, and the event logger {@code
 * io.github.obskit.rag}. Not thread-safe.
 */
public final class RagTelemetryBuilder {

    private final RagMetrics.Builder metrics;
    private final GenAiMetrics.Builder genAiMetrics;
    private final OpenTelemetry openTelemetry;
    private Logger eventLogger;
    private ContentCapture contentCapture = ContentCapture.off();
    private boolean captureRetrievedDocuments;

    RagTelemetryBuilder(MeterRegistry registry, OpenTelemetry openTelemetry) {
        this.metrics = RagMetrics.builder(registry);
        this.genAiMetrics = GenAiMetrics.builder(registry);
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /**
     * Overrides the default tag policies of {@link RagTagKeys} and of the GenAI metrics' {@link
     * io.github.obskit.core.genai.GenAiTagKeys}. Default: {@link TagPolicies#defaults()}.
     *
     * @param tagPolicies the overrides
     * @return this builder
     */
    public RagTelemetryBuilder tagPolicies(TagPolicies tagPolicies) {
        metrics.tagPolicies(tagPolicies);
        genAiMetrics.tagPolicies(tagPolicies);
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
     * Sets whether and how much query, prompt and completion text is recorded: in the {@code
     * rag_query} log event ({@code query_text}), on the retrieval span ({@code
     * gen_ai.retrieval.query.text}) and, when the application passes them, on the model calls'
     * spans ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}). Default: {@link
     * ContentCapture#off()}. Share one policy with the application's other obskit facades.
     *
     * <p>WARNING: query, prompt and completion text may hold personal or confidential data.
     *
     * @param contentCapture the policy
     * @return this builder
     */
    public RagTelemetryBuilder contentCapture(ContentCapture contentCapture) {
        this.contentCapture = Objects.requireNonNull(contentCapture, "contentCapture");
        return this;
    }

    /**
     * Opts in to content, cut to {@code maxChars} characters: the same as {@code
     * contentCapture(ContentCapture.truncatedTo(maxChars))}.
     *
     * @param maxChars the longest text kept, at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code maxChars} is less than 1
     */
    public RagTelemetryBuilder captureQueryText(int maxChars) {
        return contentCapture(ContentCapture.truncatedTo(maxChars));
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
        return new RagTelemetry(metrics.build(), genAiMetrics.build(), openTelemetry,
                StructuredLogger.create(logger, contentCapture), captureRetrievedDocuments);
    }
}
