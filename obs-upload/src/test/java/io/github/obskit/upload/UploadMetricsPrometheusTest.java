package io.github.obskit.upload;

import io.github.obskit.core.operation.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.metrics.Buckets;
import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.metrics.TagPolicy;
import io.github.obskit.testsupport.Promtool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/** Scrapes a real PrometheusMeterRegistry fed by {@link UploadMetrics}. */
class UploadMetricsPrometheusTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void everyMetricHasTheSpecNameAndLabelSet() {
        UploadMetrics metrics = UploadMetrics.create(registry);
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(10);
        queue.add("job-1");
        queue.add("job-2");
        queue.add("job-3");

        metrics.recordUploadRequest("POST", "/documents", 201, Duration.ofMillis(80));
        metrics.recordDocumentProcessed(Outcome.SUCCESS, "application/pdf", UploadStage.INDEX);
        metrics.recordStageDuration(UploadStage.PARSE, Duration.ofSeconds(2));
        metrics.bindJobQueue(queue, BlockingQueue::size);
        metrics.recordJob("process_document", Outcome.ERROR, Duration.ofSeconds(75));
        metrics.recordError(UploadErrorTypes.PARSE, UploadStage.PARSE);

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("# TYPE upload_requests_total counter")
                .contains("upload_requests_total{endpoint=\"/documents\",method=\"POST\",status=\"201\"} 1.0")
                .contains("# TYPE upload_request_duration_seconds histogram")
                .contains("upload_request_duration_seconds_count{endpoint=\"/documents\",method=\"POST\"} 1")
                .contains("upload_request_duration_seconds_bucket{endpoint=\"/documents\",method=\"POST\",le=\"0.1\"} 1")
                .contains("upload_request_duration_seconds_bucket{endpoint=\"/documents\",method=\"POST\",le=\"0.075\"} 0")
                .contains("# TYPE documents_processed_total counter")
                .contains("documents_processed_total{file_type=\"pdf\",processing_stage=\"index\",status=\"success\"} 1.0")
                .contains("# TYPE document_processing_duration_seconds histogram")
                .contains("document_processing_duration_seconds_bucket{stage=\"parse\",le=\"1.0\"} 0")
                .contains("document_processing_duration_seconds_bucket{stage=\"parse\",le=\"2.5\"} 1")
                .contains("# TYPE job_queue_size gauge")
                .contains("job_queue_size 3.0")
                .contains("# TYPE job_processing_duration_seconds histogram")
                .contains("job_processing_duration_seconds_bucket{job_type=\"process_document\",status=\"error\",le=\"60.0\"} 0")
                .contains("job_processing_duration_seconds_bucket{job_type=\"process_document\",status=\"error\",le=\"120.0\"} 1")
                .contains("# TYPE upload_errors_total counter")
                .contains("upload_errors_total{error_type=\"parse\",stage=\"parse\"} 1.0")
                .doesNotContain("quantile=");

        queue.clear();
        assertThat(registry.scrape()).contains("job_queue_size 0.0");
    }

    @Test
    void processingHistogramsHaveSixtySecondsAsABoundaryAndNothingElse() {
        UploadMetrics metrics = UploadMetrics.create(registry);
        metrics.recordStageDuration(UploadStage.EMBED, Duration.ofSeconds(61));

        String scrape = registry.scrape();

        assertThat(Buckets.PROCESSING_SECONDS.contains(60)).isTrue();
        for (double le : Buckets.PROCESSING_SECONDS.boundaries()) {
            assertThat(scrape).contains("document_processing_duration_seconds_bucket{stage=\"embed\",le=\""
                    + le + "\"} " + (le >= 61 ? 1 : 0));
        }
        long buckets = scrape.lines()
                .filter(l -> l.startsWith("document_processing_duration_seconds_bucket{")).count();
        assertThat(buckets).isEqualTo(Buckets.PROCESSING_SECONDS.size() + 1);
    }

    @Test
    void openEndedAndOddValuesAreRecordedUnderSafeValues() {
        UploadMetrics metrics = UploadMetrics.create(registry);

        metrics.recordUploadRequest("BREW", "/documents", 999, Duration.ofMillis(1));
        metrics.recordUploadRequest(null, null, 500, null);
        metrics.recordDocumentProcessed(null, "application/x-unheard-of", UploadStage.of("ocr"));
        metrics.recordDocumentProcessed(Outcome.ERROR, null, null);
        metrics.recordError("disk_on_fire", UploadStage.UPLOAD);
        metrics.recordStageDuration(UploadStage.PARSE, Duration.ofSeconds(-1));
        metrics.recordJob("process_document", Outcome.SUCCESS, null);

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("upload_requests_total{endpoint=\"/documents\",method=\"_OTHER\",status=\"other\"} 1.0")
                .contains("upload_requests_total{endpoint=\"unknown\",method=\"unknown\",status=\"500\"} 1.0")
                .contains("documents_processed_total{file_type=\"other\",processing_stage=\"other\",status=\"unknown\"} 1.0")
                .contains("documents_processed_total{file_type=\"unknown\",processing_stage=\"unknown\",status=\"error\"} 1.0")
                .contains("upload_errors_total{error_type=\"_OTHER\",stage=\"upload\"} 1.0")
                .doesNotContain("document_processing_duration_seconds_count")
                .doesNotContain("job_processing_duration_seconds_count");
    }

    @Test
    void registeredApplicationStagesKeepTheirNameAndPoliciesCanBeOverridden() {
        UploadMetrics metrics = UploadMetrics.builder(registry)
                .stages(UploadStage.of("ocr"))
                .tagPolicies(TagPolicies.builder()
                        .policy(UploadMeters.UPLOAD_REQUESTS, "endpoint", TagPolicy.drop())
                        .build())
                .build();

        metrics.recordStageDuration(UploadStage.of("ocr"), Duration.ofMillis(300));
        metrics.recordStageDuration(UploadStage.of("translate"), Duration.ofMillis(300));
        metrics.recordUploadRequest("POST", "/documents/{id}", 200, Duration.ofMillis(5));

        String scrape = registry.scrape();

        assertThat(metrics.stages()).extracting(UploadStage::name)
                .containsExactly("upload", "parse", "chunk", "embed", "index", "ocr");
        assertThat(scrape)
                .contains("document_processing_duration_seconds_count{stage=\"ocr\"} 1")
                .contains("document_processing_duration_seconds_count{stage=\"other\"} 1")
                .contains("upload_requests_total{method=\"POST\",status=\"200\"} 1.0")
                .contains("upload_request_duration_seconds_count{endpoint=\"/documents/{id}\",method=\"POST\"} 1");
    }

    @Test
    void scrapePassesPromtoolCheckMetricsWithNoFindings() {
        UploadMetrics metrics = UploadMetrics.create(registry);
        Object queue = new Object();
        metrics.bindJobQueue(queue, q -> 7);
        metrics.recordUploadRequest("POST", "/documents", 201, Duration.ofMillis(80));
        metrics.recordDocumentProcessed(Outcome.SUCCESS, "report.md", UploadStage.INDEX);
        metrics.recordStageDuration(UploadStage.CHUNK, Duration.ofMillis(12));
        metrics.recordJob("process_document", Outcome.SUCCESS, Duration.ofSeconds(3));
        metrics.recordError(UploadErrorTypes.TIMEOUT, UploadStage.EMBED);

        Promtool.Result result = Promtool.checkMetrics(registry.scrape());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output()).isEmpty();
    }
}
