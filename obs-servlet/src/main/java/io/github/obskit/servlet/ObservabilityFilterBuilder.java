package io.github.obskit.servlet;

import io.github.obskit.core.metrics.MeterFamilies;
import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.metrics.TagValues;
import io.github.obskit.servlet.internal.ExcludedPaths;
import io.github.obskit.servlet.internal.HttpServerInstrumenter;
import io.github.obskit.servlet.internal.RouteResolver;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds an {@link ObservabilityFilter}. Not thread-safe; the filter it builds is immutable.
 *
 * <p>Defaults: tracing off (no server span, no context extraction, the thread's OpenTelemetry
 * context left as the filter finds it; pass the application's instance to get server spans and
 * context propagation), no route templates (endpoints come from the
 * servlet mappings), unmatched requests recorded as {@value #DEFAULT_UNMATCHED_ENDPOINT}, the
 * {@code http_request} access log event on except for {@code /metrics} and {@code /health}
 * ({@link #DEFAULT_ACCESS_LOG_EXCLUDES}), no {@code user_id} in it, no path excluded from metrics
 * or tracing, and the tag keys' default policies.
 *
 * <p>Excluded paths are matched exactly against the request's path after the context path, as
 * the container decoded it for the servlet mapping (servlet path + path info; no query string):
 * {@code /health} excludes {@code /health} and {@code /app/health} under context path {@code
 * /app}, but not {@code /health/ready}, {@code /health/} or {@code /healthz}. There are no
 * prefixes, wildcards or templates: list each path. Each {@code excludeFrom...} call replaces
 * that signal's list; the three lists are independent, so a path can be kept out of the access
 * log yet counted and traced (the default for the scrape and health endpoints), or kept out of
 * everything.
 */
public final class ObservabilityFilterBuilder {

    /** The endpoint recorded for requests no route matched, unless changed. */
    public static final String DEFAULT_UNMATCHED_ENDPOINT = "unmatched";

    /**
     * The paths excluded from the access log unless changed: {@code /metrics} and {@code
     * /health}, where Prometheus scrapes and probes would otherwise write a line every few
     * seconds.
     */
    public static final List<String> DEFAULT_ACCESS_LOG_EXCLUDES = List.of("/metrics", "/health");

    private final MeterRegistry registry;
    private TagPolicies tagPolicies = TagPolicies.defaults();
    private OpenTelemetry openTelemetry;
    private RouteTemplates routes = RouteTemplates.none();
    private String unmatchedEndpoint = DEFAULT_UNMATCHED_ENDPOINT;
    private boolean accessLog = true;
    private Function<? super HttpServletRequest, String> userId;
    private Set<String> accessLogExcludes = Set.copyOf(DEFAULT_ACCESS_LOG_EXCLUDES);
    private Set<String> metricsExcludes = Set.of();
    private Set<String> tracingExcludes = Set.of();

    ObservabilityFilterBuilder(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Sets the OpenTelemetry instance whose tracer starts the server spans and whose propagators
     * extract the parent context from the request headers.
     *
     * @param openTelemetry the application's instance
     * @return this builder
     */
    public ObservabilityFilterBuilder openTelemetry(OpenTelemetry openTelemetry) {
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        return this;
    }

    /**
     * Sets the route templates tried before the servlet mapping, such as {@code
     * /api/documents/{id}}; see {@link RouteTemplates} for the syntax.
     *
     * @param templates the templates, relative to the context path
     * @return this builder
     * @throws IllegalArgumentException when a template is malformed
     */
    public ObservabilityFilterBuilder routes(String... templates) {
        return routes(RouteTemplates.of(templates));
    }

    /**
     * Sets the route templates tried before the servlet mapping.
     *
     * @param templates the templates
     * @return this builder
     */
    public ObservabilityFilterBuilder routes(RouteTemplates templates) {
        this.routes = Objects.requireNonNull(templates, "templates");
        return this;
    }

    /**
     * Sets the endpoint recorded for requests that no route template and no servlet mapping
     * other than the default servlet matched (404 scans, static files).
     *
     * @param endpoint a clean tag value; default {@value #DEFAULT_UNMATCHED_ENDPOINT}
     * @return this builder
     * @throws IllegalArgumentException when the value would not pass {@link TagValues#sanitize}
     *     unchanged
     */
    public ObservabilityFilterBuilder unmatchedEndpoint(String endpoint) {
        if (!TagValues.isClean(endpoint)) {
            throw new IllegalArgumentException("not a clean tag value: '" + endpoint + "'");
        }
        this.unmatchedEndpoint = endpoint;
        return this;
    }

    /**
     * Turns the {@code http_request} access log event on or off.
     *
     * @param enabled {@code false} to log nothing; default {@code true}
     * @return this builder
     */
    public ObservabilityFilterBuilder accessLog(boolean enabled) {
        this.accessLog = enabled;
        return this;
    }

    /**
     * Sets the paths (exact, after the context path) whose requests write no access log event;
     * default {@code /metrics} and {@code /health}, no arguments logs every request.
     *
     * @param paths the paths, each starting with {@code /}; replaces the previous list
     * @return this builder
     * @throws IllegalArgumentException when a path does not start with {@code /} or has a
     *     {@code *}, {@code ?} or <code>{</code> (exact paths only)
     */
    public ObservabilityFilterBuilder excludeFromAccessLog(String... paths) {
        this.accessLogExcludes = paths(paths);
        return this;
    }

    /**
     * Sets the paths (exact, after the context path) whose requests record none of the {@link
     * HttpServerMeters}, the in-flight gauge included; default none.
     *
     * @param paths the paths, each starting with {@code /}; replaces the previous list
     * @return this builder
     * @throws IllegalArgumentException when a path does not start with {@code /} or has a
     *     {@code *}, {@code ?} or <code>{</code> (exact paths only)
     */
    public ObservabilityFilterBuilder excludeFromMetrics(String... paths) {
        this.metricsExcludes = paths(paths);
        return this;
    }

    /**
     * Sets the paths (exact, after the context path) whose requests get no server span, no
     * context extraction and no MDC entries, the thread's context left as it is; default none.
     *
     * @param paths the paths, each starting with {@code /}; replaces the previous list
     * @return this builder
     * @throws IllegalArgumentException when a path does not start with {@code /} or has a
     *     {@code *}, {@code ?} or <code>{</code> (exact paths only)
     */
    public ObservabilityFilterBuilder excludeFromTracing(String... paths) {
        this.tracingExcludes = paths(paths);
        return this;
    }

    /**
     * Sets how the {@code user_id} of the access log event is read from a request, for example
     * from a request attribute the application's authentication sets. It is logged only, never
     * used as a metric tag.
     *
     * @param userId returns the user id or {@code null}; if it throws, the event is logged
     *     without {@code user_id}
     * @return this builder
     */
    public ObservabilityFilterBuilder userId(Function<? super HttpServletRequest, String> userId) {
        this.userId = Objects.requireNonNull(userId, "userId");
        return this;
    }

    /**
     * Sets tag policy overrides for the HTTP server meters, such as a different limit of
     * distinct endpoints.
     *
     * @param policies the overrides
     * @return this builder
     */
    public ObservabilityFilterBuilder tagPolicies(TagPolicies policies) {
        this.tagPolicies = Objects.requireNonNull(policies, "policies");
        return this;
    }

    /**
     * Builds the filter and registers its meters' families in the registry.
     *
     * @return the filter
     */
    public ObservabilityFilter build() {
        HttpServerMetrics metrics = HttpServerMetrics.create(MeterFamilies.of(registry, tagPolicies,
                java.util.List.of(HttpServerMeters.values())));
        return new ObservabilityFilter(new HttpServerInstrumenter(metrics, openTelemetry,
                new RouteResolver(routes), unmatchedEndpoint, accessLog, userId, excludedPaths()));
    }

    private static Set<String> paths(String... paths) {
        Objects.requireNonNull(paths, "paths");
        for (String path : paths) {
            ExcludedPaths.checkPath(path);
        }
        return Set.copyOf(Arrays.asList(paths));
    }

    private ExcludedPaths excludedPaths() {
        Map<String, Integer> signals = new LinkedHashMap<>();
        accessLogExcludes.forEach(p -> signals.merge(p, ExcludedPaths.ACCESS_LOG, (a, b) -> a | b));
        metricsExcludes.forEach(p -> signals.merge(p, ExcludedPaths.METRICS, (a, b) -> a | b));
        tracingExcludes.forEach(p -> signals.merge(p, ExcludedPaths.TRACING, (a, b) -> a | b));
        return ExcludedPaths.of(signals);
    }
}
