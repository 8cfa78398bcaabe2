package io.github.obskit.core.operation;

/**
 * How an {@link Operation} ended: the {@code status} tag of obskit's metrics and the {@code
 * status} field of its log events.
 */
public enum Outcome {

    /** Finished: {@code success()} was called and no failure was reported. */
    SUCCESS("success"),

    /** Failed: {@code fail(..)} was called, or the operation was closed without an outcome. */
    ERROR("error");

    private final String tagValue;

    Outcome(String tagValue) {
        this.tagValue = tagValue;
    }

    /**
     * Returns the value recorded in tags, span attributes and log events.
     *
     * @return {@code success} or {@code error}
     */
    public String tagValue() {
        return tagValue;
    }
}
