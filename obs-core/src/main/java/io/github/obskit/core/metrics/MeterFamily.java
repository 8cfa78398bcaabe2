package io.github.obskit.core.metrics;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.internal.TagResolver;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * All the series of one catalog metric: one meter per distinct combination of (resolved) tag
 * values. Created by {@link MeterFamilies}; thread-safe.
 *
 * <p>{@code get(...)} takes the raw tag values in the order of {@link
 * MeterDefinition#tagKeys()}, resolves each through its {@link TagPolicy} and returns the meter
 * of that series, registering it the first time. For values already seen the lookup does not
 * allocate and does not go through Micrometer's builders: it walks one small map per tag key.
 * It never throws; if the registry refuses a meter, a no-op meter is returned and the problem is
 * logged once.
 *
 * @param <M> the Micrometer meter type: {@code Counter}, {@code Timer} or {@code
 *     DistributionSummary}
 */
public final class MeterFamily<M extends Meter> {

    private static final String[] NO_VALUES = new String[0];

    private final MeterDefinition definition;
    private final String[] keyNames;
    private final TagResolver[] resolvers;
    private final int lastKept;
    private final Function<Tags, M> registrar;
    private final Node root;
    private final M single;

    MeterFamily(MeterDefinition definition, TagResolver[] resolvers, Function<Tags, M> registrar) {
        this.definition = definition;
        this.keyNames = definition.tagKeys().stream().map(TagKey::name).toArray(String[]::new);
        this.resolvers = resolvers.clone();
        int last = -1;
        for (int i = 0; i < resolvers.length; i++) {
            if (resolvers[i] != null) {
                last = i;
            }
        }
        this.lastKept = last;
        this.registrar = registrar;
        if (last < 0) {
            this.root = null;
            this.single = registrar.apply(Tags.empty());
        } else {
            this.root = new Node(Tags.empty());
            this.single = null;
        }
    }

    /**
     * Returns the meter of a metric without tag keys (or whose keys are all dropped).
     *
     * @return the meter
     */
    public M get() {
        return lookup(0, null, null, null, null, null, null);
    }

    /**
     * Returns the meter of the series with these tag values.
     *
     * @param v1 the value of the first tag key
     * @return the meter
     */
    public M get(String v1) {
        return lookup(1, v1, null, null, null, null, null);
    }

    /**
     * Returns the meter of the series with these tag values.
     *
     * @param v1 the value of the first tag key
     * @param v2 the value of the second tag key
     * @return the meter
     */
    public M get(String v1, String v2) {
        return lookup(2, v1, v2, null, null, null, null);
    }

    /**
     * Returns the meter of the series with these tag values.
     *
     * @param v1 the value of the first tag key
     * @param v2 the value of the second tag key
     * @param v3 the value of the third tag key
     * @return the meter
     */
    public M get(String v1, String v2, String v3) {
        return lookup(3, v1, v2, v3, null, null, null);
    }

    /**
     * Returns the meter of the series with these tag values.
     *
     * @param v1 the value of the first tag key
     * @param v2 the value of the second tag key
     * @param v3 the value of the third tag key
     * @param v4 the value of the fourth tag key
     * @return the meter
     */
    public M get(String v1, String v2, String v3, String v4) {
        return lookup(4, v1, v2, v3, v4, null, null);
    }

    /**
     * Returns the meter of the series with these tag values.
     *
     * @param v1 the value of the first tag key
     * @param v2 the value of the second tag key
     * @param v3 the value of the third tag key
     * @param v4 the value of the fourth tag key
     * @param v5 the value of the fifth tag key
     * @return the meter
     */
    public M get(String v1, String v2, String v3, String v4, String v5) {
        return lookup(5, v1, v2, v3, v4, v5, null);
    }

    /**
     * Returns the meter of the series with these tag values, for metrics with more than five
     * tag keys (the varargs array is an allocation the fixed-arity overloads avoid).
     *
     * @param values the values in the order of {@link MeterDefinition#tagKeys()}
     * @return the meter
     */
    public M get(String... values) {
        String[] v = values != null ? values : NO_VALUES;
        return lookup(v.length, null, null, null, null, null, v);
    }

    /**
     * Returns the definition of this family's metric.
     *
     * @return the definition
     */
    public MeterDefinition definition() {
        return definition;
    }

    private M lookup(int given, String v1, String v2, String v3, String v4, String v5,
            String[] rest) {
        if (given != keyNames.length) {
            OnceLogger.warn("arity:" + definition.name(), definition.name() + " has "
                    + keyNames.length + " tag keys but was recorded with " + given
                    + " values; missing values are recorded as 'unknown'", null);
        }
        if (single != null) {
            return single;
        }
        Node node = root;
        for (int i = 0; i <= lastKept; i++) {
            TagResolver resolver = resolvers[i];
            if (resolver == null) {
                continue;
            }
            String raw = rest != null ? (i < rest.length ? rest[i] : null)
                    : i == 0 ? v1 : i == 1 ? v2 : i == 2 ? v3 : i == 3 ? v4 : i == 4 ? v5 : null;
            String value = resolver.resolve(raw);
            Object next = node.children.get(value);
            if (next == null) {
                next = node.child(keyNames[i], value, i == lastKept, registrar);
            }
            if (i == lastKept) {
                @SuppressWarnings("unchecked")
                M meter = (M) next;
                return meter;
            }
            node = (Node) next;
        }
        throw new AssertionError("unreachable");
    }

    /** One level of the lookup tree: the tags resolved so far and the children by next value. */
    private static final class Node {

        final Tags tags;
        final ConcurrentHashMap<String, Object> children = new ConcurrentHashMap<>();

        Node(Tags tags) {
            this.tags = tags;
        }

        <M> Object child(String key, String value, boolean leaf, Function<Tags, M> registrar) {
            // Not computeIfAbsent: registering a meter runs the registry's listeners, which may
            // record into this same family, and a recursive update of the map would throw.
            // Two threads racing here get the same meter: the registry deduplicates by id.
            Tags childTags = tags.and(key, value);
            Object created = leaf ? registrar.apply(childTags) : new Node(childTags);
            Object previous = children.putIfAbsent(value, created);
            return previous != null ? previous : created;
        }
    }
}
