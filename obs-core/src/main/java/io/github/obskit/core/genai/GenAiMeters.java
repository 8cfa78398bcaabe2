package io.github.obskit.core.genai;

import io.github.obskit.core.metrics.Buckets;
import io.github.obskit.core.metrics.CatalogMeter;
import io.github.obskit.core.metrics.MeterDefinition;
import io.github.obskit.core.metrics.StandardTagKeys;

/**
 * The OpenTelemetry GenAI client metrics, with the conventions' exact names, units and bucket
 * boundaries (semantic conventions 1.41, {@code docs/gen-ai/gen-ai-metrics.md}); recorded by
 * {@link GenAiMetrics}. Shared by every obskit module that calls a model (embeddings in obs-rag, chat in
 * obs-agent), so the metric has one set of tag keys wherever it is recorded.
 */
public enum GenAiMeters implements CatalogMeter {

    /**
     * GenAI operation duration, as OpenTelemetry's {@code gen_ai.client.operation.duration}
     * (seconds; scraped as {@code gen_ai_client_operation_duration_seconds}).
     */
    CLIENT_OPERATION_DURATION(MeterDefinition.timer("gen_ai.client.operation.duration")
            .description("GenAI operation duration")
            .tags(GenAiTagKeys.OPERATION_NAME, GenAiTagKeys.PROVIDER_NAME,
                    GenAiTagKeys.REQUEST_MODEL, StandardTagKeys.ERROR_TYPE)
            .buckets(Buckets.GEN_AI_SECONDS)
            .build()),

    /**
     * Number of input and output tokens used, as OpenTelemetry's {@code
     * gen_ai.client.token.usage} (unit {@code {token}}, an annotation, so scraped as {@code
     * gen_ai_client_token_usage}).
     */
    CLIENT_TOKEN_USAGE(MeterDefinition.distributionSummary("gen_ai.client.token.usage")
            .description("Number of input and output tokens used")
            .baseUnit("{token}")
            .tags(GenAiTagKeys.OPERATION_NAME, GenAiTagKeys.PROVIDER_NAME,
                    GenAiTagKeys.REQUEST_MODEL, GenAiTagKeys.TOKEN_TYPE)
            .buckets(Buckets.GEN_AI_TOKENS)
            .build()),

    /**
     * Time to receive the first chunk of a streamed response, from the request, as
     * OpenTelemetry's {@code gen_ai.client.operation.time_to_first_chunk} (seconds; scraped as
     * {@code gen_ai_client_operation_time_to_first_chunk_seconds}). Streaming calls only.
     */
    CLIENT_OPERATION_TIME_TO_FIRST_CHUNK(MeterDefinition.timer("gen_ai.client.operation.time_to_first_chunk")
            .description("Time to receive the first chunk of a streamed response, from the request")
            .tags(GenAiTagKeys.OPERATION_NAME, GenAiTagKeys.PROVIDER_NAME, GenAiTagKeys.REQUEST_MODEL)
            .buckets(Buckets.GEN_AI_SECONDS)
            .build()),

    /**
     * Time per output chunk after the first, from the end of the previous chunk, as
     * OpenTelemetry's {@code gen_ai.client.operation.time_per_output_chunk} (seconds; scraped as
     * {@code gen_ai_client_operation_time_per_output_chunk_seconds}). Streaming calls only.
     */
    CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK(MeterDefinition.timer("gen_ai.client.operation.time_per_output_chunk")
            .description("Time per output chunk after the first, from the end of the previous chunk")
            .tags(GenAiTagKeys.OPERATION_NAME, GenAiTagKeys.PROVIDER_NAME, GenAiTagKeys.REQUEST_MODEL)
            .buckets(Buckets.GEN_AI_SECONDS)
            .build());

    private final MeterDefinition definition;

    GenAiMeters(MeterDefinition definition) {
        this.definition = definition;
    }

    @Override
    public MeterDefinition definition() {
        return definition;
    }
}
