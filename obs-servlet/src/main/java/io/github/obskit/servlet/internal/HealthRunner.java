package io.github.obskit.servlet.internal;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.servlet.HealthCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs named health checks in parallel on an executor, each bounded by one timeout. A check
 * still running from an earlier call (one that ignores interruption) is joined, not started
 * again, so a hung check never occupies more than one thread.
 */
public final class HealthRunner {

    /** The outcome of one check within one run. */
    public static final class Outcome {

        private final HealthCheck.Result result;
        private final long durationNanos;

        Outcome(HealthCheck.Result result, long durationNanos) {
            this.result = result;
            this.durationNanos = durationNanos;
        }

        /**
         * Returns the check's result.
         *
         * @return the result, unhealthy for a check that threw or timed out
         */
        public HealthCheck.Result result() {
            return result;
        }

        /**
         * Returns how long the run waited for the check.
         *
         * @return nanoseconds
         */
        public long durationNanos() {
            return durationNanos;
        }
    }

    /** One started run of a check, completed by the check's own thread when it returns. */
    private static final class Run {
        final CompletableFuture<HealthCheck.Result> result = new CompletableFuture<>();
        volatile Future<?> task;
        volatile boolean started;
    }

    private final Map<String, HealthCheck> checks;
    private final Duration timeout;
    private final ConcurrentHashMap<String, Run> running = new ConcurrentHashMap<>();

    /**
     * Creates the runner.
     *
     * @param checks the checks by name, in report order
     * @param timeout the longest a run waits for the checks
     */
    public HealthRunner(Map<String, HealthCheck> checks, Duration timeout) {
        this.checks = checks;
        this.timeout = timeout;
    }

    /**
     * Runs every check and waits for them, at most the timeout in total.
     *
     * @param executor where the checks run
     * @return the outcomes by name, in report order
     */
    public Map<String, Outcome> runAll(ExecutorService executor) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Map<String, Run> runs = new LinkedHashMap<>();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, HealthCheck> e : checks.entrySet()) {
            String name = e.getKey();
            Run run = running.get(name);
            if (run == null) {
                Run fresh = new Run();
                run = running.putIfAbsent(name, fresh);
                if (run == null) {
                    run = fresh;
                    // Submitted outside the map's lock: an executor that runs the check on this
                    // thread completes (and unregisters) the run before submit returns.
                    try {
                        start(name, e.getValue(), fresh, executor);
                    } catch (RejectedExecutionException ex) {
                        running.remove(name, fresh);
                        outcomes.put(name, new Outcome(HealthCheck.Result.unhealthy(
                                "not run: the health check executor refused it"), 0));
                        continue;
                    }
                }
            }
            runs.put(name, run);
        }
        Map<String, Outcome> ordered = new LinkedHashMap<>();
        for (String name : checks.keySet()) {
            Run run = runs.get(name);
            if (run == null) {
                ordered.put(name, outcomes.get(name));
                continue;
            }
            ordered.put(name, await(name, run, deadline, start));
        }
        return ordered;
    }

    private void start(String name, HealthCheck check, Run run, ExecutorService executor) {
        run.task = executor.submit(() -> {
            run.started = true;
            try {
                HealthCheck.Result result = check.check();
                run.result.complete(result != null ? result
                        : HealthCheck.Result.unhealthy("the check returned no result"));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                run.result.complete(HealthCheck.Result.unhealthy("interrupted"));
            } catch (Throwable t) {
                OnceLogger.warn("health:" + name, "Health check '" + name + "' failed", t);
                run.result.complete(HealthCheck.Result.unhealthy(
                        "failed: " + t.getClass().getName()));
            } finally {
                running.remove(name, run);
            }
        });
    }

    private Outcome await(String name, Run run, long deadline, long start) {
        try {
            long remaining = Math.max(0, deadline - System.nanoTime());
            HealthCheck.Result result = run.result.get(remaining, TimeUnit.NANOSECONDS);
            return new Outcome(result, System.nanoTime() - start);
        } catch (TimeoutException e) {
            Future<?> task = run.task;
            if (task != null) {
                task.cancel(true);
            }
            if (!run.started) {
                // Cancelled before it ran: nothing will complete or release it.
                running.remove(name, run);
            }
            return new Outcome(HealthCheck.Result.unhealthy("timed out after "
                    + timeout.toMillis() + " ms"), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(HealthCheck.Result.unhealthy("interrupted"),
                    System.nanoTime() - start);
        } catch (ExecutionException e) {
            return new Outcome(HealthCheck.Result.unhealthy("failed: "
                    + e.getCause().getClass().getName()), System.nanoTime() - start);
        }
    }
}
