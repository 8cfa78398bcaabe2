package io.github.obskit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The health servlet on a real Jetty. */
class HealthServletTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CountDownLatch release = new CountDownLatch(1);
    private JettyServer server;

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> health(HealthServlet servlet) throws Exception {
        server = new JettyServer().servlet("/health", servlet).start();
        return server.get("/health");
    }

    @Test
    void allChecksPassingAnswer200WithNamedChecks() throws Exception {
        HttpResponse<String> response = health(HealthServlet.builder()
                .check("database", HealthCheck.Result::healthy)
                .check("embedding model", () -> HealthCheck.Result.healthy("all-minilm-l6-v2"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asString()).isEqualTo("UP");
        assertThat(body.get("checks").propertyNames()).containsExactly("database", "embedding model");
        assertThat(body.get("checks").get("database").get("status").asString()).isEqualTo("UP");
        assertThat(body.get("checks").get("database").get("duration_ms").isNumber()).isTrue();
        assertThat(body.get("checks").get("embedding model").get("detail").asString())
                .isEqualTo("all-minilm-l6-v2");
    }

    @Test
    void anUnhealthyCheckAnswers503() throws Exception {
        HttpResponse<String> response = health(HealthServlet.builder()
                .check("database", HealthCheck.Result::healthy)
                .check("queue", () -> HealthCheck.Result.unhealthy("backlog \"12000\" jobs"))
                .build());

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asString()).isEqualTo("DOWN");
        assertThat(body.get("checks").get("database").get("status").asString()).isEqualTo("UP");
        assertThat(body.get("checks").get("queue").get("status").asString()).isEqualTo("DOWN");
        assertThat(body.get("checks").get("queue").get("detail").asString())
                .isEqualTo("backlog \"12000\" jobs");
    }

    @Test
    void aThrowingOrNullCheckFailsWithoutLeakingTheMessage() throws Exception {
        HttpResponse<String> response = health(HealthServlet.builder()
                .check("llm", () -> {
                    throw new IllegalStateException("password=hunter2");
                })
                .check("silent", () -> null)
                .build());

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode checks = JSON.readTree(response.body()).get("checks");
        assertThat(checks.get("llm").get("status").asString()).isEqualTo("DOWN");
        assertThat(checks.get("llm").get("detail").asString())
                .isEqualTo("failed: java.lang.IllegalStateException");
        assertThat(checks.get("silent").get("status").asString()).isEqualTo("DOWN");
        assertThat(response.body()).doesNotContain("hunter2");
    }

    @Test
    void aCheckPastTheTimeoutFailsAndIsJoinedRatherThanStartedAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        HttpResponse<String> first = health(HealthServlet.builder()
                .timeout(Duration.ofMillis(200))
                .check("database", HealthCheck.Result::healthy)
                .check("stuck", () -> {
                    runs.incrementAndGet();
                    // Ignores interruption, like a blocking driver call.
                    while (true) {
                        try {
                            release.await();
                            return HealthCheck.Result.healthy();
                        } catch (InterruptedException ignored) {
                            // keep waiting
                        }
                    }
                })
                .build());

        assertThat(first.statusCode()).isEqualTo(503);
        JsonNode checks = JSON.readTree(first.body()).get("checks");
        assertThat(checks.get("database").get("status").asString()).isEqualTo("UP");
        assertThat(checks.get("stuck").get("status").asString()).isEqualTo("DOWN");
        assertThat(checks.get("stuck").get("detail").asString()).isEqualTo("timed out after 200 ms");
        assertThat(checks.get("stuck").get("duration_ms").asDouble()).isGreaterThanOrEqualTo(200);

        HttpResponse<String> second = server.get("/health");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(runs).hasValue(1);

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.get("/health").statusCode() == 200);
        assertThat(runs).hasValue(2);
    }

    @Test
    void destroyShutsDownTheServletsOwnExecutor() throws Exception {
        AtomicReference<Thread> checkThread = new AtomicReference<>();
        HttpResponse<String> response = health(HealthServlet.builder()
                .check("database", () -> {
                    checkThread.set(Thread.currentThread());
                    return HealthCheck.Result.healthy();
                })
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(checkThread.get().getName()).startsWith("obskit-health-");
        assertThat(checkThread.get().isDaemon()).isTrue();
        // Idle, the pool keeps its thread for 60 s; a shut-down pool ends it at once.
        assertThat(checkThread.get().isAlive()).isTrue();

        server.close();
        server = null;

        await().atMost(Duration.ofSeconds(10)).until(() -> !checkThread.get().isAlive());
    }

    @Test
    void afterDestroyRequestsAnswer503AndNoNewPoolIsMade() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        HealthServlet servlet = HealthServlet.builder()
                .check("database", () -> {
                    runs.incrementAndGet();
                    return HealthCheck.Result.healthy();
                })
                .build();
        assertThat(health(servlet).statusCode()).isEqualTo(200);

        servlet.destroy();

        assertThat(server.get("/health").statusCode()).isEqualTo(503);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aGivenExecutorRunsTheChecksAndStaysOpen() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-health"));
        try {
            AtomicReference<String> threadName = new AtomicReference<>();
            HttpResponse<String> response = health(HealthServlet.builder()
                    .executor(executor)
                    .check("database", () -> {
                        threadName.set(Thread.currentThread().getName());
                        return HealthCheck.Result.healthy();
                    })
                    .build());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(threadName).hasValue("app-health");

            server.close();
            server = null;

            assertThat(executor.isShutdown()).isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void anExecutorThatRunsChecksOnTheCallingThreadGetsAFreshResultEveryTime() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        HttpResponse<String> first = health(HealthServlet.builder()
                .executor(new CallingThreadExecutor())
                .check("queue", () -> runs.incrementAndGet() == 1 ? HealthCheck.Result.healthy()
                        : HealthCheck.Result.unhealthy("backlog"))
                .build());
        HttpResponse<String> second = server.get("/health");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(second.body()).get("checks").get("queue").get("detail").asString())
                .isEqualTo("backlog");
        assertThat(runs).hasValue(2);
    }

    /** Runs every task at once on the thread that submits it, as a direct executor does. */
    private static final class CallingThreadExecutor extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }

    @Test
    void noChecksIsHealthyAndBadConfigurationIsRejected() throws Exception {
        HttpResponse<String> response = health(HealthServlet.builder().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{}}");
        assertThatThrownBy(() -> HealthServlet.builder().check("a", HealthCheck.Result::healthy)
                .check("a", HealthCheck.Result::healthy)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HealthServlet.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
