package io.github.obskit.servlet;

import io.github.obskit.servlet.internal.HealthRunner;
import io.github.obskit.core.internal.JsonText;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the health of an application on GET (typically mapped to {@code /health}): runs its
 * named {@link HealthCheck}s in parallel and answers with a JSON document, HTTP 200 when every
 * check passes and 503 otherwise:
 *
 * <pre>{@code
 * {"status":"UP","checks":{"database":{"status":"UP","duration_ms":1.8},
 *   "llm":{"status":"DOWN","duration_ms":2000.4,"detail":"timed out after 2000 ms"}}}
 * }</pre>
 *
 * <p>A check that throws (its class name is reported, its message is not, so that secrets in
 * messages stay out of an unauthenticated endpoint; the exception is logged once), returns
 * {@code null}, or runs past the timeout counts as failed; a check that times out is
 * interrupted. A check still running from an earlier request is waited for rather than started
 * again, so a hung check holds at most one thread.
 *
 * <p>Checks run on the executor given to the builder (left open on {@link #destroy()}: its
 * owner closes it) or, by default, on a small pool the servlet creates in {@link #init()} with
 * one daemon thread per check at most, shut down in {@link #destroy()}.
 */
public final class HealthServlet extends HttpServlet {

    /** The timeout of a health request unless changed: 5 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final long serialVersionUID = 1L;
    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final transient Map<String, HealthCheck> checks;
    private final transient HealthRunner runner;
    private final transient ExecutorService givenExecutor;
    private transient ExecutorService ownedExecutor;
    private transient boolean destroyed;

    private HealthServlet(Builder builder) {
        this.checks = Collections.unmodifiableMap(new LinkedHashMap<>(builder.checks));
        this.runner = new HealthRunner(checks, builder.timeout);
        this.givenExecutor = builder.executor;
    }

    /**
     * Starts a builder. Defaults: no checks (always 200), a 5 s timeout, an executor owned by the
     * servlet.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the checks.
     *
     * @return the checks by name, in report order
     */
    public Map<String, HealthCheck> checks() {
        return checks;
    }

    /** Creates the servlet's own executor, unless one was given. */
    @Override
    public void init() {
        executor();
    }

    /** Shuts down the servlet's own executor, interrupting checks still running. */
    @Override
    public void destroy() {
        ExecutorService owned;
        synchronized (this) {
            destroyed = true;
            owned = ownedExecutor;
            ownedExecutor = null;
        }
        if (owned != null) {
            owned.shutdownNow();
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ExecutorService executor = executor();
        if (executor == null) {
            // Destroyed: the application is being undeployed, so it is not healthy.
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        Map<String, HealthRunner.Outcome> outcomes = runner.runAll(executor);
        boolean healthy = true;
        StringBuilder checksJson = new StringBuilder(64 + 64 * outcomes.size());
        checksJson.append('{');
        boolean first = true;
        for (Map.Entry<String, HealthRunner.Outcome> e : outcomes.entrySet()) {
            HealthCheck.Result result = e.getValue().result();
            healthy &= result.isHealthy();
            if (!first) {
                checksJson.append(',');
            }
            first = false;
            JsonText.appendString(checksJson, e.getKey()).append(":{\"status\":");
            JsonText.appendString(checksJson, result.isHealthy() ? "UP" : "DOWN");
            checksJson.append(",\"duration_ms\":")
                    .append(Math.round(e.getValue().durationNanos() / 1_000d) / 1_000d);
            if (result.detail().isPresent()) {
                checksJson.append(",\"detail\":");
                JsonText.appendString(checksJson, result.detail().get());
            }
            checksJson.append('}');
        }
        checksJson.append('}');
        String body = "{\"status\":\"" + (healthy ? "UP" : "DOWN") + "\",\"checks\":"
                + checksJson + "}";
        response.setStatus(healthy ? HttpServletResponse.SC_OK
                : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The executor checks run on; {@code null} once destroyed, so no pool is made again. */
    private synchronized ExecutorService executor() {
        if (givenExecutor != null) {
            return givenExecutor;
        }
        if (destroyed) {
            return null;
        }
        if (ownedExecutor == null) {
            int threads = Math.max(1, checks.size());
            int pool = POOL_IDS.incrementAndGet();
            AtomicInteger ids = new AtomicInteger();
            ThreadFactory factory = task -> {
                Thread t = new Thread(task, "obskit-health-" + pool + "-" + ids.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60,
                    TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
            executor.allowCoreThreadTimeOut(true);
            ownedExecutor = executor;
        }
        return ownedExecutor;
    }

    /** Builds a {@link HealthServlet}. Not thread-safe. */
    public static final class Builder {

        private final Map<String, HealthCheck> checks = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private ExecutorService executor;

        private Builder() {
        }

        /**
         * Adds a named check.
         *
         * @param name unique, shown in the JSON
         * @param check the check
         * @return this builder
         * @throws IllegalArgumentException when the name is already used
         */
        public Builder check(String name, HealthCheck check) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(check, "check");
            if (checks.putIfAbsent(name, check) != null) {
                throw new IllegalArgumentException("duplicate health check name: " + name);
            }
            return this;
        }

        /**
         * Sets the longest a health request waits for its checks.
         *
         * @param timeout positive; default {@link HealthServlet#DEFAULT_TIMEOUT}
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Runs the checks on the application's executor instead of the servlet's own. The
         * servlet does not shut it down.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Builds the servlet.
         *
         * @return the servlet
         */
        public HealthServlet build() {
            return new HealthServlet(this);
        }
    }
}
