package io.github.obskit.servlet.internal;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.metrics.CatalogMeter;
import io.github.obskit.core.metrics.MeterFamilies;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-flight request counts behind {@code http.server.active_requests}: one counter per
 * (method, scheme) pair, each published as a gauge series the first time it is used. Methods
 * and schemes form closed sets, so the counters live in a fixed array and updating one does not
 * allocate.
 */
public final class ActiveRequests {

    private static final String[] SCHEMES = {"http", "https", "other"};

    private final MeterFamilies families;
    private final CatalogMeter meter;
    private final AtomicLong[] counts;
    private final boolean[] registered;

    /**
     * Creates the counters; no gauge is registered until a request with its tag values starts.
     *
     * @param families where the gauges are registered
     * @param meter the gauge's catalog constant, tagged with method and scheme
     */
    public ActiveRequests(MeterFamilies families, CatalogMeter meter) {
        this.families = families;
        this.meter = meter;
        int size = (HttpMethods.KNOWN.size() + 1) * SCHEMES.length;
        this.counts = new AtomicLong[size];
        for (int i = 0; i < size; i++) {
            counts[i] = new AtomicLong();
        }
        this.registered = new boolean[size];
    }

    /**
     * Adds {@code delta} to the count of one (method, scheme) pair.
     *
     * @param method the method as received
     * @param scheme the scheme as received
     * @param delta {@code 1} when a request starts, {@code -1} when it ends
     */
    public void add(String method, String scheme, long delta) {
        try {
            int index = HttpMethods.index(method) * SCHEMES.length + schemeIndex(scheme);
            if (!registered[index]) {
                register(index);
            }
            counts[index].addAndGet(delta);
        } catch (RuntimeException e) {
            OnceLogger.warn("http.active", "Could not update the in-flight request count", e);
        }
    }

    private synchronized void register(int index) {
        if (registered[index]) {
            return;
        }
        families.gauge(meter, counts[index], AtomicLong::get,
                HttpMethods.name(index / SCHEMES.length),
                SCHEMES[index % SCHEMES.length]);
        registered[index] = true;
    }

    private static int schemeIndex(String scheme) {
        if ("http".equals(scheme)) {
            return 0;
        }
        if ("https".equals(scheme)) {
            return 1;
        }
        return 2;
    }
}
