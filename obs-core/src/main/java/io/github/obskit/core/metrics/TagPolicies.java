package io.github.obskit.core.metrics;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The application's overrides of the default {@link TagPolicy} of tag keys, of the values of
 * registered sets, and of series caps, applied when a metric set is built. Immutable.
 *
 * <pre>{@code
 * TagPolicies policies = TagPolicies.builder()
 *         .policy("user_id", TagPolicy.bounded(500))                // every metric with user_id
 *         .policy(RagMeters.CHUNKS_RETRIEVED, "document_id", TagPolicy.drop()) // one metric
 *         .register("processing_stage", "ocr")                     // extend a registered set
 *         .maxSeries(RagMeters.CHUNKS_RETRIEVED, 2_000)
 *         .build();
 * }</pre>
 *
 * <p>A policy for one metric wins over a policy for a key, which wins over the key's default. An
 * override that does not set its fallback ({@link TagPolicy#otherwise(String)}) or absent value
 * ({@link TagPolicy#absentAs(String)}) inherits them from the key's default, so {@code
 * policy("error.type", TagPolicy.bounded(64))} keeps {@code _OTHER} and the empty value on
 * success. How limits and caps behave across recorders is {@linkplain TagPolicy the cardinality
 * rule}.
 *
 * <p>Key names are checked against a catalog by {@link #validate(Collection)}, which {@link
 * MeterFamilies#of(io.micrometer.core.instrument.MeterRegistry, TagPolicies, Collection)} calls:
 * a misspelt key ({@code usr_id}) fails there instead of being silently ignored.
 */
public final class TagPolicies {

    private static final TagPolicies DEFAULTS = new TagPolicies(Map.of(), Map.of(), Map.of(), Map.of());

    private final Map<String, TagPolicy> byKey;
    private final Map<String, TagPolicy> byMetricAndKey;
    private final Map<String, List<String>> registered;
    private final Map<String, Integer> maxSeries;

    private TagPolicies(Map<String, TagPolicy> byKey, Map<String, TagPolicy> byMetricAndKey,
            Map<String, List<String>> registered, Map<String, Integer> maxSeries) {
        this.byKey = byKey;
        this.byMetricAndKey = byMetricAndKey;
        this.registered = registered;
        this.maxSeries = maxSeries;
    }

    /**
     * No overrides: every key keeps its default policy.
     *
     * @return the default policies
     */
    public static TagPolicies defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a set of overrides.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the policy in force for one key of one metric.
     *
     * @param meter the metric
     * @param key one of its tag keys
     * @return the override for the metric and key, else the override for the key, else the key's
     *     default; with the inherited fallback and absent values, and a registered set extended
     *     with the application's values
     */
    public TagPolicy policyFor(CatalogMeter meter, TagKey key) {
        TagPolicy p = byMetricAndKey.get(meter.getName() + '\u0000' + key.name());
        if (p == null) {
            p = byKey.get(key.name());
        }
        p = p != null ? p.inheritingFrom(key.defaultPolicy()) : key.defaultPolicy();
        List<String> extra = registered.get(key.name());
        if (extra != null && p.kind() == TagPolicy.Kind.REGISTERED) {
            p = p.withRegistered(extra);
        }
        return p;
    }

    /**
     * Returns these policies with more values registered for a key, as {@link
     * Builder#register(String, String...)} does: how a recorder adds the stages or query types
     * the application declared on its own builder to the policies it was given.
     *
     * @param key the tag key name, such as {@code stage}
     * @param values clean tag values
     * @return new policies; these are unchanged
     * @throws IllegalArgumentException when a value is not clean
     */
    public TagPolicies withRegistered(String key, Collection<String> values) {
        Objects.requireNonNull(key, "key");
        LinkedHashSet<String> merged = new LinkedHashSet<>(registered.getOrDefault(key, List.of()));
        for (String v : Objects.requireNonNull(values, "values")) {
            if (!TagValues.isClean(v)) {
                throw new IllegalArgumentException("not a clean tag value: '" + v + "'");
            }
            merged.add(v);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>(registered);
        copy.put(key, List.copyOf(merged));
        return new TagPolicies(byKey, byMetricAndKey, Map.copyOf(copy), maxSeries);
    }

    /**
     * Returns the series cap in force for one metric.
     *
     * @param meter the metric
     * @return the override, else the definition's {@link MeterDefinition#maxSeries()}
     */
    public int maxSeriesFor(CatalogMeter meter) {
        Integer max = maxSeries.get(meter.getName());
        return max != null ? max : meter.definition().maxSeries();
    }

    /**
     * Checks that every key these overrides name exists in the catalog of one metric set, and that
     * every key given values with {@link Builder#register(String, String...)} has a registered
     * policy there. Overrides for one metric are checked when they are set; those naming a metric
     * outside the catalog are ignored here.
     *
     * @param catalog the metrics of the set, such as {@code List.of(RagMeters.values())}
     * @throws IllegalArgumentException naming the unknown key and the known ones
     */
    public void validate(Collection<? extends CatalogMeter> catalog) {
        Objects.requireNonNull(catalog, "catalog");
        Map<String, TagKey> known = new LinkedHashMap<>();
        for (CatalogMeter meter : catalog) {
            for (TagKey key : meter.definition().tagKeys()) {
                known.putIfAbsent(key.name(), key);
            }
        }
        Set<String> named = new LinkedHashSet<>(byKey.keySet());
        named.addAll(registered.keySet());
        for (String key : named) {
            if (!known.containsKey(key)) {
                throw new IllegalArgumentException("Tag policy override for unknown tag key '" + key
                        + "'; the keys of this metric set are " + new TreeSet<>(known.keySet()));
            }
        }
        for (String key : registered.keySet()) {
            for (CatalogMeter meter : catalog) {
                for (TagKey k : meter.definition().tagKeys()) {
                    if (k.name().equals(key)) {
                        TagPolicy p = policyFor(meter, k);
                        if (p.kind() != TagPolicy.Kind.REGISTERED) {
                            throw new IllegalArgumentException("Values registered for tag key '"
                                    + key + "', whose policy on " + meter.getName() + " is " + p
                                    + ", not a registered set");
                        }
                    }
                }
            }
        }
    }

    /** Builds {@link TagPolicies}. Not thread-safe. */
    public static final class Builder {

        private final Map<String, TagPolicy> byKey = new HashMap<>();
        private final Map<String, TagPolicy> byMetricAndKey = new HashMap<>();
        private final Map<String, LinkedHashSet<String>> registered = new LinkedHashMap<>();
        private final Map<String, Integer> maxSeries = new HashMap<>();

        private Builder() {
        }

        /**
         * Sets the policy of a key for every metric of the set that has it.
         *
         * @param key the tag key name, such as {@code user_id}
         * @param policy the policy
         * @return this builder
         * @throws IllegalArgumentException when values were registered for the key and the
         *     policy is not a registered set
         */
        public Builder policy(String key, TagPolicy policy) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(policy, "policy");
            if (registered.containsKey(key) && policy.kind() != TagPolicy.Kind.REGISTERED) {
                throw new IllegalArgumentException("values are registered for tag key '" + key
                        + "'; its policy must be a registered set, not " + policy);
            }
            byKey.put(key, policy);
            return this;
        }

        /**
         * Sets the policy of a key for one metric.
         *
         * @param meter the metric
         * @param key the tag key name
         * @param policy the policy
         * @return this builder
         * @throws IllegalArgumentException when the metric has no such key
         */
        public Builder policy(CatalogMeter meter, String key, TagPolicy policy) {
            Objects.requireNonNull(meter, "meter");
            Objects.requireNonNull(key, "key");
            boolean known = meter.definition().tagKeys().stream().anyMatch(k -> k.name().equals(key));
            if (!known) {
                throw new IllegalArgumentException(meter.getName() + " has no tag key " + key
                        + "; its keys are " + meter.definition().tagKeys().stream()
                                .map(TagKey::name).toList());
            }
            byMetricAndKey.put(meter.getName() + '\u0000' + key, Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Extends the registered set ({@link TagPolicy#registered(Collection)}) of a key with the
         * application's values, wherever the key appears. Calls add up.
         *
         * @param key the tag key name, such as {@code query_type}
         * @param values clean tag values
         * @return this builder
         * @throws IllegalArgumentException when a value is not clean, or the key's policy set on
         *     this builder is not a registered set; a key whose default policy is not registered
         *     fails in {@link TagPolicies#validate(Collection)}
         */
        public Builder register(String key, String... values) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(values, "values");
            for (String v : values) {
                if (!TagValues.isClean(v)) {
                    throw new IllegalArgumentException("not a clean tag value: '" + v + "'");
                }
            }
            TagPolicy override = byKey.get(key);
            if (override != null && override.kind() != TagPolicy.Kind.REGISTERED) {
                throw new IllegalArgumentException("tag key '" + key + "' has policy " + override
                        + ", not a registered set; values cannot be registered for it");
            }
            registered.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(Arrays.asList(values));
            return this;
        }

        /**
         * Sets the series cap of one metric (see {@linkplain TagPolicy the cardinality rule}).
         *
         * @param meter the metric
         * @param max at least 1; the definition's {@link MeterDefinition#maxSeries()} by default
         * @return this builder
         */
        public Builder maxSeries(CatalogMeter meter, int max) {
            Objects.requireNonNull(meter, "meter");
            if (max < 1) {
                throw new IllegalArgumentException("maxSeries must be at least 1");
            }
            maxSeries.put(meter.getName(), max);
            return this;
        }

        /**
         * Builds the overrides.
         *
         * @return the overrides
         */
        public TagPolicies build() {
            Map<String, List<String>> values = new LinkedHashMap<>();
            registered.forEach((k, v) -> values.put(k, List.copyOf(v)));
            return new TagPolicies(Map.copyOf(byKey), Map.copyOf(byMetricAndKey), Map.copyOf(values),
                    Map.copyOf(maxSeries));
        }
    }
}
