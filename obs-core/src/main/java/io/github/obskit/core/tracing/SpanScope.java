package io.github.obskit.core.tracing;

import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.OperationType;
import io.github.obskit.core.operation.Outcome;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;

/**
 * A started span, ended by {@link #close()}: the plainest {@link Operation}, with no metric and
 * no log event. Started with {@link SpanStarter#start()} it is current on the thread that started
 * it until closed; started with {@link SpanStarter#startDetached()} it is never made current.
 *
 * <p>Its outcome follows <a href="../operation/Operation.html#outcome">the outcome rule</a>:
 * {@link #success()} ends the span with status UNSET; {@link #fail(Throwable)} records the
 * exception, sets {@code error.type} to its class name and the status to ERROR; {@link
 * #fail(String)} does the same without an exception; closing without either ends it as ERROR
 * with {@code error.type} {@value Operation#UNKNOWN_ERROR_TYPE}. Write {@code return
 * span.success(result);} on early returns.
 */
public final class SpanScope extends Operation {

    private static final OperationType SPAN = OperationType.builder("span").build();

    SpanScope(SpanStarter starter, boolean current) {
        super(SPAN, starter, current);
    }

    /**
     * Returns the span's context (trace id and span id).
     *
     * @return the context; invalid when tracing is disabled
     */
    public SpanContext spanContext() {
        return span().getSpanContext();
    }

    /**
     * Sets an attribute on the span.
     *
     * @param key the key, usually one of {@link SpanAttributeKeys}
     * @param value the value; {@code null} is ignored
     * @param <T> the attribute type
     * @return this handle
     */
    public <T> SpanScope attribute(AttributeKey<T> key, T value) {
        if (key != null && value != null && !isClosed()) {
            span().setAttribute(key, value);
        }
        return this;
    }

    /**
     * Sets a long attribute from an {@code int} or {@code long} without boxing at the call site.
     *
     * @param key the key
     * @param value the value
     * @return this handle
     */
    public SpanScope attribute(AttributeKey<Long> key, long value) {
        if (key != null && !isClosed()) {
            span().setAttribute(key, value);
        }
        return this;
    }

    /**
     * Sets a content attribute (query, prompt, completion text) if and as far as the policy
     * allows: nothing when content capture is off, the truncated text otherwise.
     *
     * @param key the key, such as {@link SpanAttributeKeys#GEN_AI_INPUT_MESSAGES}
     * @param text the content, possibly {@code null}
     * @param capture the application's content capture policy; {@code null} means off
     * @return this handle
     */
    public SpanScope content(AttributeKey<String> key, String text, ContentCapture capture) {
        if (capture != null) {
            attribute(key, capture.apply(text));
        }
        return this;
    }

    /**
     * Marks the operation as failed without an exception, for outcomes such as an HTTP 500 or a
     * rejected document.
     *
     * @param errorType a low-cardinality error type, e.g. {@code "500"} or {@code "timeout"};
     *     {@code null} or blank becomes {@value Operation#UNKNOWN_ERROR_TYPE}
     */
    public void fail(String errorType) {
        fail(null, errorType);
    }

    @Override
    protected void onEnd(Outcome outcome, String errorType, long durationNanos) {
        // A plain span records no metric.
    }
}
