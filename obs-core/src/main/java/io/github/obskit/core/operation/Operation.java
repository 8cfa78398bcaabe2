package io.github.obskit.core.operation;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.logging.LogEvent;
import io.github.obskit.core.logging.LogFields;
import io.github.obskit.core.logging.StructuredLogger;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.SpanStarter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import org.slf4j.event.Level;

/**
 * The base of every obskit operation handle: an upload, a document's processing and its stages,
 * a job, a RAG query, a model call, a retrieval, a plain span. It owns the outcome, the span, the
 * duration and the one log event of the operation; a module's handle adds only its domain's
 * fields, in {@link #onEnd} (metrics) and {@link #logFields} (the event's fields).
 *
 * <h2 id="outcome">The outcome rule</h2>
 *
 * <ul>
 *   <li>{@link #success()} (or {@link #success(Object)}) marks the operation as done;</li>
 *   <li>{@link #fail(Throwable)} or {@link #fail(Throwable, String)} marks it as failed. The
 *       first failure wins: later failures are ignored, and a failure is final ({@code
 *       success()} before or after does not clear it);</li>
 *   <li>{@link #close()} ends the operation, once. Closing without either outcome is a failure
 *       with error type {@value #UNKNOWN_ERROR_TYPE}, because try-with-resources does not show
 *       an escaping exception to {@code close()} (an exception escaped, or the code returned
 *       early without saying so). The first time an operation of a given {@link OperationType}
 *       closes so, one WARN names the fix: write {@code return op.success(result);} on early
 *       returns, or use the lambda form ({@link #run(Operation, OperationWork)}), which calls
 *       {@code success} and {@code fail} itself;</li>
 *   <li>after {@code close()} every method is ignored.</li>
 * </ul>
 *
 * <p>One failure has one error type on every signal: the span's {@code error.type}, the
 * metrics' error tag and the log event's {@code error_type} all record the value {@link
 * OperationType#errorType(Throwable, String)} returns (the given type, or the classification of
 * the exception, or {@value #UNKNOWN_ERROR_TYPE}). A failed span ends with status ERROR and the
 * exception recorded as an event; a successful one with status UNSET, as the OpenTelemetry
 * specification asks of instrumentation.
 *
 * <h2 id="context">Context</h2>
 *
 * <p>An operation started current is the current span of its thread until it closes; closing it
 * restores exactly the context that was current before, also when operations started inside it
 * are closed after it (such an operation is detached when the last one above it closes). Close a
 * current operation on the thread that started it. An operation started detached is never made
 * current and may be closed on any thread. When tracing is off ({@code OpenTelemetry.noop()}),
 * nothing is made current at all.
 *
 * <h2 id="threads">Threads and cost</h2>
 *
 * <p>Outcome methods and {@code close()} are safe to call from several threads and take no
 * lock (a few atomic operations); a module's handle says which of its own methods are. The log
 * event is built only when its logger is enabled for its level (INFO on success, WARN on
 * failure). Methods never throw into the caller: instrumentation problems are logged once.
 */
public abstract class Operation implements AutoCloseable {

    /**
     * The error type of a failure whose type is not known: closed without an outcome, failed
     * without exception or type, or a type outside the operation's declared set. OpenTelemetry's
     * fallback value for {@code error.type}.
     */
    public static final String UNKNOWN_ERROR_TYPE = "_OTHER";

    /** The span status description of an operation closed without {@code success()} or {@code fail()}. */
    public static final String ENDED_WITHOUT_OUTCOME = "ended without success() or fail()";

    private static final ContextKey<Operation> CURRENT_OPERATION = ContextKey.named("obskit-operation");
    private static final Object SUCCEEDED = new Object();
    private static final Failure NO_OUTCOME = new Failure(UNKNOWN_ERROR_TYPE, null);
    private static final VarHandle END;
    private static final VarHandle CLOSED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            END = lookup.findVarHandle(Operation.class, "end", Object.class);
            CLOSED = lookup.findVarHandle(Operation.class, "closed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final OperationType type;
    private final Span span;
    private final Context childContext;
    private final Scope scope; // null when not made current
    private final long startNanos;
    private volatile boolean succeeded;
    private volatile Object end; // null while open; then SUCCEEDED or a Failure, set once
    private volatile int closed;
    private volatile boolean detachPending;

    /**
     * Starts the operation: starts its span and, when {@code current}, makes it current.
     *
     * @param type what operations of this kind share
     * @param span the prepared span (name, kind, parent, attributes)
     * @param current {@code true} to make the span current on this thread until {@link #close()};
     *     {@code false} for an operation that may end on another thread
     */
    protected Operation(OperationType type, SpanStarter span, boolean current) {
        this.type = type;
        Span started = Span.getInvalid();
        Context children = Context.current();
        Scope attached = null;
        try {
            started = span.startSpan();
            if (started.isRecording()
                    || !started.getSpanContext().equals(Span.current().getSpanContext())) {
                // Tracing on (or a new span context to propagate): children get this span.
                children = children.with(started);
                if (current) {
                    children = children.with(CURRENT_OPERATION, this);
                    attached = children.makeCurrent();
                }
            } // else tracing is off: nothing to make current, children keep the current context
        } catch (RuntimeException e) {
            OnceLogger.warn("operation.start:" + type.name(), "Could not start the span of " + type.name(), e);
        }
        this.span = started;
        this.childContext = children;
        this.scope = attached;
        this.startNanos = System.nanoTime();
    }

    /**
     * Creates an operation that is closed already, with no span: every method is ignored and
     * nothing is recorded. For handles asked of a parent that is closed.
     *
     * @param type what operations of this kind share
     */
    protected Operation(OperationType type) {
        this.type = type;
        this.span = Span.getInvalid();
        this.childContext = Context.current();
        this.scope = null;
        this.startNanos = 0;
        this.closed = 1;
        this.end = SUCCEEDED;
    }

    /**
     * Runs {@code work} inside {@code operation} and closes it: a normal return is {@link
     * #success()}, an exception escaping the work is {@link #fail(Throwable)} (unless the work
     * reported a failure already; the first stands) and is rethrown unchanged.
     *
     * @param operation a just-started operation
     * @param work the work
     * @param <O> the operation type
     * @param <T> what the work returns
     * @param <E> the checked exception the work may throw
     * @return what the work returned
     * @throws E when the work throws it
     */
    public static <O extends Operation, T, E extends Throwable> T run(O operation,
            OperationWork<? super O, T, E> work) throws E {
        try (operation) {
            try {
                return operation.success(work.run(operation));
            } catch (Throwable t) {
                operation.fail(t);
                throw t;
            }
        }
    }

    /** Marks the operation as successful; a failure reported before is final (see <a href="#outcome">the outcome rule</a>). */
    public final void success() {
        if (closed == 0) {
            succeeded = true;
        }
    }

    /**
     * Marks the operation as successful and returns its result, for {@code return
     * op.success(result);}.
     *
     * @param result the operation's result
     * @param <T> the result type
     * @return {@code result}
     */
    public final <T> T success(T result) {
        success();
        return result;
    }

    /**
     * Reports that the operation failed, with the error type the operation's classification
     * gives the exception. Only the first failure counts.
     *
     * @param error the failure; {@code null} is a failure of type {@value #UNKNOWN_ERROR_TYPE}
     */
    public final void fail(Throwable error) {
        fail(error, null);
    }

    /**
     * Reports that the operation failed, with the application's own error type. Only the first
     * failure counts; the type is recorded on every signal as <a href="#outcome">the outcome
     * rule</a> says.
     *
     * @param error the failure, possibly {@code null}
     * @param errorType a low-cardinality error type; {@code null} or blank classifies {@code
     *     error} instead
     */
    public final void fail(Throwable error, String errorType) {
        if (closed != 0 || end != null) {
            return;
        }
        try {
            Failure failure = new Failure(type.errorType(error, errorType), error);
            if (END.compareAndSet(this, null, failure) && error != null) {
                span.recordException(error);
            }
        } catch (RuntimeException e) {
            OnceLogger.warn("operation.fail:" + type.name(), "Could not record the failure of " + type.name(), e);
        }
    }

    /**
     * Returns the operation's span, to add the application's own attributes and events.
     *
     * @return the span; do not end it, close this operation instead
     */
    public final Span span() {
        return span;
    }

    /**
     * Tells whether the operation has been closed.
     *
     * @return {@code true} once {@link #close()} has run
     */
    public final boolean isClosed() {
        return closed != 0;
    }

    /**
     * Ends the operation, once: records its end ({@link #onEnd}), writes its log event, ends the
     * span and restores the context that was current before it started. Without {@link
     * #success()} or {@code fail(..)} before, the operation is a failure (see <a
     * href="#outcome">the outcome rule</a>).
     */
    @Override
    public final void close() {
        if (!CLOSED.compareAndSet(this, 0, 1)) {
            return;
        }
        long nanos = System.nanoTime() - startNanos;
        Object ended = end;
        if (ended == null) {
            Object resolved = succeeded ? SUCCEEDED : NO_OUTCOME;
            ended = END.compareAndSet(this, null, resolved) ? resolved : end;
        }
        Failure failure = ended instanceof Failure ? (Failure) ended : null;
        Outcome outcome = failure == null ? Outcome.SUCCESS : Outcome.ERROR;
        String errorType = failure == null ? null : failure.errorType;
        try {
            if (failure == NO_OUTCOME) {
                type.warnClosedWithoutOutcome();
            }
            onEnd(outcome, errorType, nanos);
        } catch (RuntimeException e) {
            OnceLogger.warn("operation.end:" + type.name(), "Could not record the end of " + type.name(), e);
        }
        try {
            if (failure != null) {
                span.setAttribute(SpanAttributeKeys.ERROR_TYPE, errorType);
                if (failure == NO_OUTCOME) {
                    span.setStatus(StatusCode.ERROR, ENDED_WITHOUT_OUTCOME);
                } else {
                    span.setStatus(StatusCode.ERROR);
                }
            }
            writeEvent(outcome, errorType, failure, nanos);
            span.end();
        } catch (RuntimeException e) {
            OnceLogger.warn("operation.span:" + type.name(), "Could not end the span of " + type.name(), e);
        } finally {
            detach();
        }
    }

    /**
     * Records the end of the operation in the module's metrics and adds its last span attributes.
     * Called once, from {@link #close()}, before the log event is written and the span ends.
     * Exceptions are caught and logged once.
     *
     * @param outcome how the operation ended
     * @param errorType the error type on failure (as every signal records it), {@code null} on
     *     success
     * @param durationNanos the time from the start to the close, in nanoseconds
     */
    protected abstract void onEnd(Outcome outcome, String errorType, long durationNanos);

    /**
     * Adds the domain fields of the operation's log event, such as {@code document_id}. Called
     * only when the event will be written; the base adds {@value LogFields#STATUS}, {@value
     * LogFields#DURATION_MS} and, on failure, {@value LogFields#ERROR_TYPE} and the exception
     * after these. Default: no fields.
     *
     * @param event the event being built
     */
    protected void logFields(LogEvent event) {
    }

    /**
     * Returns the context child operations start in: this operation's span as parent, whether or
     * not it is current (when tracing is off, the context current at the start).
     *
     * @return the context
     */
    protected final Context childContext() {
        return childContext;
    }

    /**
     * Returns the kind of this operation.
     *
     * @return the type given to the constructor
     */
    protected final OperationType type() {
        return type;
    }

    private void writeEvent(Outcome outcome, String errorType, Failure failure, long nanos) {
        StructuredLogger events = type.events();
        if (events == null) {
            return;
        }
        Level level = outcome == Outcome.SUCCESS ? Level.INFO : Level.WARN;
        if (!events.logger().isEnabledForLevel(level)) {
            return;
        }
        LogEvent event = events.event(type.eventType());
        logFields(event);
        event.field(LogFields.STATUS, outcome.tagValue())
                .duration(Duration.ofNanos(nanos))
                .field(LogFields.ERROR_TYPE, errorType)
                .level(level)
                .cause(failure != null ? failure.error : null);
        if (Span.current() != span && span.getSpanContext().isValid()) {
            // Detached, or closed after an operation started inside it: the event still carries
            // this operation's trace and span id.
            try (Scope ignored = span.makeCurrent()) {
                event.log();
            }
        } else {
            event.log();
        }
    }

    private void detach() {
        if (scope == null) {
            return;
        }
        try {
            Context attached = childContext;
            if (Context.current() != attached) {
                // An operation started inside this one is still current: it detaches this one
                // when it closes, so the thread ends up in the context it had before either.
                detachPending = true;
                return;
            }
            scope.close();
            Operation below = Context.current().get(CURRENT_OPERATION);
            while (below != null && below.detachPending && Context.current() == below.childContext) {
                below.detachPending = false;
                below.scope.close();
                below = Context.current().get(CURRENT_OPERATION);
            }
        } catch (RuntimeException e) {
            OnceLogger.warn("operation.detach:" + type.name(), "Could not restore the previous context", e);
        }
    }

    private static final class Failure {

        final String errorType;
        final Throwable error;

        Failure(String errorType, Throwable error) {
            this.errorType = errorType;
            this.error = error;
        }
    }
}
