package io.github.obskit.servlet.internal;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The observation of one request, from the filter's first entry to the response's completion:
 * on return of the original dispatch for a synchronous request, on {@link
 * #onComplete(AsyncEvent)} for one that started async processing. Ends exactly once.
 */
public final class RequestObservation implements AsyncListener {

    /** The request attribute the observation is stored under, for async dispatches. */
    public static final String ATTRIBUTE = RequestObservation.class.getName();

    private static final AtomicIntegerFieldUpdater<RequestObservation> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(RequestObservation.class, "ended");

    private final HttpServerInstrumenter instrumenter;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final long startNanos;
    private final String method;
    private final String scheme;
    private final String endpoint;
    private final Context context;
    private final Span span;
    private final boolean metered;
    private final boolean logged;
    private volatile int ended;
    private volatile Throwable failure;

    RequestObservation(HttpServerInstrumenter instrumenter, HttpServletRequest request,
            HttpServletResponse response, long startNanos, String method, String scheme,
            String endpoint, Context context, Span span, boolean metered, boolean logged) {
        this.instrumenter = instrumenter;
        this.request = request;
        this.response = response;
        this.startNanos = startNanos;
        this.method = method;
        this.scheme = scheme;
        this.endpoint = endpoint;
        this.context = context;
        this.span = span;
        this.metered = metered;
        this.logged = logged;
    }

    /**
     * Makes the server span current and puts its ids into the MDC on this thread, until the
     * returned scope is closed. Never throws.
     *
     * @return the scope; close it when this thread's part of the request ends
     */
    public RequestScope enter() {
        Scope scope;
        try {
            scope = context.makeCurrent();
        } catch (RuntimeException e) {
            scope = Scope.noop();
        }
        return RequestScope.of(scope, MdcScope.open(span.getSpanContext()));
    }

    /**
     * Remembers an exception that escaped the application; the request is recorded as 500.
     *
     * @param t the exception
     */
    public void failed(Throwable t) {
        if (t != null && failure == null) {
            failure = t;
        }
    }

    /**
     * Called when the original dispatch has returned: ends the observation now, or, when the
     * request went async, when the async cycle completes. Never throws.
     *
     * @param escaped the exception that escaped the chain, or {@code null}
     */
    public void afterDispatch(Throwable escaped) {
        try {
            failed(escaped);
            if (escaped == null && followsAsync()) {
                return;
            }
            end();
        } catch (RuntimeException | LinkageError e) {
            OnceLogger.warn("http.after-dispatch", "Could not finish observing an HTTP request", e);
        }
    }

    private boolean followsAsync() {
        try {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(this, request, response);
                return true;
            }
        } catch (RuntimeException e) {
            // The async cycle ended meanwhile (or the container refuses listeners): end now.
        }
        return false;
    }

    @Override
    public void onComplete(AsyncEvent event) {
        end();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        // The container dispatches the error and then completes; onComplete records the outcome.
    }

    @Override
    public void onError(AsyncEvent event) {
        failed(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // A new async cycle on the same request drops the listeners; stay registered.
        try {
            event.getAsyncContext().addListener(this, request, response);
        } catch (RuntimeException e) {
            OnceLogger.warn("http.async-restart", "Could not follow a restarted async request; "
                    + "it is measured to the end of its first async cycle", e);
            end();
        }
    }

    private void end() {
        if (!ENDED.compareAndSet(this, 0, 1)) {
            return;
        }
        long durationNanos = System.nanoTime() - startNanos;
        Throwable t = failure;
        int status = t != null ? 500 : status();
        String errorType = t != null ? t.getClass().getName()
                : status >= 500 ? Integer.toString(status) : null;
        if (metered) {
            instrumenter.metrics.requestFinished(method, scheme);
            instrumenter.metrics.recordRequest(method, endpoint, status, scheme, errorType,
                    durationNanos);
        }
        // Logged before the span ends: whoever sees the span ended also sees the event.
        if (logged) {
            instrumenter.accessLog.log(request, method, endpoint, status, durationNanos, context,
                    errorType);
        }
        endSpan(status, t, errorType);
    }

    private int status() {
        try {
            return response.getStatus();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private void endSpan(int status, Throwable t, String errorType) {
        try {
            if (status > 0) {
                span.setAttribute(SpanAttributeKeys.HTTP_RESPONSE_STATUS_CODE, (long) status);
            }
            if (errorType != null) {
                span.setAttribute(SpanAttributeKeys.ERROR_TYPE, errorType);
                span.setStatus(StatusCode.ERROR);
            }
            if (t != null) {
                span.recordException(t);
            }
            span.end();
        } catch (RuntimeException e) {
            OnceLogger.warn("http.span-end", "Could not end an HTTP server span", e);
        }
    }
}
