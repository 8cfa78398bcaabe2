package io.github.obskit.servlet;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.metrics.MeterFamilies;
import io.github.obskit.core.metrics.MeterFamily;
import io.github.obskit.servlet.internal.ActiveRequests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Records the {@link HttpServerMeters} of one HTTP server. {@link ObservabilityFilter} uses it
 * for every request; applications that observe requests another way (a non-servlet server, a
 * framework's own hooks) can call it directly. Thread-safe; recording never throws. The meters
 * of tag values already seen are pre-resolved: recording looks them up without Micrometer's
 * builders and allocates nothing. A successful request is recorded with the empty {@code
 * error.type}, so every series of that metric has the same tag keys.
 *
 * <pre>{@code
 * HttpServerMetrics http = HttpServerMetrics.create(registry);
 * http.requestStarted("GET", "https");
 * ...
 * http.requestFinished("GET", "https");
 * http.recordRequest("GET", "/api/documents/{id}", 200, "https", null, elapsedNanos);
 * }</pre>
 */
public final class HttpServerMetrics {

    private static final String[] STATUS_STRINGS = new String[600];

    static {
        for (int code = 100; code < STATUS_STRINGS.length; code++) {
            STATUS_STRINGS[code] = Integer.toString(code);
        }
    }

    private final MeterFamily<Counter> requests;
    private final MeterFamily<Timer> duration;
    private final MeterFamily<Timer> serverDuration;
    private final ActiveRequests active;

    private HttpServerMetrics(MeterFamilies families) {
        this.requests = families.counter(HttpServerMeters.HTTP_REQUESTS);
        this.duration = families.timer(HttpServerMeters.HTTP_REQUEST_DURATION);
        this.serverDuration = families.timer(HttpServerMeters.SERVER_REQUEST_DURATION);
        this.active = new ActiveRequests(families, HttpServerMeters.SERVER_ACTIVE_REQUESTS);
    }

    /**
     * Creates the recorder with every tag key on its default policy.
     *
     * @param registry where the meters are registered
     * @return the recorder
     */
    public static HttpServerMetrics create(MeterRegistry registry) {
        return create(MeterFamilies.of(registry));
    }

    /**
     * Creates the recorder over families that carry the application's tag policy overrides.
     *
     * @param families the meter families to register the meters through
     * @return the recorder
     */
    public static HttpServerMetrics create(MeterFamilies families) {
        return new HttpServerMetrics(Objects.requireNonNull(families, "families"));
    }

    /**
     * Records one finished request in {@code http.requests}, {@code http.request.duration} and
     * {@code http.server.request.duration}.
     *
     * @param method the request method as received; unknown methods are recorded as {@code _OTHER}
     * @param endpoint the route template, never the raw path
     * @param status the response status code; values outside 100..599 are recorded as {@code other}
     * @param scheme {@code http} or {@code https}
     * @param errorType the exception class or 5xx status code of a failed request; {@code null}
     *     for a successful one, recorded as the empty {@code error.type}
     * @param durationNanos the duration of the request in nanoseconds
     */
    public void recordRequest(String method, String endpoint, int status, String scheme,
            String errorType, long durationNanos) {
        try {
            // Out-of-range codes are rare; the allow-list records them as 'other'.
            String statusValue = status >= 100 && status < STATUS_STRINGS.length
                    ? STATUS_STRINGS[status] : Integer.toString(status);
            requests.get(method, endpoint, statusValue).increment();
            duration.get(method, endpoint).record(durationNanos, TimeUnit.NANOSECONDS);
            serverDuration.get(method, endpoint, statusValue, scheme, errorType)
                    .record(durationNanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            OnceLogger.warn("http.record", "Could not record an HTTP request metric", e);
        }
    }

    /**
     * Counts a request in {@code http.server.active_requests} until {@link
     * #requestFinished(String, String)} is called with the same values.
     *
     * @param method the request method as received
     * @param scheme {@code http} or {@code https}
     */
    public void requestStarted(String method, String scheme) {
        active.add(method, scheme, 1);
    }

    /**
     * Stops counting a request started with {@link #requestStarted(String, String)}.
     *
     * @param method the request method as received
     * @param scheme {@code http} or {@code https}
     */
    public void requestFinished(String method, String scheme) {
        active.add(method, scheme, -1);
    }
}
