/**
 * GenAI client calls (chat, embeddings) as OpenTelemetry's GenAI semantic conventions describe
 * them: the {@link io.github.obskit.core.genai.GenAiMeters} catalog ({@code
 * gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage}, and for streaming {@code
 * gen_ai.client.operation.time_to_first_chunk} and {@code time_per_output_chunk}), its recorder
 * {@link io.github.obskit.core.genai.GenAiMetrics}, the call handle {@link
 * io.github.obskit.core.genai.GenAiOperation} that modules extend, and the facade {@link
 * io.github.obskit.core.genai.GenAiTelemetry} for plain calls.
 */
package io.github.obskit.core.genai;
