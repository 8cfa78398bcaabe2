package io.github.obskit.core.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;

/**
 * Collects what a span needs before it starts (kind, attributes visible to the sampler, parent,
 * links), then starts it with {@link #start()}. Obtained from {@link Tracing#span(String)}.
 *
 * <p>Defaults: kind {@link SpanKind#INTERNAL}, parent = the current context, no links. A
 * starter is meant to be used once, on one thread; {@code null} arguments are ignored.
 */
public final class SpanStarter {

    private final SpanBuilder builder;

    SpanStarter(Tracer tracer, String name) {
        this.builder = tracer.spanBuilder(name == null || name.isBlank() ? "unknown" : name);
    }

    /**
     * Sets the span kind.
     *
     * @param kind the kind; {@code null} keeps the current one
     * @return this starter
     */
    public SpanStarter kind(SpanKind kind) {
        if (kind != null) {
            builder.setSpanKind(kind);
        }
        return this;
    }

    /**
     * Sets an attribute before the span starts, so that samplers can see it.
     *
     * @param key the key, usually one of {@link SpanAttributeKeys}
     * @param value the value; {@code null} is ignored
     * @param <T> the attribute type
     * @return this starter
     */
    public <T> SpanStarter attribute(AttributeKey<T> key, T value) {
        if (key != null && value != null) {
            builder.setAttribute(key, value);
        }
        return this;
    }

    /**
     * Sets a long attribute from an {@code int} or {@code long} without boxing at the call site.
     *
     * @param key the key
     * @param value the value
     * @return this starter
     */
    public SpanStarter attribute(AttributeKey<Long> key, long value) {
        if (key != null) {
            builder.setAttribute(key, value);
        }
        return this;
    }

    /**
     * Makes the span a child of the span in {@code parent} instead of the current context.
     *
     * @param parent the parent context; {@code null} is ignored
     * @return this starter
     */
    public SpanStarter parent(Context parent) {
        if (parent != null) {
            builder.setParent(parent);
        }
        return this;
    }

    /**
     * Makes the span the root of a new trace, whatever the current context holds.
     *
     * @return this starter
     */
    public SpanStarter noParent() {
        builder.setNoParent();
        return this;
    }

    /**
     * Adds a link to another span, for causal relations that are not parent and child.
     *
     * @param linked the linked span's context; invalid or {@code null} contexts are ignored
     * @return this starter
     */
    public SpanStarter link(SpanContext linked) {
        if (linked != null && linked.isValid()) {
            builder.addLink(linked);
        }
        return this;
    }

    /**
     * Adds a link to the context stored in a map by {@link JobTraceContext#capture()}.
     *
     * @param storedContext the stored map; {@code null}, empty or malformed maps add no link
     * @return this starter
     */
    public SpanStarter linkTo(Map<String, String> storedContext) {
        return link(JobTraceContext.restore(storedContext));
    }

    /**
     * Starts the span and makes it current on the calling thread (when tracing is on).
     *
     * @return the handle; close it on the same thread (try-with-resources) to end the span
     */
    public SpanScope start() {
        return new SpanScope(this, true);
    }

    /**
     * Starts the span without making it current, for operations that end on another thread
     * (a streamed completion, a callback). The handle may be closed on any thread; to make the
     * span the parent of work done meanwhile, pass {@code Context.current().with(handle.span())}
     * to {@link #parent(Context)} or wrap that work with {@link Context#wrap(Runnable)}.
     *
     * @return the handle; close it to end the span
     */
    public SpanScope startDetached() {
        return new SpanScope(this, false);
    }

    /**
     * Starts the span and returns it, neither current nor wrapped in a handle: the caller ends
     * it. For handle implementations such as {@link io.github.obskit.core.operation.Operation};
     * application code wants {@link #start()}.
     *
     * @return the started span
     */
    public Span startSpan() {
        return builder.startSpan();
    }
}
