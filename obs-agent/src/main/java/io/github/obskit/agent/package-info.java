/**
 * Agent-API observability: the {@link io.github.obskit.agent.AgentMeters} catalog, the {@link
 * io.github.obskit.agent.AgentMetrics} typed recorder and the {@link
 * io.github.obskit.agent.AgentTelemetry} facade that records the metrics, the GenAI
 * semantic-convention spans and the {@code chat_message} log event of each chat turn, the
 * workflows, tools and LLM calls inside it, and the chat sessions.
 */
package io.github.obskit.agent;
