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

    /** Distribution of sample scores. */
    SCORES(MeterDefinition.distributionSummary("sample.scores")
            .description("Distribution of sample scores")
            .tags(SampleTags.USER_ID)
            .buckets(Buckets.UNIT_INTERVAL)
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

        private SampleTags() {
        }
    }
}
