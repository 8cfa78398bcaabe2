package io.github.obskit.core.metrics;

/** A small catalog shaped like the domain modules' catalogs, used by the tests. */
enum SampleMeters implements CatalogMeter {

    /** Total number of sample requests. */
    REQUESTS(MeterDefinition.counter("sample.requests")
            .description("Total number of sample requests")
            .tags(SampleTags.METHOD, SampleTags.STATUS, SampleTags.USER_ID)
            .build()),

    /** Sample request duration in seconds. */
    REQUEST_DURATION(MeterDefinition.timer("sample.request.duration")
            .description("Sample request duration in seconds")
            .tags(SampleTags.METHOD)
            .buckets(Buckets.HTTP_SECONDS)
            .build()),

    /** Distribution of sample scores, in percent (0-100); recorded as 0..1 scores. */
    SCORES(MeterDefinition.distributionSummary("sample.scores")
            .description("Distribution of sample scores, in percent (0-100)")
            .baseUnit("{percent}")
            .tags(SampleTags.USER_ID)
            .scale(100)
            .buckets(Buckets.PERCENT)
            .build()),

    /** Sample reads by user and document: two bounded keys. */
    READS(MeterDefinition.counter("sample.reads")
            .description("Total number of sample reads")
            .tags(SampleTags.USER_ID, SampleTags.DOCUMENT_ID)
            .build()),

    /** Sample operations by outcome and error type. */
    OPERATIONS(MeterDefinition.counter("sample.operations")
            .description("Total number of sample operations")
            .tags(SampleTags.STATUS, StandardTagKeys.ERROR_TYPE, SampleTags.USER_ID)
            .maxSeries(10)
            .build()),

    /** Sample pipeline stages: a registered set. */
    STAGES(MeterDefinition.counter("sample.stages")
            .description("Total number of sample stages run")
            .tags(SampleTags.STAGE)
            .build()),

    /** A counter the tests' refusing registry refuses for some users. */
    REFUSED(MeterDefinition.counter("sample.refused")
            .description("Total number of sample refusals")
            .tags(SampleTags.USER_ID)
            .build()),

    /** Sample user satisfaction score (1-5), a settable gauge per user. */
    SATISFACTION(MeterDefinition.gauge("sample.satisfaction")
            .description("Latest sample satisfaction score per user")
            .tags(SampleTags.USER_ID)
            .build()),

    /** Active sample sessions, a counted gauge. */
    ACTIVE_SESSIONS(MeterDefinition.gauge("sample.active.sessions")
            .description("Number of active sample sessions")
            .build()),

    /** Current size of the sample queue. */
    QUEUE_SIZE(MeterDefinition.gauge("sample.queue.size")
            .description("Current size of the sample queue")
            .build()),

    /** Sample storage size in bytes. */
    STORAGE_SIZE(MeterDefinition.gauge("sample.storage.size")
            .description("Sample storage size in bytes")
            .baseUnit("bytes")
            .build()),

    /** Sample token usage. */
    TOKEN_USAGE(MeterDefinition.distributionSummary("sample.token.usage")
            .description("Sample token usage")
            .baseUnit("{token}")
            .buckets(Buckets.GEN_AI_TOKENS)
            .build());

    private final MeterDefinition definition;

    SampleMeters(MeterDefinition definition) {
        this.definition = definition;
    }

    @Override
    public MeterDefinition definition() {
        return definition;
    }

    /** The sample catalog's tag keys. */
    static final class SampleTags {
        static final TagKey METHOD = TagKey.of("method",
                TagPolicy.allow("GET", "POST", "PUT", "DELETE"), "HTTP method");
        static final TagKey STATUS = TagKey.of("status",
                TagPolicy.allow("success", "error"), "Outcome");
        static final TagKey USER_ID = TagKey.of("user_id",
                TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES), "The user");
        static final TagKey DOCUMENT_ID = TagKey.of("document_id",
                TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES), "The document");
        static final TagKey STAGE = TagKey.of("stage",
                TagPolicy.registered(java.util.List.of("parse", "chunk", "embed")), "The stage");

        private SampleTags() {
        }
    }
}
