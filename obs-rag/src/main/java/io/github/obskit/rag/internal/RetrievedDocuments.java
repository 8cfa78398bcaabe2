package io.github.obskit.rag.internal;

/**
 * Collects the documents of one retrieval as the JSON text of {@code
 * gen_ai.retrieval.documents}: {@code [{"id":"doc-1","score":0.91},...]}. A {@code null} id and a
 * non-finite score (JSON has no NaN or infinity) are written as {@code null}. Not thread-safe.
 */
public final class RetrievedDocuments {

    private final StringBuilder json = new StringBuilder("[");
    private boolean finished;

    /**
     * Adds one retrieved chunk's document.
     *
     * @param documentId the document's id, possibly {@code null}
     * @param score the chunk's similarity score
     */
    public void add(String documentId, double score) {
        if (finished) {
            return;
        }
        if (json.length() > 1) {
            json.append(',');
        }
        json.append("{\"id\":");
        appendJsonString(documentId);
        json.append(",\"score\":");
        if (Double.isFinite(score)) {
            json.append(score);
        } else {
            json.append("null");
        }
        json.append('}');
    }

    /**
     * Returns the JSON array; later {@link #add} calls are ignored.
     *
     * @return the JSON text
     */
    public String toJson() {
        if (!finished) {
            finished = true;
            json.append(']');
        }
        return json.toString();
    }

    private void appendJsonString(String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    json.append("\\\"");
                    break;
                case '\\':
                    json.append("\\\\");
                    break;
                case '\n':
                    json.append("\\n");
                    break;
                case '\r':
                    json.append("\\r");
                    break;
                case '\t':
                    json.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
            }
        }
        json.append('"');
    }
}
