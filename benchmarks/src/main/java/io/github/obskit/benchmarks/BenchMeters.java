package io.github.obskit.benchmarks;

import io.github.obskit.core.metrics.CatalogMeter;
import io.github.obskit.core.metrics.MeterDefinition;
import io.github.obskit.core.metrics.TagKey;
import io.github.obskit.core.metrics.TagPolicy;

/** A small catalog shaped like the domain modules' catalogs, for the MeterFamily benchmarks. */
enum BenchMeters implements CatalogMeter {

    /** Two closed-set keys. */
    REQUESTS(MeterDefinition.counter("bench.requests")
            .description("Total number of benchmark requests")
            .tags(Keys.METHOD, Keys.STATUS)
            .build()),

    /** One bounded key with room for every value the benchmark uses. */
    READS(MeterDefinition.counter("bench.reads")
            .description("Total number of benchmark reads")
            .tags(Keys.USER_ID)
            .build()),

    /** One bounded key that is full: every value the benchmark uses overflows into other. */
    OVERFLOWING(MeterDefinition.counter("bench.overflowing")
            .description("Total number of benchmark reads past the bound")
            .tags(Keys.USER_ID_BOUND_2)
            .build());

    private final MeterDefinition definition;

    BenchMeters(MeterDefinition definition) {
        this.definition = definition;
    }

    @Override
    public MeterDefinition definition() {
        return definition;
    }

    static final class Keys {
        static final TagKey METHOD = TagKey.of("method", TagPolicy.allow("GET", "POST", "PUT", "DELETE"),
                "HTTP method");
        static final TagKey STATUS = TagKey.of("status", TagPolicy.allow("success", "error"), "Outcome");
        static final TagKey USER_ID = TagKey.of("user_id", TagPolicy.bounded(100), "The user");
        static final TagKey USER_ID_BOUND_2 = TagKey.of("user_id", TagPolicy.bounded(2), "The user");

        private Keys() {
        }
    }
}
