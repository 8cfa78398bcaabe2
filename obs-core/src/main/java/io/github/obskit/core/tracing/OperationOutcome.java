package io.github.obskit.core.tracing;

/**
 * The outcome of one instrumented operation (an upload, a RAG query, a model call), kept by the
 * operation handles of the obskit modules. It records the same rules as {@link SpanScope}, so that
 * every handle applies them alike:
 *
 * <ul>
 *   <li>{@link #succeed()} marks the operation as successful;</li>
 *   <li>{@link #fail(Throwable)} marks it as failed. The first failure wins: later failures are
 *       ignored, and {@link #succeed()} after a failure does not clear it;</li>
 *   <li>{@link #close()} ends the outcome; only the first close counts. Closing without either
 *       outcome is a failure without exception, with error type {@value
 *       SpanScope#UNKNOWN_ERROR_TYPE} (an exception escaped a try-with-resources block, or the
 *       code returned early without saying so);</li>
 *   <li>after {@link #close()}, {@link #succeed()} and {@link #fail(Throwable)} are ignored.</li>
 * </ul>
 *
 * <p>It only keeps state: recording metrics, spans and log events stays with the caller, which
 * acts on the return values ({@code fail} tells whether this call recorded the failure, {@code
 * close} whether this is the first close). Thread-safe; methods never throw.
 */
public final class OperationOutcome {

    private boolean succeeded;
    private boolean failed;
    private boolean closed;
    private boolean closedWithoutOutcome;
    private Throwable failure;

    /** Creates an open outcome: neither successful nor failed, not closed. */
    public OperationOutcome() {
    }

    /**
     * Marks the operation as successful. Ignored after {@link #close()}; a failure recorded
     * before is final and is not cleared.
     */
    public synchronized void succeed() {
        if (!closed) {
            succeeded = true;
        }
    }

    /**
     * Marks the operation as failed. The first failure wins: once a failure is recorded, later
     * calls are ignored, and so are calls after {@link #close()}. A failure is final: {@link
     * #succeed()} does not clear it, before or after.
     *
     * @param error the failure; {@code null} counts as a failure of unknown type ({@value
     *     SpanScope#UNKNOWN_ERROR_TYPE})
     * @return {@code true} if this call recorded the failure (the caller then reports it),
     *     {@code false} if it was ignored
     */
    public synchronized boolean fail(Throwable error) {
        if (closed || failed) {
            return false;
        }
        failed = true;
        failure = error;
        return true;
    }

    /**
     * Closes the outcome. Only the first call counts; later calls do nothing and return {@code
     * false}. Closing without {@link #succeed()} or {@link #fail(Throwable)} before is a failure
     * without exception, with error type {@value SpanScope#UNKNOWN_ERROR_TYPE} (see {@link
     * #closedWithoutOutcome()}).
     *
     * @return {@code true} if this is the first close (the caller then records the end of the
     *     operation), {@code false} if the outcome was closed already
     */
    public synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        if (!succeeded && !failed) {
            failed = true;
            closedWithoutOutcome = true;
        }
        return true;
    }

    /**
     * Tells whether {@link #close()} has run.
     *
     * @return {@code true} once closed
     */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Tells whether the operation failed: {@link #fail(Throwable)} was called, or it was closed
     * without an outcome. A failure is final; {@link #succeed()} does not clear it.
     *
     * @return {@code true} if failed
     */
    public synchronized boolean isFailed() {
        return failed;
    }

    /**
     * Tells whether the first {@link #close()} found neither {@link #succeed()} nor {@link
     * #fail(Throwable)}, which made the operation fail with error type {@value
     * SpanScope#UNKNOWN_ERROR_TYPE}.
     *
     * @return {@code true} if closed without an outcome; {@code false} before closing
     */
    public synchronized boolean closedWithoutOutcome() {
        return closedWithoutOutcome;
    }

    /**
     * Returns the exception of the first recorded failure.
     *
     * @return the exception given to the first {@link #fail(Throwable)} that counted; {@code null}
     *     if not failed, failed with {@code null}, or closed without an outcome
     */
    public synchronized Throwable failure() {
        return failure;
    }

    /**
     * Returns the error type of the failure, as {@link SpanScope#fail(Throwable)} records it in
     * {@code error.type}.
     *
     * @return the fully qualified class name of the {@link #failure()}; {@value
     *     SpanScope#UNKNOWN_ERROR_TYPE} when failed without an exception (a {@code null} failure,
     *     or closed without an outcome); {@code null} when not failed
     */
    public synchronized String errorType() {
        if (!failed) {
            return null;
        }
        return failure != null ? failure.getClass().getName() : SpanScope.UNKNOWN_ERROR_TYPE;
    }
}
