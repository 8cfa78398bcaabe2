package io.github.obskit.servlet;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.servlet.internal.AccessLog;
import io.github.obskit.servlet.internal.HttpServerInstrumenter;
import io.github.obskit.servlet.internal.RequestObservation;
import io.github.obskit.servlet.internal.RequestScope;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A servlet filter that observes every HTTP request of an application: metrics, a server span
 * and an access log event, correlated by trace id. Create it with {@link
 * #builder(MeterRegistry)}, then register it for all paths with {@code asyncSupported} and the
 * {@code REQUEST} and {@code ASYNC} dispatcher types:
 *
 * <pre>{@code
 * ObservabilityFilter filter = ObservabilityFilter.builder(registry)
 *         .openTelemetry(openTelemetry)
 *         .routes("/api/documents/{id}", "/api/chat/{sessionId}/messages")
 *         .build();
 * FilterRegistration.Dynamic registration = servletContext.addFilter("observability", filter);
 * registration.setAsyncSupported(true);
 * registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC),
 *         false, "/*");
 * }</pre>
 *
 * <p>Per request it records:
 *
 * <ul>
 *   <li>the {@link HttpServerMeters}: {@code http_requests_total{method,endpoint,status}},
 *       {@code http_request_duration_seconds{method,endpoint}}, OpenTelemetry's {@code
 *       http.server.request.duration} (with {@code error.type} empty on success) and {@code
 *       http.server.active_requests};</li>
 *   <li>a server span named {@code {method} {route}}, child of the context the application's
 *       propagators extract from the request headers (W3C {@code traceparent}, {@code
 *       tracestate}, {@code baggage} with the usual propagators). Invalid or oversized headers
 *       are ignored (the span starts a new trace, or continues the span already current on the
 *       thread, if any); they never fail the request;</li>
 *   <li>{@code trace_id} and {@code span_id} in the SLF4J MDC while the application handles the
 *       request on the container's threads (the original dispatch and async dispatches), removed
 *       afterwards, also when an exception escapes;</li>
 *   <li>the {@value #ACCESS_LOG_EVENT_TYPE} event, written through obs-core's {@code
 *       StructuredLogger} at INFO on the logger {@value #ACCESS_LOGGER_NAME}, with {@code event_type}, {@code method}, {@code
 *       endpoint}, {@code status}, {@code duration_ms}, {@code trace_id}, {@code span_id} as
 *       key-value pairs (JSON fields with logstash-logback-encoder), plus {@code error_type}
 *       on failure and {@code user_id} when configured; it can be turned off.</li>
 * </ul>
 *
 * <p>Requests to {@code /metrics} and {@code /health} write no access log event by default
 * (Prometheus scrapes and probes would write one every few seconds); they are still counted and
 * traced. The builder's {@code excludeFromAccessLog}, {@code excludeFromMetrics} and {@code
 * excludeFromTracing} set those lists of exact paths (after the context path), one per signal.
 *
 * <p>Without an OpenTelemetry instance, and for paths excluded from tracing, the filter records
 * no span, extracts no context and leaves the thread's OpenTelemetry context and MDC as it finds
 * them, so a span made current by other instrumentation (a Java agent, an outer filter) stays
 * current for the application, and its ids are the ones the {@code http_request} event carries.
 *
 * <p>The {@code endpoint} is a route template, never the raw path: the first of the
 * application's {@link RouteTemplates} that matches, otherwise the pattern of the servlet
 * mapping that serves the request ({@code /health}, {@code /api/*}), with the context path in
 * front. Requests served by the default servlet (404 scans, static files) share one endpoint,
 * {@value ObservabilityFilterBuilder#DEFAULT_UNMATCHED_ENDPOINT} by default. Methods outside
 * RFC 9110 and PATCH are recorded as {@code _OTHER}.
 *
 * <p>A request that starts async processing is measured until its async cycle completes, not
 * until the first dispatch returns. An exception escaping the filter chain is recorded as status
 * 500 with {@code error.type} set to its class, and rethrown unchanged. The filter itself never
 * throws into the application: if observing fails, the request is served unobserved and the
 * problem is logged once. Work the application hands to its own threads carries the span only
 * if the application propagates the OpenTelemetry context.
 */
public final class ObservabilityFilter implements Filter {

    /** The logger the {@code http_request} event is written to. */
    public static final String ACCESS_LOGGER_NAME = AccessLog.LOGGER_NAME;

    /** The {@code event_type} of the access log event. */
    public static final String ACCESS_LOG_EVENT_TYPE = AccessLog.EVENT_TYPE;

    private final HttpServerInstrumenter instrumenter;

    ObservabilityFilter(HttpServerInstrumenter instrumenter) {
        this.instrumenter = instrumenter;
    }

    /**
     * Starts a builder. Defaults: no tracing, no route templates, access log on except for
     * {@code /metrics} and {@code /health}, no path excluded from metrics or tracing, default
     * tag policies.
     *
     * @param registry where the HTTP server meters are registered
     * @return the builder
     */
    public static ObservabilityFilterBuilder builder(MeterRegistry registry) {
        return new ObservabilityFilterBuilder(registry);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest httpRequest = (HttpServletRequest) request;
        DispatcherType dispatcherType;
        Object existing;
        try {
            dispatcherType = httpRequest.getDispatcherType();
            existing = httpRequest.getAttribute(RequestObservation.ATTRIBUTE);
        } catch (RuntimeException e) {
            OnceLogger.warn("http.dispatch", "Could not read the dispatch of an HTTP request; it "
                    + "is served unobserved", e);
            chain.doFilter(request, response);
            return;
        }
        if (existing instanceof RequestObservation) {
            if (dispatcherType == DispatcherType.ASYNC) {
                continueAsync((RequestObservation) existing, request, response, chain);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (dispatcherType != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        RequestObservation observation =
                instrumenter.start(httpRequest, (HttpServletResponse) response);
        if (observation == null) {
            chain.doFilter(request, response);
            return;
        }
        setAttribute(httpRequest, observation);
        Throwable escaped = null;
        RequestScope scope = observation.enter();
        try {
            chain.doFilter(request, response);
        } catch (Throwable t) {
            escaped = t;
            throw t;
        } finally {
            // The MDC is restored before the access log event, which carries the ids itself.
            scope.close();
            observation.afterDispatch(escaped);
        }
    }

    private static void continueAsync(RequestObservation observation, ServletRequest request,
            ServletResponse response, FilterChain chain) throws IOException, ServletException {
        RequestScope scope = observation.enter();
        try {
            chain.doFilter(request, response);
        } catch (Throwable t) {
            observation.failed(t);
            throw t;
        } finally {
            scope.close();
        }
    }

    private static void setAttribute(HttpServletRequest request, RequestObservation observation) {
        try {
            request.setAttribute(RequestObservation.ATTRIBUTE, observation);
        } catch (RuntimeException ignored) {
            // Without the attribute, async dispatches run without the span in context.
        }
    }
}
