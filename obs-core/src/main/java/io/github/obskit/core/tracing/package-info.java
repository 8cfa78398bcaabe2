/**
 * Tracing helpers on the OpenTelemetry API.
 *
 * <p>Everything here works with the {@link io.opentelemetry.api.OpenTelemetry} instance the
 * application passes in; nothing looks up {@code GlobalOpenTelemetry}. With {@link
 * io.opentelemetry.api.OpenTelemetry#noop()} every helper works and records nothing.
 *
 * <ul>
 *   <li>{@link io.github.obskit.core.tracing.Tracing} starts spans as try-with-resources {@link
 *       io.github.obskit.core.tracing.SpanScope} handles that make the span current, end it
 *       exactly once and record failures;</li>
 *   <li>{@link io.github.obskit.core.tracing.ContextPropagation} carries the current context
 *       into executors;</li>
 *   <li>{@link io.github.obskit.core.tracing.JobTraceContext} stores the W3C trace context with
 *       a persistent job so that the worker's span can link to it later;</li>
 *   <li>{@link io.github.obskit.core.tracing.SpanAttributeKeys} holds the semantic-convention
 *       attribute keys obskit modules put on spans (domain keys live in their modules);</li>
 *   <li>{@link io.github.obskit.core.tracing.ContentCapture} decides whether prompt, query and
 *       completion text may be recorded at all, and how much of it.</li>
 * </ul>
 */
package io.github.obskit.core.tracing;
