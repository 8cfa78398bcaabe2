/**
 * Structured log events on SLF4J 2's fluent API, and the logback configuration that writes them
 * as JSON.
 *
 * <p>{@link io.github.obskit.core.logging.StructuredLogger} writes each event as key-value pairs
 * ({@code logger.atInfo().addKeyValue(...)}), so any SLF4J 2 backend works; with logback and
 * logstash-logback-encoder each key becomes a JSON field. Every event carries {@code
 * event_type}, and {@code trace_id} and {@code span_id} of the current span when there is one.
 *
 * <p>obs-core ships the logback include {@code io/github/obskit/logback/json-appenders.xml}:
 * JSON to the console, to a size-rotated application file and to a size-rotated error file,
 * with secrets masked. See the project README for its properties.
 */
package io.github.obskit.core.logging;
