package io.github.obskit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.metrics.StandardTagKeys;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The typed recorder on its own, as a non-servlet server would use it. */
class HttpServerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HttpServerMetrics metrics = HttpServerMetrics.create(registry);

    @Test
    void oddValuesAreRecordedUnderSafeValuesAndNeverThrow() {
        metrics.recordRequest(null, null, 42, null, null, 1_000);
        metrics.recordRequest("get", "/x", 700, "ftp", null, 1_000);

        assertThat(registry.get("http.requests").tag("method", "unknown").tag("endpoint", "unknown")
                .tag("status", "other").counter().count()).isEqualTo(1);
        assertThat(registry.get("http.requests").tag("method", "_OTHER").tag("endpoint", "/x")
                .tag("status", "other").counter().count()).isEqualTo(1);
        assertThat(registry.get("http.server.request.duration").tag("url.scheme", "other")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void failedRequestsCarryErrorTypeAndSuccessfulOnesTheEmptyValue() {
        metrics.recordRequest("POST", "/api/upload", 201, "https", null, 2_000_000);
        metrics.recordRequest("POST", "/api/upload", 503, "https", "503", 3_000_000);

        assertThat(registry.get("http.server.request.duration").tag("http.response.status_code", "201")
                .tag("error.type", "").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2.0);
        assertThat(registry.get("http.server.request.duration").tag("error.type", "503")
                .timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3.0);
        assertThat(registry.find("http.server.request.duration").timers())
                .hasSize(2)
                .allSatisfy(t -> assertThat(t.getId().getTags()).extracting(Tag::getKey)
                        .containsExactlyInAnyOrder("http.request.method", "http.route",
                                "http.response.status_code", "url.scheme", "error.type"));
        assertThat(registry.get("http.request.duration").tag("endpoint", "/api/upload").timer()
                .count()).isEqualTo(2);
    }

    @Test
    void errorTypesBeyondTheSharedLimitAreRecordedAsOther() {
        for (int i = 0; i < StandardTagKeys.MAX_ERROR_TYPES + 5; i++) {
            metrics.recordRequest("GET", "/x", 500, "http", "com.example.Failure" + i, 1_000);
        }
        metrics.recordRequest("GET", "/x", 200, "http", null, 1_000);

        assertThat(registry.find("http.server.request.duration").timers())
                .hasSize(StandardTagKeys.MAX_ERROR_TYPES + 2);
        assertThat(registry.get("http.server.request.duration").tag("error.type", "_OTHER").timer()
                .count()).isEqualTo(5);
        assertThat(registry.get("http.server.request.duration").tag("error.type", "").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void activeRequestsGoUpAndDownPerMethodAndScheme() {
        metrics.requestStarted("GET", "https");
        metrics.requestStarted("GET", "https");
        metrics.requestStarted("PROPFIND", "http");
        metrics.requestFinished("GET", "https");

        assertThat(registry.get("http.server.active_requests").tag("http.request.method", "GET")
                .tag("url.scheme", "https").gauge().value()).isEqualTo(1);
        assertThat(registry.get("http.server.active_requests").tag("http.request.method", "_OTHER")
                .tag("url.scheme", "http").gauge().value()).isEqualTo(1);
        assertThat(registry.find("http.server.active_requests").gauges()).hasSize(2);
    }
}
