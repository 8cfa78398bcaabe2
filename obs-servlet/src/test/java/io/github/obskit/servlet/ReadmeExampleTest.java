package io.github.obskit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.ReadmeSnippets;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The README's obs-servlet section is the body of {@link #example}; this keeps them equal and runs it in Jetty. */
class ReadmeExampleTest {

    private static void example(PrometheusMeterRegistry registry, OpenTelemetry openTelemetry,
            ServletContext servletContext) {
        // README:servlet-start
        ObservabilityFilter filter = ObservabilityFilter.builder(registry)
                .openTelemetry(openTelemetry)                  // default: no tracing
                .routes("/api/documents/{id}", "/api/chat/{sessionId}/messages")
                .build();
        FilterRegistration.Dynamic f = servletContext.addFilter("observability", filter);
        f.setAsyncSupported(true);
        f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");

        servletContext.addServlet("metrics", new PrometheusScrapeServlet(registry))
                .addMapping("/metrics");
        servletContext.addServlet("health", HealthServlet.builder()
                .check("database", () -> HealthCheck.Result.healthy())
                .timeout(Duration.ofSeconds(2))
                .build()).addMapping("/health");
        // README:servlet-end
    }

    @Test
    void theReadmeExampleServesMetricsAndHealthInJetty() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        server.setHandler(context);
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry()) {
            context.addServletContainerInitializer((classes, servletContext) ->
                    example(registry, tracing.openTelemetry(), servletContext));
            server.start();
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("http_requests_total{endpoint=\"/health\",method=\"GET\",status=\"200\"} 1.0");
            assertThat(tracing.spans()).extracting(s -> s.getName()).contains("GET /health");
        } finally {
            server.stop();
        }
    }

    @Test
    void theReadmeShowsExactlyThisExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/github/obskit/servlet/ReadmeExampleTest.java"));
        String snippet = ReadmeSnippets.between(source, "// README:servlet-start", "// README:servlet-end");
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).contains("```java\n" + snippet + "```\n");
    }
}
