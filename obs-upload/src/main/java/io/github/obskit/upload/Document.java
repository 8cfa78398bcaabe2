package io.github.obskit.upload;

import java.util.Objects;

/**
 * What the upload pipeline knows about one document when an operation on it starts: its id, its
 * file type, its size and its owner. Built once per document and passed to {@link
 * UploadTelemetry#upload(Document)}, {@link UploadTelemetry#processDocument(Document)}; named
 * setters instead of positional parameters, so that no two values can be swapped silently.
 * Immutable.
 *
 * <pre>{@code
 * Document document = Document.builder(documentId)
 *         .fileType("report.pdf")   // MIME type, extension or file name
 *         .sizeBytes(body.length)
 *         .userId(userId)
 *         .build();
 * }</pre>
 */
public final class Document {

    private final String id;
    private final String fileType;
    private final long sizeBytes;
    private final String userId;

    private Document(Builder builder) {
        this.id = builder.id;
        this.fileType = FileTypes.normalize(builder.fileType);
        this.sizeBytes = builder.sizeBytes;
        this.userId = builder.userId;
    }

    /**
     * Starts a document description.
     *
     * @param documentId the document's id; {@code null} is recorded as no id
     * @return a builder
     */
    public static Builder builder(String documentId) {
        return new Builder(documentId);
    }

    /**
     * Returns the document's id.
     *
     * @return the id, possibly {@code null}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the file type, normalized by {@link FileTypes#normalize(String)}.
     *
     * @return a value of {@link FileTypes#KNOWN}, {@code other} or {@code unknown}
     */
    public String fileType() {
        return fileType;
    }

    /**
     * Returns the size in bytes.
     *
     * @return the size, or -1 when unknown
     */
    public long sizeBytes() {
        return sizeBytes;
    }

    /**
     * Returns the owning user's id.
     *
     * @return the user, possibly {@code null}
     */
    public String userId() {
        return userId;
    }

    @Override
    public String toString() {
        return "Document[" + id + ", " + fileType + "]";
    }

    /** Builds a {@link Document}. Not thread-safe. */
    public static final class Builder {

        private final String id;
        private String fileType;
        private long sizeBytes = -1;
        private String userId;

        private Builder(String id) {
            this.id = id;
        }

        /**
         * Sets the file type. Default: unknown.
         *
         * @param mimeTypeExtensionOrFileName such as {@code application/pdf}, {@code pdf} or
         *     {@code report.pdf}; normalized by {@link FileTypes#normalize(String)}
         * @return this builder
         */
        public Builder fileType(String mimeTypeExtensionOrFileName) {
            this.fileType = mimeTypeExtensionOrFileName;
            return this;
        }

        /**
         * Sets the size. Default: unknown (not recorded).
         *
         * @param bytes the size in bytes; negative means unknown
         * @return this builder
         */
        public Builder sizeBytes(long bytes) {
            this.sizeBytes = bytes < 0 ? -1 : bytes;
            return this;
        }

        /**
         * Sets the owning user. Default: none.
         *
         * @param user the user's id
         * @return this builder
         */
        public Builder userId(String user) {
            this.userId = user;
            return this;
        }

        /**
         * Builds the description.
         *
         * @return the document
         */
        public Document build() {
            return new Document(this);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Document)) {
            return false;
        }
        Document d = (Document) o;
        return Objects.equals(id, d.id) && fileType.equals(d.fileType) && sizeBytes == d.sizeBytes
                && Objects.equals(userId, d.userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, fileType, sizeBytes, userId);
    }
}
