package io.github.obskit.core.metrics;

import io.github.obskit.core.internal.SeriesCap;
import io.github.obskit.core.internal.TagResolver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * All the series of one gauge metric whose values the application sets or counts itself, such
 * as {@code user_satisfaction_score{user_id}} or {@code active_sessions}:
 *
 * <pre>{@code
 * GaugeFamily satisfaction = families.gaugeFamily(AgentMeters.USER_SATISFACTION_SCORE);
 * satisfaction.get(userId).set(4.5);
 * GaugeFamily sessions = families.gaugeFamily(AgentMeters.ACTIVE_SESSIONS);
 * sessions.get().increment();   // ... and decrement() when the session ends
 * }</pre>
 *
 * <p>Created by {@link MeterFamilies#gaugeFamily(CatalogMeter)}; thread-safe. Tag values go
 * through the keys' policies as for every family ({@linkplain TagPolicy the cardinality rule}),
 * so a combination past a bound or the series cap shares the fallback series' value: sets from
 * different callers then overwrite each other, counts add up. Each series' {@link GaugeValue} is
 * created the first time its tags are seen, starts at 0 and is held strongly by the registry's
 * shared state, so every family of the metric on one registry updates the same value.
 */
public final class GaugeFamily {

    private static final String[] NO_VALUES = new String[0];

    private final MeterDefinition definition;
    private final SeriesTree<GaugeValue> tree;

    GaugeFamily(MeterDefinition definition, TagResolver[] resolvers,
            Function<Tags, GaugeValue> registrar, SeriesCap cap, Supplier<Counter> capOverflows) {
        this.definition = definition;
        this.tree = new SeriesTree<>(definition, resolvers, registrar, cap, capOverflows);
    }

    /**
     * Returns the value of a metric without tag keys (or whose keys are all dropped).
     *
     * @return the value of that series
     */
    public GaugeValue get() {
        return lookup(0, null, null, null, null, null, null);
    }

    /**
     * Returns the value of the series with these tag values.
     *
     * @param v1 the value of the first tag key
     * @return the value of that series
     */
    public GaugeValue get(String v1) {
        return lookup(1, v1, null, null, null, null, null);
    }

    /**
     * Returns the value of the series with these tag values.
     *
     * @param v1 the value of the first tag key
     * @param v2 the value of the second tag key
     * @return the value of that series
     */
    public GaugeValue get(String v1, String v2) {
        return lookup(2, v1, v2, null, null, null, null);
    }

    /**
     * Returns the value of the series with these tag values.
     *
     * @param v1 the value of the first tag key
     * @param v2 the value of the second tag key
     * @param v3 the value of the third tag key
     * @return the value of that series
     */
    public GaugeValue get(String v1, String v2, String v3) {
        return lookup(3, v1, v2, v3, null, null, null);
    }

    /**
     * Returns the value of the series with these tag values.
     *
     * @param v1 the value of the first tag key
     * @param v2 the value of the second tag key
     * @param v3 the value of the third tag key
     * @param v4 the value of the fourth tag key
     * @return the value of that series
     */
    public GaugeValue get(String v1, String v2, String v3, String v4) {
        return lookup(4, v1, v2, v3, v4, null, null);
    }

    /**
     * Returns the value of the series with these tag values.
     *
     * @param v1 the value of the first tag key
     * @param v2 the value of the second tag key
     * @param v3 the value of the third tag key
     * @param v4 the value of the fourth tag key
     * @param v5 the value of the fifth tag key
     * @return the value of that series
     */
    public GaugeValue get(String v1, String v2, String v3, String v4, String v5) {
        return lookup(5, v1, v2, v3, v4, v5, null);
    }

    /**
     * Returns the value of the series with these tag values, for metrics with more than five
     * tag keys (the varargs array is an allocation the fixed-arity overloads avoid).
     *
     * @param values the values in the order of {@link MeterDefinition#tagKeys()}
     * @return the value of that series
     */
    public GaugeValue get(String... values) {
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

    private GaugeValue lookup(int given, String v1, String v2, String v3, String v4, String v5,
            String[] rest) {
        return tree.lookup(given, v1, v2, v3, v4, v5, rest);
    }
}
