package io.github.obskit.core.internal;

import java.util.Map;

/** Keeps values of a closed set; records anything else under a fallback value. */
public final class AllowListResolver implements TagResolver {

    private final Map<String, String> allowed;
    private final String fallback;
    private final String absent;

    /**
     * Creates the resolver.
     *
     * @param allowed the closed set, each value mapped to itself
     * @param fallback the value for anything outside the set
     * @param absent the value for a missing value
     */
    public AllowListResolver(Map<String, String> allowed, String fallback, String absent) {
        this.allowed = allowed;
        this.fallback = fallback;
        this.absent = absent;
    }

    @Override
    public String resolve(String raw) {
        if (raw == null) {
            return absent;
        }
        String value = allowed.get(raw);
        if (value != null) {
            return value;
        }
        return raw.isBlank() ? absent : fallback;
    }
}
