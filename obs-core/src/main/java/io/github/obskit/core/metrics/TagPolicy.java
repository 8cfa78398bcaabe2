package io.github.obskit.core.metrics;

import io.github.obskit.core.internal.AllowListResolver;
import io.github.obskit.core.internal.BoundedResolver;
import io.github.obskit.core.internal.MappingResolver;
import io.github.obskit.core.internal.OverflowReporter;
import io.github.obskit.core.internal.TagResolver;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How the values of one tag key turn into series. Immutable; fixed when a metric set is built,
 * so every series of a metric keeps the same tag keys (Prometheus requires it).
 *
 * <ul>
 *   <li>{@link #allow(String...)}: a closed set; anything else becomes {@link TagValues#OTHER}.</li>
 *   <li>{@link #bounded(int)}: the first {@code max} distinct values keep their own series;
 *       later ones are recorded in the {@code other} series, so totals stay exact. The first
 *       overflow logs one warning and every overflow is counted in {@code
 *       obskit.cardinality.overflow}.</li>
 *   <li>{@link #drop()}: the key is removed from the metric altogether.</li>
 *   <li>{@link #map(Function)}: a user-supplied mapping, for example user id to plan tier.</li>
 * </ul>
 *
 * <p>Whatever the policy, a {@code null}, empty or blank value is recorded as {@link
 * TagValues#UNKNOWN} (or the value set with {@link #absentAs(String)}) and every value is
 * sanitized as {@link TagValues#sanitize(String)} says.
 */
public final class TagPolicy {

    /** The default limit for open-ended keys such as {@code user_id} and {@code document_id}. */
    public static final int DEFAULT_MAX_DISTINCT_VALUES = 100;

    /** The kinds of policy. */
    public enum Kind {
        /** A closed set of values. */
        ALLOW,
        /** The first N distinct values, then {@code other}. */
        BOUNDED,
        /** The key is removed. */
        DROP,
        /** A user-supplied mapping. */
        MAP
    }

    private static final TagPolicy DROP =
            new TagPolicy(Kind.DROP, Map.of(), null, 0, null, TagValues.UNKNOWN);

    private final Kind kind;
    private final Map<String, String> allowed;
    private final String fallback;
    private final int maxDistinctValues;
    private final Function<? super String, String> mapping;
    private final String absentValue;

    private TagPolicy(Kind kind, Map<String, String> allowed, String fallback,
            int maxDistinctValues, Function<? super String, String> mapping, String absentValue) {
        this.kind = kind;
        this.allowed = allowed;
        this.fallback = fallback;
        this.maxDistinctValues = maxDistinctValues;
        this.mapping = mapping;
        this.absentValue = absentValue;
    }

    /**
     * A closed set of values; anything else is recorded as {@link TagValues#OTHER}.
     *
     * @param values the allowed values; each must already be a clean tag value
     * @return the policy
     * @throws IllegalArgumentException when a value is not clean or the set is empty
     */
    public static TagPolicy allow(String... values) {
        return allow(java.util.Arrays.asList(Objects.requireNonNull(values, "values")));
    }

    /**
     * A closed set of values; anything else is recorded as {@link TagValues#OTHER}.
     *
     * @param values the allowed values; each must already be a clean tag value
     * @return the policy
     * @throws IllegalArgumentException when a value is not clean or the set is empty
     */
    public static TagPolicy allow(Collection<String> values) {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an allow-list needs at least one value");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String v : values) {
            if (!TagValues.isClean(v)) {
                throw new IllegalArgumentException("not a clean tag value: '" + v + "'");
            }
            map.put(v, v);
        }
        return new TagPolicy(Kind.ALLOW, Collections.unmodifiableMap(map), TagValues.OTHER, 0,
                null, TagValues.UNKNOWN);
    }

    /**
     * The first {@code maxDistinctValues} distinct values keep their own series; later values are
     * recorded in the {@link TagValues#OTHER} series.
     *
     * @param maxDistinctValues at least 1
     * @return the policy
     */
    public static TagPolicy bounded(int maxDistinctValues) {
        if (maxDistinctValues < 1) {
            throw new IllegalArgumentException("maxDistinctValues must be at least 1");
        }
        return new TagPolicy(Kind.BOUNDED, Map.of(), TagValues.OTHER, maxDistinctValues, null,
                TagValues.UNKNOWN);
    }

    /**
     * Removes the key from the metric: the metric is recorded without it.
     *
     * @return the policy
     */
    public static TagPolicy drop() {
        return DROP;
    }

    /**
     * Records the value the mapping returns (sanitized). The mapping should have a small range,
     * such as user id to plan tier; it is called on every recording.
     *
     * @param mapping called with the raw value, possibly {@code null}; a {@code null} result is
     *     recorded as {@link TagValues#UNKNOWN}, an exception as {@link TagValues#OTHER}
     * @return the policy
     */
    public static TagPolicy map(Function<? super String, String> mapping) {
        return new TagPolicy(Kind.MAP, Map.of(), null, 0, Objects.requireNonNull(mapping, "mapping"),
                TagValues.UNKNOWN);
    }

    /**
     * Returns this policy with another value for anything outside an allow-list, or after a
     * bounded key's limit: for example {@code _OTHER}, as OpenTelemetry names it for HTTP methods
     * and {@code error.type}.
     *
     * @param fallbackValue a clean tag value
     * @return a new policy
     * @throws IllegalStateException when this is neither an allow-list nor a bounded policy
     */
    public TagPolicy otherwise(String fallbackValue) {
        if (kind != Kind.ALLOW && kind != Kind.BOUNDED) {
            throw new IllegalStateException("otherwise(...) applies to allow-list and bounded policies");
        }
        if (!TagValues.isClean(fallbackValue)) {
            throw new IllegalArgumentException("not a clean tag value: '" + fallbackValue + "'");
        }
        return new TagPolicy(kind, allowed, fallbackValue, maxDistinctValues, mapping, absentValue);
    }

    /**
     * Returns this policy with another value for a missing ({@code null}, empty or blank) tag
     * value than {@link TagValues#UNKNOWN}.
     *
     * <p>{@code absentAs(TagValues.ABSENT)} (the empty string) suits attributes that OpenTelemetry
     * sets only on failure, such as {@code error.type}: every series keeps the same tag keys, as
     * Micrometer requires, and Prometheus treats an empty label value exactly like a missing
     * label, so the scraped series equal OpenTelemetry's.
     *
     * @param value {@link TagValues#ABSENT} or a clean tag value
     * @return a new policy
     * @throws IllegalStateException for {@link #drop()}
     */
    public TagPolicy absentAs(String value) {
        if (kind == Kind.DROP) {
            throw new IllegalStateException("a dropped key has no values");
        }
        if (!TagValues.ABSENT.equals(value) && !TagValues.isClean(value)) {
            throw new IllegalArgumentException("not a clean tag value: '" + value + "'");
        }
        return new TagPolicy(kind, allowed, fallback, maxDistinctValues, mapping, value);
    }

    /**
     * Returns the kind of this policy.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the values of an allow-list policy.
     *
     * @return the allowed values in declaration order; empty for other kinds
     */
    public Set<String> allowedValues() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(allowed.keySet()));
    }

    /**
     * Returns the value recorded for anything outside an allow-list, or after a bounded key's
     * limit.
     *
     * @return the fallback value, {@code null} for {@link Kind#DROP} and {@link Kind#MAP}
     */
    public String fallbackValue() {
        return fallback;
    }

    /**
     * Returns the value recorded for a missing ({@code null}, empty or blank) tag value.
     *
     * @return {@link TagValues#UNKNOWN} unless set with {@link #absentAs(String)}
     */
    public String absentValue() {
        return absentValue;
    }

    /**
     * Returns the limit of a bounded policy.
     *
     * @return the limit, 0 for other kinds
     */
    public int maxDistinctValues() {
        return maxDistinctValues;
    }

    /**
     * Tells whether the key is removed from the metric.
     *
     * @return {@code true} for {@link #drop()}
     */
    public boolean isDropped() {
        return kind == Kind.DROP;
    }

    TagResolver newResolver(String metricName, String key, OverflowReporter overflow) {
        switch (kind) {
            case ALLOW:
                return new AllowListResolver(allowed, fallback, absentValue);
            case BOUNDED:
                return new BoundedResolver(maxDistinctValues, fallback, absentValue, overflow);
            case MAP:
                return new MappingResolver(mapping, absentValue,
                        "tag '" + key + "' of '" + metricName + "'");
            default:
                throw new IllegalStateException("a dropped key has no resolver");
        }
    }

    /**
     * Describes the policy for reference documentation, such as {@code bounded(100)}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        switch (kind) {
            case ALLOW:
                return "allow" + allowed.keySet() + (TagValues.OTHER.equals(fallback)
                        ? "" : " otherwise " + fallback);
            case BOUNDED:
                return "bounded(" + maxDistinctValues + ")" + (TagValues.OTHER.equals(fallback)
                        ? "" : " otherwise " + fallback);
            case MAP:
                return "map";
            default:
                return "drop";
        }
    }
}
