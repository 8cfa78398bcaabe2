package io.github.obskit.rag;

/** How a query or an embedding call ended: the {@code status} tag of the RAG metrics. */
public enum RagStatus {

    /** Finished without error. */
    SUCCESS("success"),
    /** Failed. */
    ERROR("error");

    private final String tagValue;

    RagStatus(String tagValue) {
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
