package io.github.obskit.upload;

/**
 * The work done while a document is processed, for {@link
 * UploadTelemetry#processDocument(String, String, String, ProcessingWork)}.
 *
 * @param <T> what the work returns
 * @param <E> the checked exception it may throw
 */
@FunctionalInterface
public interface ProcessingWork<T, E extends Throwable> {

    /**
     * Processes the document, moving through stages with {@link
     * DocumentProcessing#stage(UploadStage)}.
     *
     * @param operation the processing operation
     * @return the result
     * @throws E when processing fails
     */
    T process(DocumentProcessing operation) throws E;
}
