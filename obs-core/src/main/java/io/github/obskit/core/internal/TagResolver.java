package io.github.obskit.core.internal;

/**
 * Turns a raw tag value into the value a series is recorded under, for one tag key of one
 * metric. Implementations never throw and do not allocate for values they have seen before.
 */
public interface TagResolver {

    /**
     * Resolves a raw value.
     *
     * @param raw the caller's value, possibly {@code null}
     * @return the value to record under; never {@code null}
     */
    String resolve(String raw);

    /**
     * Returns the value a series over its metric's series cap is recorded under, given the value
     * this resolver returned. Closed sets keep their value; open-ended keys return their fallback,
     * except for the absent value, which is one value and is kept.
     *
     * @param resolved a value {@link #resolve(String)} returned
     * @return the value of the overflow series
     */
    default String overflowValue(String resolved) {
        return resolved;
    }
}
