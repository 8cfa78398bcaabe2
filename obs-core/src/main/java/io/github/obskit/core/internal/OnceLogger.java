package io.github.obskit.core.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a warning the first time a given problem occurs and stays silent afterwards, so that a
 * misbehaving input on a hot path cannot flood the logs. Problems are identified by a key built
 * from code-defined names (metric name, key name), never from user values, so the set of keys
 * stays small.
 */
public final class OnceLogger {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.obskit");
    private static final int MAX_KEYS = 10_000;
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private OnceLogger() {
    }

    /**
     * Logs {@code message} at WARN the first time {@code problem} is reported.
     *
     * @param problem identifies the problem; reports with the same key after the first are dropped
     * @param message what happened and what obskit did instead
     * @param cause the exception, or {@code null}
     */
    public static void warn(String problem, String message, Throwable cause) {
        if (SEEN.size() >= MAX_KEYS || !SEEN.add(problem)) {
            return;
        }
        try {
            LOG.warn(message, cause);
        } catch (RuntimeException ignored) {
            // A failing logging backend must not break the caller.
        }
    }
}
