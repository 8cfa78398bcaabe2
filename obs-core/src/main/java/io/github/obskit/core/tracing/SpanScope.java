package io.github.obskit.core.tracing;

import io.github.obskit.core.internal.OnceLogger;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A started span, ended by {@link #close()}. Started with {@link SpanStarter#start()} it is
 * current on the thread that started it until closed; started with {@link
 * SpanStarter#startDetached()} it is never made current.
 *
 * <p>Outcome rules, checked when the handle closes:
 *
 * <ul>
 *   <li>{@link #success()} (or {@link #success(Object)}) marks the operation as done: the span
 *       ends with status {@link StatusCode#UNSET}, as the OpenTelemetry specification asks of
 *       instrumentation;</li>
 *   <li>{@link #fail(Throwable)} records the exception as a span event, sets {@code error.type}
 *       to its class name and the status to {@link StatusCode#ERROR}; {@link #fail(String)}
 *       does the same without an exception, with the given error type;</li>
 *   <li>closing without either ("closed without success") is a failure: an exception escaped
 *       the try block, or the code returned early without saying so. The span ends with status
 *       ERROR, description {@value #ENDED_WITHOUT_OUTCOME} and {@code error.type} {@value
 *       #UNKNOWN_ERROR_TYPE}. Write {@code return span.success(result);} on early returns.</li>
 * </ul>
 *
 * <p>A failure is final: {@code success()} after {@code fail(..)} does not clear it, and the
 * first failure sets {@code error.type}. Each {@code fail(Throwable)} records its exception.
 * {@link #close()} ends the span exactly once and restores the previous context; later calls to
 * any method are ignored. Close a current handle on the thread that started it (the current
 * context is thread-local); a detached handle may be closed anywhere. Methods never throw.
 */
public final class SpanScope implements AutoCloseable {

    /** The status description of a span closed without {@code success()} or {@code fail()}. */
    public static final String ENDED_WITHOUT_OUTCOME = "ended without success() or fail()";

    /**
     * The {@code error.type} of a span closed without an outcome: the semantic conventions'
     * fallback value for an unknown error type.
     */
    public static final String UNKNOWN_ERROR_TYPE = "_OTHER";

    private static final int OPEN = 0;
    private static final int SUCCEEDED = 1;
    private static final int FAILED = 2;

    private final Span span;
    private final Scope scope;
    private final AtomicInteger outcome = new AtomicInteger(OPEN);
    private final AtomicBoolean ended = new AtomicBoolean();

    SpanScope(Span span, Scope scope) {
        this.span = span;
        this.scope = scope;
    }

    /**
     * Returns the span, for the plain OpenTelemetry API (events, more attributes).
     *
     * @return the span; do not end it directly, close this handle instead
     */
    public Span span() {
        return span;
    }

    /**
     * Returns the span's context (trace id and span id).
     *
     * @return the context; invalid when tracing is disabled or not sampled-in by a no-op SDK
     */
    public SpanContext spanContext() {
        return span.getSpanContext();
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
        if (key != null && value != null && !ended.get()) {
            span.setAttribute(key, value);
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
        if (key != null && !ended.get()) {
            span.setAttribute(key, value);
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

    /** Marks the operation as successful; the span ends with status UNSET. */
    public void success() {
        outcome.compareAndSet(OPEN, SUCCEEDED);
    }

    /**
     * Marks the operation as successful and returns its result, for
     * {@code return span.success(result);}.
     *
     * @param result the operation's result
     * @param <T> the result type
     * @return {@code result}
     */
    public <T> T success(T result) {
        success();
        return result;
    }

    /**
     * Marks the operation as failed with an exception: records it as an {@code exception} event,
     * sets {@code error.type} to the exception's class name (on the first failure) and the
     * status to ERROR.
     *
     * @param error the failure; {@code null} counts as a failure of unknown type
     */
    public void fail(Throwable error) {
        if (ended.get()) {
            return;
        }
        if (error == null) {
            fail(UNKNOWN_ERROR_TYPE);
            return;
        }
        try {
            span.recordException(error);
        } catch (RuntimeException e) {
            OnceLogger.warn("tracing.record-exception", "Could not record an exception on a span", e);
        }
        markFailed(error.getClass().getName());
    }

    /**
     * Marks the operation as failed without an exception, for outcomes such as an HTTP 500 or a
     * rejected document: sets {@code error.type} (on the first failure) and the status to ERROR.
     *
     * @param errorType a low-cardinality error type, e.g. {@code "500"} or {@code "timeout"};
     *     {@code null} or blank becomes {@value #UNKNOWN_ERROR_TYPE}
     */
    public void fail(String errorType) {
        if (ended.get()) {
            return;
        }
        markFailed(errorType == null || errorType.isBlank() ? UNKNOWN_ERROR_TYPE : errorType);
    }

    private void markFailed(String errorType) {
        if (outcome.getAndSet(FAILED) != FAILED) {
            span.setAttribute(SpanAttributeKeys.ERROR_TYPE, errorType);
            span.setStatus(StatusCode.ERROR);
        }
    }

    /**
     * Tells whether the handle has been closed.
     *
     * @return {@code true} once {@link #close()} has run
     */
    public boolean isClosed() {
        return ended.get();
    }

    /**
     * Ends the span (once; later calls do nothing) and restores the context that was current
     * before the span started. A span without outcome ends as a failure (see the class
     * description).
     */
    @Override
    public void close() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            if (outcome.compareAndSet(OPEN, FAILED)) {
                span.setAttribute(SpanAttributeKeys.ERROR_TYPE, UNKNOWN_ERROR_TYPE);
                span.setStatus(StatusCode.ERROR, ENDED_WITHOUT_OUTCOME);
            }
            span.end();
        } catch (RuntimeException e) {
            OnceLogger.warn("tracing.end-span", "Could not end a span", e);
        } finally {
            try {
                scope.close();
            } catch (RuntimeException e) {
                OnceLogger.warn("tracing.close-scope", "Could not restore the previous context", e);
            }
        }
    }
}
