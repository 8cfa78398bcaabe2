package io.github.obskit.core.metrics;

import java.util.function.Function;

/** The metrics obskit records about itself. */
public enum CoreMeters implements CatalogMeter {

    /**
     * Recordings that went to a fallback series, by metric and tag key: because a bounded tag key
     * had reached its limit ({@code key} is that key), or because the metric had reached its
     * series cap ({@code key} is {@value TagPolicy#SERIES_CAP_KEY}). Registered at zero for every
     * metric with a bounded key, so an alert on its increase works from the first overflow. See
     * {@linkplain TagPolicy the cardinality rule}.
     */
    CARDINALITY_OVERFLOW(MeterDefinition.counter("obskit.cardinality.overflow")
            .description("Recordings that went to a fallback series because a bounded tag key "
                    + "reached its limit of distinct values (key = that tag key) or the metric "
                    + "reached its series cap (key = _series)")
            .tags(TagKey.of("metric", TagPolicy.map(Function.identity()),
                            "The Micrometer name of the metric whose tag overflowed"),
                    TagKey.of("key", TagPolicy.map(Function.identity()),
                            "The tag key that reached its limit, or _series for the series cap"))
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
