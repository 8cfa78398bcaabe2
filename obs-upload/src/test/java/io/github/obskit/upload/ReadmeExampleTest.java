package io.github.obskit.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.github.obskit.testsupport.ReadmeSnippets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.StatusCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The README's obs-upload usage section is the body of {@link #example}; this keeps them equal. */
class ReadmeExampleTest {

    record Job(Document document, Map<String, String> traceContext) {
    }

    private final Queue<Job> jobQueue = new ConcurrentLinkedQueue<>();

    private void example(MeterRegistry registry, OpenTelemetry openTelemetry, String documentId,
            long sizeBytes, String userId, Duration elapsed) {
        // README:upload-start
        UploadTelemetry upload = UploadTelemetry.builder(registry, openTelemetry)
                .stages(UploadStage.of("ocr"))          // the application's own stage
                .build();
        upload.metrics().bindJobQueue(jobQueue, Queue::size);

        // Request handler: receive the file and queue a job that carries the trace context.
        Document document = Document.builder(documentId)
                .fileType("application/pdf")            // MIME type, extension or file name
                .sizeBytes(sizeBytes)
                .userId(userId)
                .build();
        try (DocumentUpload up = upload.upload(document)) {
            jobQueue.add(new Job(document, up.jobContext()));
            up.success();                               // closing without it records a failure
        }
        upload.metrics().recordUploadRequest("POST", "/documents", 202, elapsed);

        // Worker, maybe after a restart: its span links to the upload's trace.
        Job job = jobQueue.poll();
        upload.processJob("process_document", job.traceContext(), run ->
                upload.processDocument(job.document(), op -> {
                    String text = op.stage(UploadStage.PARSE, stage -> "text of " + job.document().id());
                    op.stage(UploadStage.of("ocr"), stage -> text);
                    List<String> chunks = op.stage(UploadStage.CHUNK, stage -> List.of(text));
                    op.stage(UploadStage.EMBED, stage -> chunks.size());
                    return op.stage(UploadStage.INDEX, stage -> chunks.size());
                }));                                    // a return is a success; an exception is
                                                        // recorded once, at its stage, and rethrown
        // README:upload-end
    }

    @Test
    void theReadmeExampleRecordsMetricsSpansAndLogs() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
                JsonLogCapture logs = new JsonLogCapture(UploadTelemetry.INSTRUMENTATION_NAME)) {

            example(registry, tracing.openTelemetry(), "doc-readme", 1024, "alice", Duration.ofMillis(40));

            assertThat(tracing.spans()).extracting(s -> s.getName()).containsExactlyInAnyOrder(
                    "document_upload", "process process_document", "document_processing",
                    "document_stage parse", "document_stage ocr", "document_stage chunk",
                    "document_stage embed", "document_stage index");
            assertThat(tracing.span("process process_document").getLinks().get(0).getSpanContext().getSpanId())
                    .isEqualTo(tracing.span("document_upload").getSpanId());
            assertThat(registry.scrape())
                    .contains("upload_requests_total{endpoint=\"/documents\",method=\"POST\",status=\"202\"} 1.0")
                    .contains("documents_processed_total{file_type=\"pdf\",processing_stage=\"index\",status=\"success\"} 1.0")
                    .contains("document_processing_duration_seconds_count{stage=\"ocr\"} 1")
                    .contains("job_queue_size 0.0")
                    .contains("job_processing_duration_seconds_count{job_type=\"process_document\",status=\"success\"} 1")
                    .doesNotContain("status=\"error\"")
                    .doesNotContain("upload_errors_total{");
            assertThat(tracing.spans()).allSatisfy(span ->
                    assertThat(span.getStatus().getStatusCode()).as(span.getName()).isEqualTo(StatusCode.UNSET));
            assertThat(logs.events("document_processing"))
                    .extracting(e -> e.get("document_id").asString() + " " + e.get("stage").asString())
                    .containsExactly("doc-readme upload", "doc-readme parse", "doc-readme ocr",
                            "doc-readme chunk", "doc-readme embed", "doc-readme index");
        }
    }

    @Test
    void theReadmeShowsExactlyThisExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/github/obskit/upload/ReadmeExampleTest.java"));
        String snippet = ReadmeSnippets.between(source, "// README:upload-start", "// README:upload-end");
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).contains("```java\n" + snippet + "```\n");
    }
}
