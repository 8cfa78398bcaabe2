package io.github.obskit.core.internal;

import io.github.obskit.core.metrics.TagValues;
import java.util.Map;

/** Keeps values of a closed set; records anything else under a fallback value. */
public final class AllowListResolver implements TagResolver {

    private final Map<String, String> allowed;
    private final String fallback;

    /**
     * Creates the resolver.
     *
     * @param allowed the closed set, each value mapped to itself
     * @param fallback the value for anything outside the set
     */
    public AllowListResolver(Map<String, String> allowed, String fallback) {
        this.allowed = allowed;
        this.fallback = fallback;
    }

    @Override
    public String resolve(String raw) {
        if (raw == null || raw.isEmpty()) {
            return TagValues.UNKNOWN;
        }
        String value = allowed.get(raw);
        return value != null ? value : fallback;
    }
}
