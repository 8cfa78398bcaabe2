/**
 * RAG-service observability: the {@link io.github.obskit.rag.RagMeters} catalog, the {@link
 * io.github.obskit.rag.RagMetrics} typed recorder and the {@link io.github.obskit.rag.RagTelemetry}
 * facade that records the metrics, the GenAI semantic-convention spans and the {@code rag_query}
 * log event of each query.
 */
package io.github.obskit.rag;
