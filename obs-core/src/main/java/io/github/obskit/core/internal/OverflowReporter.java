package io.github.obskit.core.internal;

import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the values of one bounded tag key that went to the {@code other} series because the
 * limit was reached, and logs one warning the first time it happens.
 */
public final class OverflowReporter {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.obskit.cardinality");

    private final String metricName;
    private final String key;
    private final int limit;
    private final Counter overflows;
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * Creates the reporter.
     *
     * @param metricName the metric whose tag overflowed
     * @param key the tag key
     * @param limit the number of distinct values the key keeps
     * @param overflows the self-metric counter for this metric and key
     */
    public OverflowReporter(String metricName, String key, int limit, Counter overflows) {
        this.metricName = metricName;
        this.key = key;
        this.limit = limit;
        this.overflows = overflows;
    }

    /** Records one overflow: counts it, and logs a warning if it is the first. */
    public void overflowed() {
        overflows.increment();
        if (!warned.get() && warned.compareAndSet(false, true)) {
            try {
                LOG.atWarn()
                        .addKeyValue("metric", metricName)
                        .addKeyValue("tag_key", key)
                        .addKeyValue("limit", limit)
                        .log("Tag '{}' of metric '{}' reached its limit of {} distinct values; "
                                + "further values are recorded as 'other'. Totals stay exact. "
                                + "Raise the limit or change the tag policy if this is expected.",
                                key, metricName, limit);
            } catch (RuntimeException ignored) {
                // A failing logging backend must not break the caller.
            }
        }
    }

    /**
     * Returns how many recordings went to {@code other} because of the limit.
     *
     * @return the overflow count
     */
    public double count() {
        return overflows.count();
    }
}
