package io.github.obskit.core.internal;

import io.github.obskit.core.metrics.TagValues;
import java.util.function.Function;

/**
 * Applies a user-supplied mapping, then sanitizes its result. A mapping that throws or returns
 * {@code null} (or a blank value) records {@link TagValues#OTHER} or the absent value; the
 * failure is logged once.
 */
public final class MappingResolver implements TagResolver {

    private final Function<? super String, String> mapping;
    private final String absent;
    private final String description;

    /**
     * Creates the resolver.
     *
     * @param mapping the user's mapping
     * @param absent the value recorded when the mapping returns nothing
     * @param description names the metric and key, for the one log line on failure
     */
    public MappingResolver(Function<? super String, String> mapping, String absent,
            String description) {
        this.mapping = mapping;
        this.absent = absent;
        this.description = description;
    }

    @Override
    public String resolve(String raw) {
        String mapped;
        try {
            mapped = mapping.apply(raw);
        } catch (RuntimeException e) {
            OnceLogger.warn("tag-mapping:" + description,
                    "The tag mapping of " + description + " threw; recording 'other'", e);
            return TagValues.OTHER;
        }
        // Absence is decided on the mapped value itself, not by comparing sanitize's result with
        // the UNKNOWN constant: a mapping may legitimately return the string "unknown".
        if (TagValues.isMissing(mapped)) {
            return absent;
        }
        return TagValues.sanitize(mapped);
    }

    @Override
    public String overflowValue(String resolved) {
        return resolved.equals(absent) ? absent : TagValues.OTHER;
    }
}
