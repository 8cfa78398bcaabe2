package io.github.obskit.upload;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the operations on one document (its upload, the processing nested in it, the stages)
 * share, so that the document is counted once whatever the nesting: the first operation that
 * counts its error or its end claims it here, and the upload learns how long the processing
 * nested in it took, so its own stage timer leaves that time out.
 */
final class DocumentRecord {

    final Document document;
    private final AtomicBoolean errorCounted = new AtomicBoolean();
    private final AtomicBoolean processedCounted = new AtomicBoolean();
    private final AtomicLong nestedNanos = new AtomicLong();

    DocumentRecord(Document document) {
        this.document = document;
    }

    /** Returns {@code true} for the first caller only: that one counts the document's error. */
    boolean claimError() {
        return !errorCounted.get() && errorCounted.compareAndSet(false, true);
    }

    /** Returns {@code true} for the first caller only: that one counts the processed document. */
    boolean claimProcessed() {
        return !processedCounted.get() && processedCounted.compareAndSet(false, true);
    }

    void addNestedNanos(long nanos) {
        nestedNanos.addAndGet(nanos);
    }

    long nestedNanos() {
        return nestedNanos.get();
    }
}
