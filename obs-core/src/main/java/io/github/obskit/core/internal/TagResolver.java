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
}
