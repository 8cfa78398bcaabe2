package io.github.obskit.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContextPropagationTest {

    private final InMemoryTracing otel = new InMemoryTracing();
    private final Tracing tracing = otel.tracing;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        scheduler.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        otel.close();
    }

    @Test
    void wrappedExecutorServiceRunsTasksInTheSubmittersContext() throws Exception {
        ExecutorService wrapped = ContextPropagation.wrap(pool);
        SpanContext parent;
        SpanContext seenByTask;
        try (SpanScope request = tracing.start("rag_query")) {
            parent = request.spanContext();
            seenByTask = wrapped.submit(() -> {
                try (SpanScope retrieval = tracing.start("chunk_retrieval")) {
                    retrieval.success();
                }
                return Span.current().getSpanContext();
            }).get(10, TimeUnit.SECONDS);
            request.success();
        }
        assertThat(seenByTask).isEqualTo(parent);
        SpanData child = otel.span("chunk_retrieval");
        assertThat(child.getParentSpanId()).isEqualTo(parent.getSpanId());
        assertThat(child.getTraceId()).isEqualTo(parent.getTraceId());
    }

    @Test
    void withoutWrappingTheContextIsLost() throws Exception {
        // Control: the pool thread does not see the caller's span unless wrapped.
        SpanContext seenByTask;
        try (SpanScope request = tracing.start("rag_query")) {
            seenByTask = pool.submit(() -> Span.current().getSpanContext()).get(10, TimeUnit.SECONDS);
            request.success();
        }
        assertThat(seenByTask.isValid()).isFalse();
    }

    @Test
    void wrappedExecutorRunnableAndCallable() throws Exception {
        Executor executor = ContextPropagation.wrap((Executor) pool);
        SpanContext parent;
        CompletableFuture<SpanContext> viaExecutor = new CompletableFuture<>();
        CompletableFuture<SpanContext> viaRunnable = new CompletableFuture<>();
        Callable<SpanContext> callable;
        try (SpanScope request = tracing.start("chat")) {
            parent = request.spanContext();
            executor.execute(() -> viaExecutor.complete(Span.current().getSpanContext()));
            Runnable runnable = ContextPropagation.wrap(() -> {
                viaRunnable.complete(Span.current().getSpanContext());
            });
            pool.execute(runnable);
            callable = ContextPropagation.wrap(() -> Span.current().getSpanContext());
            request.success();
        }
        assertThat(viaExecutor.get(10, TimeUnit.SECONDS)).isEqualTo(parent);
        assertThat(viaRunnable.get(10, TimeUnit.SECONDS)).isEqualTo(parent);
        // The callable captured the context when it was wrapped, not when it runs.
        assertThat(pool.submit(callable).get(10, TimeUnit.SECONDS)).isEqualTo(parent);
    }

    @Test
    void wrappedScheduledExecutorServicePropagatesToScheduledTasks() throws Exception {
        ScheduledExecutorService wrapped = ContextPropagation.wrap(scheduler);
        SpanContext parent;
        SpanContext seen;
        try (SpanScope request = tracing.start("session_cleanup")) {
            parent = request.spanContext();
            seen = wrapped.schedule(() -> Span.current().getSpanContext(), 1, TimeUnit.MILLISECONDS)
                    .get(10, TimeUnit.SECONDS);
            request.success();
        }
        assertThat(seen).isEqualTo(parent);
    }

    @Test
    void nullsPassThrough() {
        assertThat(ContextPropagation.wrap((Runnable) null)).isNull();
        assertThat(ContextPropagation.wrap((Callable<?>) null)).isNull();
        assertThat(ContextPropagation.wrap((Executor) null)).isNull();
        assertThat(ContextPropagation.wrap((ExecutorService) null)).isNull();
        assertThat(ContextPropagation.wrap((ScheduledExecutorService) null)).isNull();
    }
}
