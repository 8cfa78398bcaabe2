package io.github.obskit.core.internal;

import io.micrometer.core.instrument.Counter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The series cap of one metric on one registry: the first {@code max} distinct tag combinations
 * are admitted; later ones are recorded in an overflow series by the caller. Shared by every
 * family of that metric on that registry (see {@link RegistryCardinality}). Consulted only when a
 * family meets a combination it has not seen, never on the recording hot path.
 */
public final class SeriesCap {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.obskit.cardinality");

    private final String metricName;
    private final int max;
    private volatile Counter overflows;
    private final ConcurrentHashMap<Object, Boolean> admitted = new ConcurrentHashMap<>();
    private final AtomicInteger admittedCount = new AtomicInteger();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final Function<Object, Boolean> admitter = this::tryAdmit;

    /**
     * Creates the cap.
     *
     * @param metricName the metric
     * @param max how many distinct tag combinations keep their own series
     */
    public SeriesCap(String metricName, int max) {
        this.metricName = metricName;
        this.max = max;
    }

    /**
     * Admits a tag combination if it was admitted before or the cap has room.
     *
     * @param series the combination, with value equality (Micrometer {@code Tags})
     * @return {@code true} when it keeps its own series
     */
    public boolean admit(Object series) {
        if (admitted.containsKey(series)) {
            return true;
        }
        // computeIfAbsent makes the admission of one combination atomic, as in BoundedResolver.
        return admitted.computeIfAbsent(series, admitter) != null;
    }

    private Boolean tryAdmit(Object series) {
        while (true) {
            int n = admittedCount.get();
            if (n >= max) {
                return null;
            }
            if (admittedCount.compareAndSet(n, n + 1)) {
                return Boolean.TRUE;
            }
        }
    }

    /**
     * Records one recording that went to the overflow series; logs a warning if it is the first.
     *
     * @param overflowCounter returns the self-metric counter of this cap, the first time only; it
     *     is passed in rather than held so that this registry-wide state holds no reference to
     *     the registry (the caller registers the counter at zero where an alert needs it)
     */
    public void overflowed(Supplier<Counter> overflowCounter) {
        Counter counter = overflows;
        if (counter == null) {
            counter = overflowCounter.get();
            overflows = counter;
        }
        counter.increment();
        if (!warned.get() && warned.compareAndSet(false, true)) {
            try {
                LOG.atWarn()
                        .addKeyValue("metric", metricName)
                        .addKeyValue("limit", max)
                        .log("Metric '{}' reached its cap of {} series; further tag combinations are "
                                + "recorded with every open-ended tag at its fallback value. Totals "
                                + "stay exact. Raise maxSeries or bound its tags more tightly if this "
                                + "is expected.", metricName, max);
            } catch (RuntimeException ignored) {
                // A failing logging backend must not break the caller.
            }
        }
    }

    /**
     * Returns the cap.
     *
     * @return the number of combinations that keep their own series
     */
    public int max() {
        return max;
    }

    /**
     * Returns the number of combinations admitted so far.
     *
     * @return at most {@link #max()}
     */
    public int admittedCount() {
        return admittedCount.get();
    }
}
