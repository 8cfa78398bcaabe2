package io.github.obskit.core.tracing;

import io.opentelemetry.context.Context;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Carries the current OpenTelemetry context (and so the current span) into work that runs on
 * another thread, so that spans started there are children of the span that submitted the work.
 *
 * <p>The task wrappers capture the context when they are called; the executor wrappers capture
 * it each time a task is submitted. These are thin wrappers over the OpenTelemetry context API
 * ({@link Context#wrap(Runnable)}, {@link Context#taskWrapping(Executor)}) that need no
 * {@code OpenTelemetry} instance and do nothing visible when tracing is off. A {@code null}
 * argument is returned as is, so the executor reports it as it would without wrapping.
 */
public final class ContextPropagation {

    private ContextPropagation() {
    }

    /**
     * Wraps a task so that it runs in the context current now.
     *
     * @param task the task
     * @return the wrapped task, or {@code null} when {@code task} is {@code null}
     */
    public static Runnable wrap(Runnable task) {
        return task == null ? null : Context.current().wrap(task);
    }

    /**
     * Wraps a task so that it runs in the context current now.
     *
     * @param task the task
     * @param <T> the result type
     * @return the wrapped task, or {@code null} when {@code task} is {@code null}
     */
    public static <T> Callable<T> wrap(Callable<T> task) {
        return task == null ? null : Context.current().wrap(task);
    }

    /**
     * Wraps an executor so that every task runs in the context current when it was submitted.
     *
     * @param executor the executor
     * @return the wrapping executor, or {@code null} when {@code executor} is {@code null}
     */
    public static Executor wrap(Executor executor) {
        return executor == null ? null : Context.taskWrapping(executor);
    }

    /**
     * Wraps an executor service so that every task runs in the context current when it was
     * submitted. Shutting down the wrapper shuts down {@code executor}.
     *
     * @param executor the executor service
     * @return the wrapping executor service, or {@code null} when {@code executor} is {@code null}
     */
    public static ExecutorService wrap(ExecutorService executor) {
        return executor == null ? null : Context.taskWrapping(executor);
    }

    /**
     * Wraps a scheduled executor service so that every task, scheduled or not, runs in the
     * context current when it was submitted.
     *
     * @param executor the scheduled executor service
     * @return the wrapping executor service, or {@code null} when {@code executor} is {@code null}
     */
    public static ScheduledExecutorService wrap(ScheduledExecutorService executor) {
        return executor == null ? null : Context.taskWrapping(executor);
    }
}
