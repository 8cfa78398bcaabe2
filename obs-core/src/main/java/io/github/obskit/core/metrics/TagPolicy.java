package io.github.obskit.core.metrics;

import io.github.obskit.core.internal.AllowListResolver;
import io.github.obskit.core.internal.MappingResolver;
import io.github.obskit.core.internal.OverflowReporter;
import io.github.obskit.core.internal.RegistryCardinality;
import io.github.obskit.core.internal.TagResolver;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the values of one tag key turn into series. Immutable; fixed when a metric set is built,
 * so every series of a metric keeps the same tag keys (Prometheus requires it).
 *
 * <ul>
 *   <li>{@link #allow(String...)}: a closed set; anything else becomes {@link TagValues#OTHER}.</li>
 *   <li>{@link #registered(Collection)}: a closed set of built-in values that the application
 *       extends when it builds the metric set ({@link TagPolicies.Builder#register(String,
 *       String...)}); anything else becomes {@link TagValues#OTHER}.</li>
 *   <li>{@link #bounded(int)}: the first {@code max} distinct values keep their own series;
 *       later ones are recorded in the fallback ({@code other}) series.</li>
 *   <li>{@link #drop()}: the key is removed from the metric altogether.</li>
 *   <li>{@link #map(Function)}: a user-supplied mapping, for example user id to plan tier.</li>
 * </ul>
 *
 * <p>Whatever the policy, a {@code null}, empty or blank value is recorded as {@link
 * TagValues#UNKNOWN} (or the value set with {@link #absentAs(String)}) and every value is
 * sanitized as {@link TagValues#sanitize(String)} says.
 *
 * <h2 id="cardinality">The cardinality rule</h2>
 *
 * <p>This is the one statement of the rule; the rest of obskit links here.
 *
 * <ul>
 *   <li><b>Bounds are per registry, metric and key.</b> The admitted values of a bounded key
 *       belong to the {@code MeterRegistry}, not to a recorder: every metric set built on one
 *       registry shares them, so two recorders (or two modules) recording {@code rag.queries}
 *       with {@code bounded(100)} on {@code user_id} keep 100 users, not 200. When two metric
 *       sets declare different rules (limit, fallback or absent value) for the same registry,
 *       metric and key, <b>the first one built wins</b> and one warning names both.</li>
 *   <li><b>Each metric has a series cap</b>, {@link #DEFAULT_MAX_SERIES} unless the definition
 *       ({@link MeterDefinition.Builder#maxSeries(int)}) or the application ({@link
 *       TagPolicies.Builder#maxSeries(CatalogMeter, int)}) says otherwise, also per registry
 *       (first declaration wins). Two bounded keys of 100 could otherwise make 10,201 series.</li>
 *   <li><b>Fallback values.</b> A value past a bounded key's limit is recorded as the key's
 *       fallback ({@code other}, or {@link #otherwise(String)}). A tag combination past the
 *       metric's cap is recorded in the series where every open-ended key (bounded or mapped)
 *       takes its fallback value ({@code other} for a mapping) and every closed key (allow-list,
 *       registered) keeps its value; a key's absent value is kept too, so a success never reads
 *       as an error.</li>
 *   <li><b>Totals stay exact.</b> Nothing is dropped (unlike Micrometer's {@code
 *       MeterFilter.maximumAllowableTags} with a deny filter). Every recording that went to a
 *       fallback is counted in {@code obskit.cardinality.overflow{metric, key}}: {@code key} is
 *       the tag key for a bounded key's limit and {@value #SERIES_CAP_KEY} for the series cap.
 *       The counters are registered at zero for every metric with a bounded key, and the first
 *       overflow of each logs one warning on the {@code io.github.obskit.cardinality} logger.</li>
 * </ul>
 */
public final class TagPolicy {

    /** The default limit for open-ended keys such as {@code user_id} and {@code document_id}. */
    public static final int DEFAULT_MAX_DISTINCT_VALUES = 100;

    /**
     * The default series cap of one metric on one registry: room for one key bounded at {@value
     * #DEFAULT_MAX_DISTINCT_VALUES} (plus its fallback) times about ten combinations of closed
     * keys, which is what obskit's catalogs need, while an application with a few dozen metrics
     * stays within a few tens of thousands of series per process.
     */
    public static final int DEFAULT_MAX_SERIES = 1_000;

    /**
     * The {@code key} tag value of {@code obskit.cardinality.overflow} for recordings that went to
     * the overflow series because their metric reached its series cap. It cannot clash with a tag
     * key name, which starts with a letter.
     */
    public static final String SERIES_CAP_KEY = "_series";

    /** The kinds of policy. */
    public enum Kind {
        /** A closed set of values. */
        ALLOW,
        /** A closed set of built-in values the application may extend. */
        REGISTERED,
        /** The first N distinct values, then {@code other}. */
        BOUNDED,
        /** The key is removed. */
        DROP,
        /** A user-supplied mapping. */
        MAP
    }

    private static final TagPolicy DROP =
            new TagPolicy(Kind.DROP, Map.of(), null, 0, null, TagValues.UNKNOWN, false, false);

    private final Kind kind;
    private final Map<String, String> allowed;
    private final String fallback;
    private final int maxDistinctValues;
    private final Function<? super String, String> mapping;
    private final String absentValue;
    private final boolean fallbackExplicit;
    private final boolean absentExplicit;

    private TagPolicy(Kind kind, Map<String, String> allowed, String fallback,
            int maxDistinctValues, Function<? super String, String> mapping, String absentValue,
            boolean fallbackExplicit, boolean absentExplicit) {
        this.kind = kind;
        this.allowed = allowed;
        this.fallback = fallback;
        this.maxDistinctValues = maxDistinctValues;
        this.mapping = mapping;
        this.absentValue = absentValue;
        this.fallbackExplicit = fallbackExplicit;
        this.absentExplicit = absentExplicit;
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
        return closedSet(Kind.ALLOW, values);
    }

    /**
     * A closed set of built-in values that the application extends when it builds a metric set,
     * with {@link TagPolicies.Builder#register(String, String...)} (extra upload stages, extra
     * query types). Anything outside the effective set is recorded as {@link TagValues#OTHER};
     * {@link #allowedValues()} returns the effective set, for the reference docs.
     *
     * @param builtIns the built-in values; each must already be a clean tag value
     * @return the policy
     * @throws IllegalArgumentException when a value is not clean or the set is empty
     */
    public static TagPolicy registered(Collection<String> builtIns) {
        return closedSet(Kind.REGISTERED, builtIns);
    }

    private static TagPolicy closedSet(Kind kind, Collection<String> values) {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a closed set needs at least one value");
        }
        return new TagPolicy(kind, cleanSet(values, Map.of()), TagValues.OTHER, 0, null,
                TagValues.UNKNOWN, false, false);
    }

    private static Map<String, String> cleanSet(Collection<String> values, Map<String, String> base) {
        Map<String, String> map = new LinkedHashMap<>(base);
        for (String v : values) {
            if (!TagValues.isClean(v)) {
                throw new IllegalArgumentException("not a clean tag value: '" + v + "'");
            }
            map.put(v, v);
        }
        return Collections.unmodifiableMap(map);
    }

    /** Returns this registered set extended with the application's values. */
    TagPolicy withRegistered(Collection<String> extra) {
        if (kind != Kind.REGISTERED) {
            throw new IllegalStateException("only a registered policy can be extended");
        }
        return new TagPolicy(kind, cleanSet(extra, allowed), fallback, 0, null, absentValue,
                fallbackExplicit, absentExplicit);
    }

    /**
     * Returns this policy with the fallback and absent values of {@code defaults} wherever this
     * policy did not set them explicitly, so that overriding only the limit of {@code error.type}
     * keeps its {@code _OTHER} fallback and its empty value on success.
     */
    TagPolicy inheritingFrom(TagPolicy defaults) {
        if (defaults == this || kind == Kind.DROP) {
            return this;
        }
        String f = fallback;
        if (!fallbackExplicit && fallback != null && defaults.fallback != null) {
            f = defaults.fallback;
        }
        String a = absentExplicit || defaults.kind == Kind.DROP ? absentValue : defaults.absentValue;
        if (Objects.equals(f, fallback) && a.equals(absentValue)) {
            return this;
        }
        return new TagPolicy(kind, allowed, f, maxDistinctValues, mapping, a, fallbackExplicit,
                absentExplicit);
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
                TagValues.UNKNOWN, false, false);
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
                TagValues.UNKNOWN, false, false);
    }

    /**
     * Returns this policy with another value for anything outside a closed set, or after a
     * bounded key's limit: for example {@code _OTHER}, as OpenTelemetry names it for HTTP methods
     * and {@code error.type}. Not set explicitly, an override inherits the fallback of the key's
     * default policy ({@link TagPolicies}).
     *
     * @param fallbackValue a clean tag value
     * @return a new policy
     * @throws IllegalStateException when this is neither a closed set nor a bounded policy
     */
    public TagPolicy otherwise(String fallbackValue) {
        if (kind != Kind.ALLOW && kind != Kind.REGISTERED && kind != Kind.BOUNDED) {
            throw new IllegalStateException(
                    "otherwise(...) applies to allow-list, registered and bounded policies");
        }
        if (!TagValues.isClean(fallbackValue)) {
            throw new IllegalArgumentException("not a clean tag value: '" + fallbackValue + "'");
        }
        return new TagPolicy(kind, allowed, fallbackValue, maxDistinctValues, mapping, absentValue,
                true, absentExplicit);
    }

    /**
     * Returns this policy with another value for a missing ({@code null}, empty or blank) tag
     * value than {@link TagValues#UNKNOWN}.
     *
     * <p>{@code absentAs(TagValues.ABSENT)} (the empty string) suits attributes that OpenTelemetry
     * sets only on failure, such as {@code error.type}: every series keeps the same tag keys, as
     * Micrometer requires, and Prometheus treats an empty label value exactly like a missing
     * label, so the scraped series equal OpenTelemetry's. Not set explicitly, an override
     * inherits the absent value of the key's default policy ({@link TagPolicies}).
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
        return new TagPolicy(kind, allowed, fallback, maxDistinctValues, mapping, value,
                fallbackExplicit, true);
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
     * Returns the values of an allow-list or registered policy: for a registered policy obtained
     * from {@link TagPolicies#policyFor(CatalogMeter, TagKey)}, the effective set (built-ins plus
     * the application's registered values).
     *
     * @return the allowed values in declaration order; empty for other kinds
     */
    public Set<String> allowedValues() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(allowed.keySet()));
    }

    /**
     * Returns the value recorded for anything outside a closed set, or after a bounded key's
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

    TagResolver newResolver(String metricName, String key, RegistryCardinality shared,
            Supplier<OverflowReporter> overflow) {
        switch (kind) {
            case ALLOW:
            case REGISTERED:
                return new AllowListResolver(allowed, fallback, absentValue);
            case BOUNDED:
                // One resolver per registry, metric and key: the bound belongs to the registry.
                return shared.boundedResolver(metricName, key, maxDistinctValues, fallback,
                        absentValue, overflow);
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
            case REGISTERED:
                return "registered" + allowed.keySet() + (TagValues.OTHER.equals(fallback)
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
