package io.github.obskit.upload;

/** How a document, a stage or a job ended: the {@code status} tag of the upload metrics. */
public enum ProcessingStatus {

    /** Finished without error. */
    SUCCESS("success"),
    /** Failed. */
    ERROR("error");

    private final String tagValue;

    ProcessingStatus(String tagValue) {
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
