package io.github.obskit.core.metrics;

import io.micrometer.common.docs.KeyName;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One tag key of a catalog metric: its name (the Prometheus label name), what it means, and the
 * {@link TagPolicy} it has unless the application overrides it with {@link TagPolicies}.
 * Immutable.
 */
public final class TagKey implements KeyName {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]*");

    private final String name;
    private final TagPolicy defaultPolicy;
    private final String description;

    private TagKey(String name, TagPolicy defaultPolicy, String description) {
        this.name = name;
        this.defaultPolicy = defaultPolicy;
        this.description = description;
    }

    /**
     * Creates a tag key.
     *
     * @param name lower case, starting with a letter; letters, digits, {@code _} and {@code .}
     * @param defaultPolicy the policy used unless overridden
     * @param description what the tag value means, for the reference docs
     * @return the key
     */
    public static TagKey of(String name, TagPolicy defaultPolicy, String description) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid tag key: '" + name + "'");
        }
        return new TagKey(name, Objects.requireNonNull(defaultPolicy, "defaultPolicy"),
                Objects.requireNonNull(description, "description"));
    }

    /**
     * Returns the key's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    @Override
    public String asString() {
        return name;
    }

    /**
     * Returns the policy used unless the application overrides it.
     *
     * @return the default policy
     */
    public TagPolicy defaultPolicy() {
        return defaultPolicy;
    }

    /**
     * Returns what the tag value means.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return name + " (" + defaultPolicy + ")";
    }
}
