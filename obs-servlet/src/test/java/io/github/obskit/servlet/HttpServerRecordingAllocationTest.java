package io.github.obskit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.testsupport.ThreadAllocation;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * Recording a request whose tag values were seen before allocates nothing: the three HTTP
 * metrics (including the five-key {@code http.server.request.duration}) and the in-flight gauge.
 */
class HttpServerRecordingAllocationTest {

    private static final int OPERATIONS = 200_000;

    @Test
    void recordingSeenRequestsDoesNotAllocate() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpServerMetrics http = HttpServerMetrics.create(registry);
        String[] methods = {"GET", "POST", "BREW"};
        int[] statuses = {200, 201, 404, 503};

        long allocated = ThreadAllocation.bytesAllocatedBy(OPERATIONS, i -> {
            String method = methods[i % methods.length];
            http.requestStarted(method, "https");
            int status = statuses[i % statuses.length];
            http.recordRequest(method, "/api/documents/{id}", status, "https",
                    status >= 500 ? "503" : null, 1_000_000L + i);
            http.requestFinished(method, "https");
        });

        assertThat(allocated).as("bytes allocated by %d requests", OPERATIONS)
                .isLessThan(ThreadAllocation.ONE_OFF_ALLOWANCE_BYTES);
        assertThat(registry.get("http.requests").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(2.0 * OPERATIONS);
        assertThat(registry.scrape())
                .contains("http_server_request_duration_seconds_count{error_type=\"503\","
                        + "http_request_method=\"_OTHER\"");
    }
}
