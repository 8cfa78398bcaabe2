package io.github.obskit.core.metrics;

import java.util.function.Function;

/** The metrics obskit records about itself. */
public enum CoreMeters implements CatalogMeter {

    /**
     * Recordings that went to the {@code other} series because a bounded tag key had reached its
     * limit, by metric and tag key. Registered at zero for every bounded key, so an alert on its
     * increase works from the first overflow.
     */
    CARDINALITY_OVERFLOW(MeterDefinition.counter("obskit.cardinality.overflow")
            .description("Recordings that went to the 'other' series because a bounded tag key "
                    + "had reached its limit of distinct values")
            .tags(TagKey.of("metric", TagPolicy.map(Function.identity()),
                            "The Micrometer name of the metric whose tag overflowed"),
                    TagKey.of("key", TagPolicy.map(Function.identity()),
                            "The tag key that reached its limit"))
            .build());

    private final MeterDefinition definition;

    CoreMeters(MeterDefinition definition) {
        this.definition = definition;
    }

    @Override
    public MeterDefinition definition() {
        return definition;
    }
}
