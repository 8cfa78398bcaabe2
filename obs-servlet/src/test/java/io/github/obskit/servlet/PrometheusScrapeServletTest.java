package io.github.obskit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.testsupport.Promtool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.Collector;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scrape servlet on a real Jetty, with content negotiation. */
class PrometheusScrapeServletTest {

    /** What Prometheus 2.42 sends when scraping. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.5,"
            + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private JettyServer server;

    @BeforeEach
    void start() throws Exception {
        Counter.builder("upload.requests").description("Total number of upload requests")
                .tag("status", "success").register(registry).increment(3);
        Counter.builder("documents.processed").description("Total number of documents processed")
                .register(registry).increment();
        server = new JettyServer().servlet("/metrics", new PrometheusScrapeServlet(registry)).start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void withoutAcceptHeaderServesThePrometheusTextFormatThatPassesPromtool() {
        HttpResponse<String> response = server.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v.replace(" ", ""))
                        .isEqualToIgnoringCase("text/plain;version=0.0.4;charset=utf-8"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body())
                .contains("# TYPE upload_requests_total counter")
                .contains("upload_requests_total{status=\"success\"} 3.0")
                .doesNotContain("# EOF");
        Promtool.Result promtool = Promtool.checkMetrics(response.body());
        assertThat(promtool.exitCode()).as(promtool.toString()).isZero();
        assertThat(promtool.output()).isEmpty();
    }

    @Test
    void prometheusAcceptHeaderGetsOpenMetrics() {
        HttpResponse<String> response = server.get("/metrics", Map.of("Accept", PROMETHEUS_ACCEPT));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v.replace(" ", "")).isEqualToIgnoringCase(
                        "application/openmetrics-text;version=1.0.0;charset=utf-8"));
        assertThat(response.body())
                .contains("# TYPE upload_requests counter")
                .contains("upload_requests_total{status=\"success\"} 3.0")
                .endsWith("# EOF\n");
    }

    @Test
    void openMetricsRefusedWithQualityZeroOrNotOfferedGetsText() {
        assertThat(server.get("/metrics", Map.of("Accept", "application/openmetrics-text;q=0, text/plain"))
                .headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(server.get("/metrics", Map.of("Accept", "text/plain;version=0.0.4"))
                .body()).doesNotContain("# EOF");
        assertThat(PrometheusScrapeServlet.negotiate("*/*")).isEqualTo(PrometheusScrapeServlet.TEXT_FORMAT);
        assertThat(PrometheusScrapeServlet.negotiate("Application/OpenMetrics-Text; q=0.9"))
                .isEqualTo(PrometheusScrapeServlet.OPENMETRICS_FORMAT);
        assertThat(PrometheusScrapeServlet.negotiate("application/openmetrics-text;q=oops"))
                .isEqualTo(PrometheusScrapeServlet.TEXT_FORMAT);
        assertThat(PrometheusScrapeServlet.negotiate(null)).isEqualTo(PrometheusScrapeServlet.TEXT_FORMAT);
    }

    @Test
    void nameParametersLimitTheScrape() {
        HttpResponse<String> response = server.get("/metrics?name[]=documents_processed_total");

        assertThat(response.body()).contains("documents_processed_total 1.0")
                .doesNotContain("upload_requests_total");
        assertThat(server.get("/metrics?name[]=upload_requests&name[]=absent").body())
                .contains("upload_requests_total{status=\"success\"} 3.0")
                .doesNotContain("documents_processed_total");
    }

    @Test
    void aFailingScrapeAnswers500RatherThanATruncatedSuccess() {
        Collector failing = () -> {
            throw new IllegalStateException("collector failed");
        };
        registry.getPrometheusRegistry().register(failing);

        HttpResponse<String> response = server.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("upload_requests_total")
                .doesNotContain("collector failed");
    }
}
