package io.github.obskit.core.metrics;

/**
 * Tag keys shared by several obskit catalogs, with the same name and policy wherever they
 * appear, so that one metric name always has one set of tag keys.
 */
public final class StandardTagKeys {

    /** How many distinct {@code error.type} values a metric keeps before recording {@code _OTHER}. */
    public static final int MAX_ERROR_TYPES = 32;

    /**
     * OpenTelemetry's {@code error.type}: the class of the failure (exception class name, HTTP
     * status, or a domain error code), set only when the operation failed. Successful operations
     * record the empty value, which Prometheus treats as no label, so the scraped series equal
     * OpenTelemetry's; the first {@value #MAX_ERROR_TYPES} distinct types keep their own series,
     * later ones are recorded as {@code _OTHER}.
     */
    public static final TagKey ERROR_TYPE = TagKey.of("error.type",
            TagPolicy.bounded(MAX_ERROR_TYPES).otherwise("_OTHER").absentAs(TagValues.ABSENT),
            "The class of error the operation ended with; empty when it succeeded");

    private StandardTagKeys() {
    }
}
