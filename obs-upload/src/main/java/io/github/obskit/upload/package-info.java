/**
 * Upload-pipeline observability: the {@link io.github.obskit.upload.UploadMeters} catalog, the
 * {@link io.github.obskit.upload.UploadMetrics} typed recorder and the {@link
 * io.github.obskit.upload.UploadTelemetry} facade that records the metrics, the OpenTelemetry
 * spans and the {@code document_processing} log event of an upload, its processing stages and
 * its queued jobs.
 */
package io.github.obskit.upload;
