package io.github.obskit.core.metrics;

import io.github.obskit.core.internal.SeriesCap;
import io.github.obskit.core.internal.TagResolver;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * All the series of one catalog metric: one meter per distinct combination of (resolved) tag
 * values. Created by {@link MeterFamilies}; thread-safe.
 *
 * <p>{@code get(...)} takes the raw tag values in the order of {@link
 * MeterDefinition#tagKeys()}, resolves each through its {@link TagPolicy} and returns the meter
 * of that series, registering it the first time. For values already seen the lookup does not
 * allocate and does not go through Micrometer's builders: it walks one small map per tag key.
 * It never throws; if the registry refuses a meter, a no-op meter is returned and the problem is
 * logged once. Bounds, the series cap and fallback values follow {@linkplain TagPolicy the
 * cardinality rule}.
 *
 * @param <M> the Micrometer meter type: {@code Counter}, {@code Timer} or {@code
 *     DistributionSummary}
 */
public final class MeterFamily<M extends Meter> {

    private static final String[] NO_VALUES = new String[0];

    private final MeterDefinition definition;
    private final SeriesTree<M> tree;

    MeterFamily(MeterDefinition definition, TagResolver[] resolvers, Function<Tags, M> registrar,
            SeriesCap cap, Supplier<Counter> capOverflows) {
        this.definition = definition;
        this.tree = new SeriesTree<>(definition, resolvers, registrar, cap, capOverflows);
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
        return tree.lookup(given, v1, v2, v3, v4, v5, rest);
    }
}
