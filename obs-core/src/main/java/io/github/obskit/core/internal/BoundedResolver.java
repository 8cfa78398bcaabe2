package io.github.obskit.core.internal;

import io.github.obskit.core.metrics.TagValues;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Keeps the first {@code max} distinct (sanitized) values of a key; later values are recorded
 * under a fallback value ({@link TagValues#OTHER} by default), so no count is lost. A missing
 * value does not count against the limit.
 */
public final class BoundedResolver implements TagResolver {

    private final ConcurrentHashMap<String, String> admitted = new ConcurrentHashMap<>();
    private final AtomicInteger admittedCount = new AtomicInteger();
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
        String clean = TagValues.sanitize(raw);
        if (clean == TagValues.UNKNOWN) {
            return absent;
        }
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
        // computeIfAbsent makes the admission of one value atomic: a second thread recording the
        // same new value waits for the first and sees its series, instead of racing it for the
        // last slot and landing in the fallback series.
        String admittedValue = admitted.computeIfAbsent(clean, admitter);
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

    /**
     * Returns the number of values admitted so far.
     *
     * @return at most the limit
     */
    public int admittedCount() {
        return admittedCount.get();
    }
}
