package io.github.obskit.core.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The application's overrides of the default {@link TagPolicy} of tag keys, applied when a
 * metric set is built. Immutable.
 *
 * <pre>{@code
 * TagPolicies policies = TagPolicies.builder()
 *         .policy("user_id", TagPolicy.bounded(500))                // every metric with user_id
 *         .policy(RagMeters.CHUNKS_RETRIEVED, "document_id", TagPolicy.drop()) // one metric
 *         .build();
 * }</pre>
 *
 * <p>A policy for one metric wins over a policy for a key, which wins over the key's default.
 */
public final class TagPolicies {

    private static final TagPolicies DEFAULTS = new TagPolicies(Map.of(), Map.of());

    private final Map<String, TagPolicy> byKey;
    private final Map<String, TagPolicy> byMetricAndKey;

    private TagPolicies(Map<String, TagPolicy> byKey, Map<String, TagPolicy> byMetricAndKey) {
        this.byKey = byKey;
        this.byMetricAndKey = byMetricAndKey;
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
     *     default
     */
    public TagPolicy policyFor(CatalogMeter meter, TagKey key) {
        TagPolicy p = byMetricAndKey.get(meter.getName() + '\u0000' + key.name());
        if (p == null) {
            p = byKey.get(key.name());
        }
        return p != null ? p : key.defaultPolicy();
    }

    /** Builds {@link TagPolicies}. Not thread-safe. */
    public static final class Builder {

        private final Map<String, TagPolicy> byKey = new HashMap<>();
        private final Map<String, TagPolicy> byMetricAndKey = new HashMap<>();

        private Builder() {
        }

        /**
         * Sets the policy of a key for every metric of the set that has it.
         *
         * @param key the tag key name, such as {@code user_id}
         * @param policy the policy
         * @return this builder
         */
        public Builder policy(String key, TagPolicy policy) {
            byKey.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(policy, "policy"));
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
                throw new IllegalArgumentException(meter.getName() + " has no tag key " + key);
            }
            byMetricAndKey.put(meter.getName() + '\u0000' + key, Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Builds the overrides.
         *
         * @return the overrides
         */
        public TagPolicies build() {
            return new TagPolicies(Map.copyOf(byKey), Map.copyOf(byMetricAndKey));
        }
    }
}
