/**
 * The OpenTelemetry GenAI client metrics ({@code gen_ai.client.operation.duration}, {@code
 * gen_ai.client.token.usage}) as an obskit catalog, with their tag keys and well-known values.
 */
package io.github.obskit.core.genai;
