package io.github.obskit.business;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import java.util.Objects;

/**
 * Records feedback on a response as a metric and, when a span is current, as the OpenTelemetry
 * GenAI event {@value #EVALUATION_EVENT} on it, so a trace shows how its answer was judged:
 *
 * <pre>{@code
 * BusinessTelemetry telemetry = BusinessTelemetry.create(business);
 * telemetry.satisfaction(userId, 4, "satisfied");     // user_satisfaction_score + span event
 * telemetry.responseQuality(userId, 0.82, "relevant"); // response_quality_average + span event
 * }</pre>
 *
 * <p>The event carries {@code gen_ai.evaluation.name} ({@value #SATISFACTION_EVALUATION} or
 * {@value #QUALITY_EVALUATION}), {@code gen_ai.evaluation.score.value} and, when given, {@code
 * gen_ai.evaluation.score.label}. The conventions ask for the event on the span of the evaluated
 * operation: record feedback inside it (or inside a span linked to it). Nothing is added when no
 * span is current or it is not recording. Thread-safe; never throws into the caller.
 */
public final class BusinessTelemetry {

    /** The event name of the GenAI semantic conventions for an evaluation result. */
    public static final String EVALUATION_EVENT = "gen_ai.evaluation.result";

    /** The {@code gen_ai.evaluation.name} of a satisfaction rating. */
    public static final String SATISFACTION_EVALUATION = "user_satisfaction";

    /** The {@code gen_ai.evaluation.name} of a response quality score. */
    public static final String QUALITY_EVALUATION = "response_quality";

    private final BusinessMetrics metrics;

    private BusinessTelemetry(BusinessMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Creates the facade over a recorder.
     *
     * @param metrics the recorder scores are recorded into
     * @return the facade
     */
    public static BusinessTelemetry create(BusinessMetrics metrics) {
        return new BusinessTelemetry(Objects.requireNonNull(metrics, "metrics"));
    }

    /**
     * Returns the recorder, for the metrics without a span (registrations, activity, counters).
     *
     * @return the recorder
     */
    public BusinessMetrics metrics() {
        return metrics;
    }

    /**
     * Records a user's satisfaction rating: {@code user_satisfaction_score} and, in a span, a
     * {@value #EVALUATION_EVENT} event named {@value #SATISFACTION_EVALUATION}.
     *
     * @param userId the rating user
     * @param rating from 1 to 5; anything else is recorded nowhere (one warning)
     * @param label a low-cardinality reading such as {@code satisfied}; {@code null} for none
     */
    public void satisfaction(String userId, int rating, String label) {
        if (rating < 1 || rating > 5) {
            metrics.recordSatisfaction(userId, rating); // warns once
            return;
        }
        metrics.recordSatisfaction(userId, rating);
        evaluationEvent(SATISFACTION_EVALUATION, rating, label);
    }

    /**
     * Records a response quality score: {@code response_quality_average} and, in a span, a
     * {@value #EVALUATION_EVENT} event named {@value #QUALITY_EVALUATION}.
     *
     * @param userId the user whose response was scored
     * @param score from 0 to 1; anything else is recorded nowhere (one warning)
     * @param label a low-cardinality reading such as {@code relevant}; {@code null} for none
     */
    public void responseQuality(String userId, double score, String label) {
        if (!(score >= 0 && score <= 1)) {
            metrics.recordResponseQuality(userId, score); // warns once
            return;
        }
        metrics.recordResponseQuality(userId, score);
        evaluationEvent(QUALITY_EVALUATION, score, label);
    }

    private static void evaluationEvent(String name, double score, String label) {
        try {
            Span span = Span.current();
            if (!span.isRecording()) {
                return;
            }
            AttributesBuilder attributes = Attributes.builder()
                    .put(SpanAttributeKeys.GEN_AI_EVALUATION_NAME, name)
                    .put(SpanAttributeKeys.GEN_AI_EVALUATION_SCORE_VALUE, score);
            if (label != null && !label.isBlank()) {
                attributes.put(SpanAttributeKeys.GEN_AI_EVALUATION_SCORE_LABEL, label);
            }
            span.addEvent(EVALUATION_EVENT, attributes.build());
        } catch (RuntimeException e) {
            OnceLogger.warn("business-telemetry:event", "Could not add the " + EVALUATION_EVENT
                    + " event to the current span", e);
        }
    }
}
