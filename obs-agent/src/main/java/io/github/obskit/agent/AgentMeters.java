package io.github.obskit.agent;

import io.github.obskit.core.metrics.Buckets;
import io.github.obskit.core.metrics.CatalogMeter;
import io.github.obskit.core.metrics.MeterDefinition;

/**
 * The agent-API metrics. Scraped by Prometheus they carry the names and labels of the agent API's
 * dashboards: {@code chat_requests_total}, {@code chat_response_duration_seconds}, {@code
 * workflow_executions_total}, {@code workflow_duration_seconds}, {@code llm_requests_total},
 * {@code llm_request_duration_seconds}, {@code active_sessions}, {@code session_duration_seconds},
 * plus obskit's {@code gen_ai_client_cost_total}. The LLM calls also record the OpenTelemetry
 * GenAI metrics of the shared catalog {@link io.github.obskit.core.genai.GenAiMeters}, through
 * obs-core's {@link io.github.obskit.core.genai.GenAiMetrics}.
 */
public enum AgentMeters implements CatalogMeter {

    /** Total number of chat requests. */
    CHAT_REQUESTS(MeterDefinition.counter("chat.requests")
            .description("Total number of chat requests")
            .tags(AgentTagKeys.USER_ID, AgentTagKeys.LANGUAGE, AgentTagKeys.STATUS)
            .build()),

    /**
     * Chat response duration in seconds, per workflow stage ({@code workflow_stage="total"} for
     * the whole response).
     */
    CHAT_RESPONSE_DURATION(MeterDefinition.timer("chat.response.duration")
            .description("Chat response duration in seconds")
            .tags(AgentTagKeys.WORKFLOW_STAGE)
            .buckets(Buckets.GEN_AI_SECONDS)
            .build()),

    /** Total number of workflow executions. */
    WORKFLOW_EXECUTIONS(MeterDefinition.counter("workflow.executions")
            .description("Total number of workflow executions")
            .tags(AgentTagKeys.WORKFLOW_TYPE, AgentTagKeys.STATUS)
            .build()),

    /**
     * Workflow execution duration in seconds, per workflow type and stage ({@code stage="total"}
     * for the whole workflow).
     */
    WORKFLOW_DURATION(MeterDefinition.timer("workflow.duration")
            .description("Workflow execution duration in seconds")
            .tags(AgentTagKeys.WORKFLOW_TYPE, AgentTagKeys.STAGE)
            .buckets(Buckets.GEN_AI_SECONDS)
            .build()),

    /** Total number of LLM requests. */
    LLM_REQUESTS(MeterDefinition.counter("llm.requests")
            .description("Total number of LLM requests")
            .tags(AgentTagKeys.PROVIDER, AgentTagKeys.MODEL, AgentTagKeys.STATUS)
            .build()),

    /** LLM request duration in seconds. */
    LLM_REQUEST_DURATION(MeterDefinition.timer("llm.request.duration")
            .description("LLM request duration in seconds")
            .tags(AgentTagKeys.PROVIDER, AgentTagKeys.MODEL)
            .buckets(Buckets.GEN_AI_SECONDS)
            .build()),

    /** Number of active user sessions: started and neither ended nor expired. */
    ACTIVE_SESSIONS(MeterDefinition.gauge("active.sessions")
            .description("Number of active user sessions")
            .build()),

    /** User session duration in seconds, recorded once per session, when it ends or expires. */
    SESSION_DURATION(MeterDefinition.timer("session.duration")
            .description("User session duration in seconds")
            .buckets(AgentBuckets.SESSION_SECONDS)
            .build()),

    /**
     * Cost of LLM calls from their token usage and the application's {@link PriceTable}, in the
     * {@code currency} label's unit (scraped as {@code gen_ai_client_cost_total}). Not an
     * OpenTelemetry convention (the conventions define no cost): named beside {@code
     * gen_ai.client.token.usage}, which it is computed from, with the {@code provider} and {@code
     * model} labels of {@code llm_requests_total} so the two join. A model missing from the table
     * records no cost, not zero.
     */
    LLM_COST(MeterDefinition.counter("gen_ai.client.cost")
            .description("Cost of LLM calls from their token usage and the price table, in the currency label's unit")
            .tags(AgentTagKeys.PROVIDER, AgentTagKeys.MODEL, AgentTagKeys.CURRENCY)
            .build());

    private final MeterDefinition definition;

    AgentMeters(MeterDefinition definition) {
        this.definition = definition;
    }

    @Override
    public MeterDefinition definition() {
        return definition;
    }
}
