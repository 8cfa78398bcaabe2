package io.github.obskit.core.internal;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cardinality state of one registry: the bounded keys' admitted values and the metrics'
 * series caps, shared by every metric set built on that registry, so two recorders (or two
 * modules) recording one metric share one bound. Looked up only when a family is built, never
 * on the recording hot path. Registries are held weakly.
 *
 * <p>When two metric sets declare different rules for the same registry, metric and key (or
 * different caps for one metric), the first declaration wins and one warning names both.
 */
public final class RegistryCardinality {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.obskit.cardinality");
    private static final Map<MeterRegistry, RegistryCardinality> BY_REGISTRY = new WeakHashMap<>();

    private final ConcurrentHashMap<String, BoundedResolver> bounded = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SeriesCap> caps = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<Object, Object>> shared =
            new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicBoolean> conflictsWarned = new ConcurrentHashMap<>();

    private RegistryCardinality() {
    }

    /**
     * Returns the state of a registry, creating it the first time.
     *
     * @param registry the registry; identity, not equality, tells registries apart
     * @return its state
     */
    public static RegistryCardinality of(MeterRegistry registry) {
        synchronized (BY_REGISTRY) {
            // MeterRegistry does not override equals/hashCode, so the WeakHashMap is by identity.
            return BY_REGISTRY.computeIfAbsent(registry, r -> new RegistryCardinality());
        }
    }

    /**
     * Returns the resolver of one bounded key of one metric, shared by every family on this
     * registry.
     *
     * @param metricName the metric
     * @param key the tag key
     * @param max the limit this caller declares
     * @param fallback the fallback value this caller declares
     * @param absent the absent value this caller declares
     * @param overflow creates the overflow reporter (registers the self-metric counter)
     * @return the resolver; the first declaration's rule when declarations differ
     */
    public BoundedResolver boundedResolver(String metricName, String key, int max, String fallback,
            String absent, Supplier<OverflowReporter> overflow) {
        String id = metricName + '\u0000' + key;
        BoundedResolver existing = bounded.get(id);
        if (existing == null) {
            // Not computeIfAbsent: creating the reporter registers a meter, whose listeners may
            // build another family on this registry and come back here.
            BoundedResolver created = new BoundedResolver(max, fallback, absent, overflow.get());
            existing = bounded.putIfAbsent(id, created);
            if (existing == null) {
                return created;
            }
        }
        if (!existing.sameRule(max, fallback, absent)) {
            warnConflict(id, "Tag '" + key + "' of metric '" + metricName
                    + "' was declared with different limits on one registry; keeping the first ("
                    + existing + ") and ignoring bounded(" + max + ") otherwise " + fallback
                    + ". Bounds are per registry, metric and key.");
        }
        return existing;
    }

    /**
     * Returns the series cap of one metric, shared by every family on this registry.
     *
     * @param metricName the metric
     * @param max the cap this caller declares
     * @return the cap; the first declaration's when declarations differ
     */
    public SeriesCap seriesCap(String metricName, int max) {
        SeriesCap existing = caps.get(metricName);
        if (existing == null) {
            SeriesCap created = new SeriesCap(metricName, max);
            existing = caps.putIfAbsent(metricName, created);
            if (existing == null) {
                return created;
            }
        }
        if (existing.max() != max) {
            warnConflict(metricName, "Metric '" + metricName + "' was declared with different "
                    + "series caps on one registry; keeping the first (" + existing.max()
                    + ") and ignoring " + max + ".");
        }
        return existing;
    }

    /**
     * Returns a map of values shared by every family of one metric on this registry, such as the
     * values behind settable gauges, so that two recorders setting one series set one value.
     *
     * @param metricName the metric
     * @return the map, by series tags
     */
    public ConcurrentHashMap<Object, Object> sharedSeries(String metricName) {
        ConcurrentHashMap<Object, Object> map = shared.get(metricName);
        if (map == null) {
            ConcurrentHashMap<Object, Object> created = new ConcurrentHashMap<>();
            map = shared.putIfAbsent(metricName, created);
            if (map == null) {
                map = created;
            }
        }
        return map;
    }

    private void warnConflict(String id, String message) {
        AtomicBoolean warned = conflictsWarned.computeIfAbsent(id, k -> new AtomicBoolean());
        if (warned.compareAndSet(false, true)) {
            try {
                LOG.warn(message);
            } catch (RuntimeException ignored) {
                // A failing logging backend must not break the caller.
            }
        }
    }
}
