package io.github.obskit.upload;

import io.github.obskit.core.operation.Outcome;

/**
 * Told when an upload ({@link DocumentUpload}) ends, so that another metric set can count the
 * same event without the application recording it twice, such as obs-business's {@code
 * documents_uploaded_total}:
 *
 * <pre>{@code
 * UploadTelemetry upload = UploadTelemetry.builder(registry, openTelemetry)
 *         .listener(business.uploadListener())
 *         .build();
 * }</pre>
 *
 * <p>Called once per upload, on the thread that closes it, after the upload's own metrics are
 * recorded. It should be cheap and must not block; an exception it throws is logged once and
 * does not reach the application.
 */
@FunctionalInterface
public interface UploadListener {

    /**
     * Called when an upload ends.
     *
     * @param document the uploaded document, as passed to {@link UploadTelemetry#upload(Document)}
     * @param outcome how the upload ended
     */
    void uploadEnded(Document document, Outcome outcome);
}
