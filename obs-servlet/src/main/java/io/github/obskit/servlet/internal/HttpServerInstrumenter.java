package io.github.obskit.servlet.internal;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.servlet.HttpServerMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.function.Function;

/**
 * Everything the filter needs to observe one request, fixed when the filter is built: the
 * metrics, the tracer and propagators (or none, when tracing is off), the route resolver, the
 * access log and the paths excluded from each. Thread-safe.
 */
public final class HttpServerInstrumenter {

    /** The instrumentation scope name of the server spans. */
    public static final String INSTRUMENTATION_NAME = "io.github.obskit.servlet";

    final HttpServerMetrics metrics;
    final Tracer tracer;
    final TextMapPropagator propagator;
    final RouteResolver routes;
    final String unmatchedEndpoint;
    final AccessLog accessLog;
    final ExcludedPaths excludedPaths;

    /**
     * Creates the instrumenter.
     *
     * @param metrics the recorder of the HTTP server metrics
     * @param openTelemetry supplies the tracer and the propagators; {@code null} turns tracing
     *     off: no span, no propagation, and the thread's context is left as it is
     * @param routes finds the route of a request
     * @param unmatchedEndpoint the endpoint value of requests no route matched
     * @param accessLog whether the {@code http_request} event is logged
     * @param userId reads the user id logged with the event, or {@code null}
     * @param excludedPaths the paths kept out of the access log, the metrics or the tracing
     */
    public HttpServerInstrumenter(HttpServerMetrics metrics, OpenTelemetry openTelemetry,
            RouteResolver routes, String unmatchedEndpoint, boolean accessLog,
            Function<? super HttpServletRequest, String> userId, ExcludedPaths excludedPaths) {
        this.metrics = metrics;
        this.tracer = openTelemetry == null ? null : openTelemetry.getTracer(INSTRUMENTATION_NAME);
        this.propagator = openTelemetry == null ? null
                : openTelemetry.getPropagators().getTextMapPropagator();
        this.routes = routes;
        this.unmatchedEndpoint = unmatchedEndpoint;
        this.accessLog = accessLog ? new AccessLog(userId) : null;
        this.excludedPaths = excludedPaths;
    }

    /**
     * Starts observing a request: extracts the parent context, starts the server span and counts
     * the request as in flight, each unless the request's path is excluded from it. Never
     * throws.
     *
     * @param request the request, on its original dispatch
     * @param response its response
     * @return the observation, or {@code null} if the request is excluded from everything or its
     *     observation could not be started
     */
    public RequestObservation start(HttpServletRequest request, HttpServletResponse response) {
        try {
            long startNanos = System.nanoTime();
            int excluded = excludedPaths.signals(request);
            boolean traced = tracer != null && (excluded & ExcludedPaths.TRACING) == 0;
            boolean metered = (excluded & ExcludedPaths.METRICS) == 0;
            boolean logged = accessLog != null && (excluded & ExcludedPaths.ACCESS_LOG) == 0;
            if (!traced && !metered && !logged) {
                return null;
            }
            String rawMethod = request.getMethod();
            String method = HttpMethods.normalize(rawMethod);
            String scheme = scheme(request);
            String route = routes.resolve(request);
            Context context;
            Span span;
            if (!traced) {
                // Tracing off or excluded: the request runs in whatever context the thread has.
                context = Context.current();
                span = Span.getInvalid();
            } else {
                Context parent = extract(request);
                span = startSpan(request, parent, rawMethod, method, scheme, route);
                context = parent.with(span);
            }
            if (metered) {
                metrics.requestStarted(method, scheme);
            }
            return new RequestObservation(this, request, response, startNanos, method, scheme,
                    route == null ? unmatchedEndpoint : route, context, span, metered, logged);
        } catch (RuntimeException | LinkageError e) {
            OnceLogger.warn("http.start", "Could not start observing an HTTP request; it is served "
                    + "without metrics, span and access log", e);
            return null;
        }
    }

    private Context extract(HttpServletRequest request) {
        Context current = Context.current();
        try {
            Context extracted = propagator.extract(current, request, ServletHeaderGetter.INSTANCE);
            return extracted == null ? current : extracted;
        } catch (RuntimeException e) {
            OnceLogger.warn("http.extract", "Propagation headers could not be read; the request "
                    + "is traced without its remote parent", e);
            return current;
        }
    }

    private Span startSpan(HttpServletRequest request, Context parent, String rawMethod,
            String method, String scheme, String route) {
        String name = HttpMethods.OTHER.equals(method) ? "HTTP" : method;
        if (route != null) {
            name = name + ' ' + route;
        }
        SpanBuilder builder = tracer.spanBuilder(name)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(SpanAttributeKeys.HTTP_REQUEST_METHOD, method)
                .setAttribute(SpanAttributeKeys.URL_SCHEME, scheme);
        if (HttpMethods.OTHER.equals(method) && rawMethod != null) {
            builder.setAttribute(SpanAttributeKeys.HTTP_REQUEST_METHOD_ORIGINAL, rawMethod);
        }
        if (route != null) {
            builder.setAttribute(SpanAttributeKeys.HTTP_ROUTE, route);
        }
        setIfPresent(builder, SpanAttributeKeys.URL_PATH, request.getRequestURI());
        setIfPresent(builder, SpanAttributeKeys.SERVER_ADDRESS, request.getServerName());
        int port = request.getServerPort();
        if (port > 0) {
            builder.setAttribute(SpanAttributeKeys.SERVER_PORT, (long) port);
        }
        setIfPresent(builder, SpanAttributeKeys.CLIENT_ADDRESS, request.getRemoteAddr());
        String version = protocolVersion(request.getProtocol());
        if (version != null) {
            builder.setAttribute(SpanAttributeKeys.NETWORK_PROTOCOL_VERSION, version);
        }
        setIfPresent(builder, SpanAttributeKeys.USER_AGENT_ORIGINAL, request.getHeader("User-Agent"));
        return builder.startSpan();
    }

    /** The version part of {@code HTTP/x}, as the conventions write it: HTTP/2 is "2". */
    private static String protocolVersion(String protocol) {
        if (protocol == null) {
            return null;
        }
        switch (protocol) {
            case "HTTP/1.1":
                return "1.1";
            case "HTTP/1.0":
                return "1.0";
            case "HTTP/2.0":
            case "HTTP/2":
                return "2";
            case "HTTP/3.0":
            case "HTTP/3":
                return "3";
            default:
                if (!protocol.startsWith("HTTP/") || protocol.length() == 5) {
                    return null;
                }
                String version = protocol.substring(5);
                return version.endsWith(".0") && !version.startsWith("1")
                        ? version.substring(0, version.length() - 2) : version;
        }
    }

    private static void setIfPresent(SpanBuilder builder, AttributeKey<String> key, String value) {
        if (value != null && !value.isEmpty()) {
            builder.setAttribute(key, value);
        }
    }

    private static String scheme(HttpServletRequest request) {
        String scheme = request.getScheme();
        if ("http".equals(scheme) || "https".equals(scheme)) {
            return scheme;
        }
        return scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
    }
}
