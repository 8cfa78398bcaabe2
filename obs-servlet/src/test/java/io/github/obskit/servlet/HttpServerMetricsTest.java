package io.github.obskit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

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
    void failedRequestsCarryErrorTypeAndSuccessfulOnesDoNot() {
        metrics.recordRequest("POST", "/api/upload", 201, "https", null, 2_000_000);
        metrics.recordRequest("POST", "/api/upload", 503, "https", "503", 3_000_000);

        assertThat(registry.get("http.server.request.duration").tag("http.response.status_code", "201")
                .timer().getId().getTag("error.type")).isNull();
        assertThat(registry.get("http.server.request.duration").tag("error.type", "503")
                .timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3.0);
        assertThat(registry.get("http.request.duration").tag("endpoint", "/api/upload").timer()
                .count()).isEqualTo(2);
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
