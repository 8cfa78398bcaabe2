package io.github.obskit.core.internal;

import io.github.obskit.core.metrics.TagValues;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Keeps the first {@code max} distinct (sanitized) values of a key; later values are recorded
 * under a fallback value ({@link TagValues#OTHER} by default), so no count is lost. A missing
 * value does not count against the limit. One instance serves every family of a metric on one
 * registry ({@link RegistryCardinality}), so the limit is per registry, metric and key.
 */
public final class BoundedResolver implements TagResolver {

    private final ConcurrentHashMap<String, String> admitted = new ConcurrentHashMap<>();
    private final AtomicInteger admittedCount = new AtomicInteger();
    private final AtomicInteger admissionsInFlight = new AtomicInteger();
    private final int max;
    private final String fallback;
    private final String absent;
    private final OverflowReporter overflow;
    private final Function<String, String> admitter = this::tryAdmit;
    private final ConcurrentHashMap<String, String> aliases = new ConcurrentHashMap<>();
    private final int maxAliases;

    /**
     * Creates the resolver.
     *
     * @param max how many distinct values keep their own series
     * @param fallback the value recorded once the limit is reached
     * @param absent the value recorded for a missing value
     * @param overflow told about each value recorded as the fallback because of the limit
     */
    public BoundedResolver(int max, String fallback, String absent, OverflowReporter overflow) {
        this.max = max;
        this.fallback = fallback;
        this.absent = absent;
        this.overflow = overflow;
        this.maxAliases = Math.max(16, max);
    }

    @Override
    public String resolve(String raw) {
        if (raw != null) {
            String seen = admitted.get(raw);
            if (seen != null) {
                return seen;
            }
            seen = aliases.get(raw);
            if (seen != null) {
                return seen;
            }
        }
        // Absence is decided on the raw value, never by comparing sanitize's result with the
        // UNKNOWN constant by identity: "unknown" is a literal, so a real value spelled "unknown"
        // (an error type, say) would be taken for a missing one.
        if (TagValues.isMissing(raw)) {
            return absent;
        }
        String clean = TagValues.sanitize(raw);
        String seen = admitted.get(clean);
        if (seen == null) {
            seen = admit(clean);
        }
        if (clean != raw && seen != fallback && aliases.size() < maxAliases) {
            // A raw value that needed cleaning (too long, quotes, control characters) would be
            // cleaned again, allocating, on every recording; remember what it resolves to.
            aliases.putIfAbsent(raw, seen);
        }
        return seen;
    }

    private String admit(String clean) {
        if (admittedCount.get() >= max && admissionsInFlight.get() == 0) {
            // Full, and no admission under way: no value can join any more, so skip
            // computeIfAbsent, which allocates a reservation node for every value it rejects.
            // Reading the in-flight count after the full count and then the map again orders
            // this after any admission that took the last slot: its value is seen here.
            String late = admitted.get(clean);
            if (late != null) {
                return late;
            }
            overflow.overflowed();
            return fallback;
        }
        // computeIfAbsent makes the admission of one value atomic: a second thread recording the
        // same new value waits for the first and sees its series, instead of racing it for the
        // last slot and landing in the fallback series.
        admissionsInFlight.incrementAndGet();
        String admittedValue;
        try {
            admittedValue = admitted.computeIfAbsent(clean, admitter);
        } finally {
            admissionsInFlight.decrementAndGet();
        }
        if (admittedValue == null) {
            overflow.overflowed();
            return fallback;
        }
        return admittedValue;
    }

    private String tryAdmit(String clean) {
        while (true) {
            int n = admittedCount.get();
            if (n >= max) {
                return null;
            }
            if (admittedCount.compareAndSet(n, n + 1)) {
                return clean;
            }
        }
    }

    @Override
    public String overflowValue(String resolved) {
        return resolved.equals(absent) ? absent : fallback;
    }

    /**
     * Tells whether this resolver applies the same limit, fallback and absent value.
     *
     * @param otherMax a limit
     * @param otherFallback a fallback value
     * @param otherAbsent an absent value
     * @return {@code true} when all three equal this resolver's
     */
    public boolean sameRule(int otherMax, String otherFallback, String otherAbsent) {
        return max == otherMax && fallback.equals(otherFallback) && absent.equals(otherAbsent);
    }

    @Override
    public String toString() {
        return "bounded(" + max + ") otherwise " + fallback;
    }

    /**
     * Returns the limit.
     *
     * @return how many distinct values keep their own series
     */
    public int max() {
        return max;
    }

    /**
     * Returns the number of values admitted so far.
     *
     * @return at most the limit
     */
    public int admittedCount() {
        return admittedCount.get();
    }
}
