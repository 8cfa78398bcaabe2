package io.github.obskit.rag.internal;

import io.github.obskit.core.internal.JsonText;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects the documents of one retrieval as the JSON text of {@code
 * gen_ai.retrieval.documents}: {@code [{"id":"doc-1","score":0.91},...]}. A {@code null} id and a
 * non-finite score (JSON has no NaN or infinity) are written as {@code null}.
 *
 * <p>Thread-safe without a lock: {@link #add} appends to a lock-free queue (parallel hybrid search
 * reports chunks from several threads), and the JSON is written once, by {@link #toJson()}. Chunks
 * added while or after {@code toJson()} runs may be left out.
 */
public final class RetrievedDocuments {

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private volatile boolean finished;

    /**
     * Adds one retrieved chunk's document.
     *
     * @param documentId the document's id, possibly {@code null}
     * @param score the chunk's similarity score
     */
    public void add(String documentId, double score) {
        if (!finished) {
            entries.add(new Entry(documentId, score));
        }
    }

    /**
     * Returns the JSON array; later {@link #add} calls are ignored.
     *
     * @return the JSON text
     */
    public String toJson() {
        finished = true;
        StringBuilder json = new StringBuilder(2 + entries.size() * 32).append('[');
        for (Entry entry : entries) {
            if (json.length() > 1) {
                json.append(',');
            }
            JsonText.appendString(json.append("{\"id\":"), entry.documentId).append(",\"score\":");
            if (Double.isFinite(entry.score)) {
                json.append(entry.score);
            } else {
                json.append("null");
            }
            json.append('}');
        }
        return json.append(']').toString();
    }

    private static final class Entry {

        final String documentId;
        final double score;

        Entry(String documentId, double score) {
            this.documentId = documentId;
            this.score = score;
        }
    }
}
