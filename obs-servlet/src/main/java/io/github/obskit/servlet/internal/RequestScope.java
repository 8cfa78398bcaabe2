package io.github.obskit.servlet.internal;

import io.opentelemetry.context.Scope;

/**
 * The server span made current and its ids in the MDC, for one thread's part of a request.
 * Closing restores the thread's previous context and MDC values. Never throws.
 */
public final class RequestScope implements AutoCloseable {

    private static final RequestScope NOOP = new RequestScope(Scope.noop(), MdcScope.NOOP);

    private final Scope scope;
    private final MdcScope mdc;

    private RequestScope(Scope scope, MdcScope mdc) {
        this.scope = scope;
        this.mdc = mdc;
    }

    /** A request scope over two scopes; the shared no-op one when neither changed anything. */
    static RequestScope of(Scope scope, MdcScope mdc) {
        return scope == Scope.noop() && mdc == MdcScope.NOOP ? NOOP : new RequestScope(scope, mdc);
    }

    @Override
    public void close() {
        mdc.close();
        try {
            scope.close();
        } catch (RuntimeException ignored) {
            // A misbehaving context storage must not break the request.
        }
    }
}
