package io.github.obskit.servlet.internal;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.servlet.HttpServerMetrics;
import io.opentelemetry.api.OpenTelemetry;
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
 * metrics, the tracer and propagators, the route resolver and the access log settings.
 * Thread-safe.
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

    /**
     * Creates the instrumenter.
     *
     * @param metrics the recorder of the HTTP server metrics
     * @param openTelemetry supplies the tracer and the propagators
     * @param routes finds the route of a request
     * @param unmatchedEndpoint the endpoint value of requests no route matched
     * @param accessLog whether the {@code http_request} event is logged
     * @param userId reads the user id logged with the event, or {@code null}
     */
    public HttpServerInstrumenter(HttpServerMetrics metrics, OpenTelemetry openTelemetry,
            RouteResolver routes, String unmatchedEndpoint, boolean accessLog,
            Function<? super HttpServletRequest, String> userId) {
        this.metrics = metrics;
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.routes = routes;
        this.unmatchedEndpoint = unmatchedEndpoint;
        this.accessLog = accessLog ? new AccessLog(userId) : null;
    }

    /**
     * Starts observing a request: extracts the parent context, starts the server span and counts
     * the request as in flight. Never throws.
     *
     * @param request the request, on its original dispatch
     * @param response its response
     * @return the observation, or {@code null} if it could not be started
     */
    public RequestObservation start(HttpServletRequest request, HttpServletResponse response) {
        try {
            long startNanos = System.nanoTime();
            String rawMethod = request.getMethod();
            String method = HttpSemconv.normalizeMethod(rawMethod);
            String scheme = scheme(request);
            String route = routes.resolve(request);
            Context parent = extract(request);
            Span span = startSpan(request, parent, rawMethod, method, scheme, route);
            metrics.requestStarted(method, scheme);
            return new RequestObservation(this, request, response, startNanos, method, scheme,
                    route == null ? unmatchedEndpoint : route, parent.with(span), span);
        } catch (RuntimeException | LinkageError e) {
            OnceLogger.warn("http.start", "Could not start observing an HTTP request; it is served "
                    + "without metrics, span and access log", e);
            return null;
        }
    }

    private Context extract(HttpServletRequest request) {
        try {
            Context extracted = propagator.extract(Context.root(), request,
                    ServletHeaderGetter.INSTANCE);
            return extracted == null ? Context.root() : extracted;
        } catch (RuntimeException e) {
            OnceLogger.warn("http.extract", "Propagation headers could not be read; the request "
                    + "starts a new trace", e);
            return Context.root();
        }
    }

    private Span startSpan(HttpServletRequest request, Context parent, String rawMethod,
            String method, String scheme, String route) {
        String name = HttpSemconv.OTHER_METHOD.equals(method) ? "HTTP" : method;
        if (route != null) {
            name = name + ' ' + route;
        }
        SpanBuilder builder = tracer.spanBuilder(name)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(HttpSemconv.REQUEST_METHOD_KEY, method)
                .setAttribute(HttpSemconv.URL_SCHEME_KEY, scheme);
        if (HttpSemconv.OTHER_METHOD.equals(method) && rawMethod != null) {
            builder.setAttribute(HttpSemconv.REQUEST_METHOD_ORIGINAL_KEY, rawMethod);
        }
        if (route != null) {
            builder.setAttribute(HttpSemconv.ROUTE_KEY, route);
        }
        setIfPresent(builder, HttpSemconv.URL_PATH, request.getRequestURI());
        setIfPresent(builder, HttpSemconv.SERVER_ADDRESS, request.getServerName());
        int port = request.getServerPort();
        if (port > 0) {
            builder.setAttribute(HttpSemconv.SERVER_PORT_KEY, (long) port);
        }
        setIfPresent(builder, HttpSemconv.CLIENT_ADDRESS, request.getRemoteAddr());
        String protocol = request.getProtocol();
        if (protocol != null && protocol.startsWith("HTTP/")) {
            String version = protocol.substring(5);
            // The conventions write HTTP/2 and HTTP/3 as "2" and "3".
            if (version.endsWith(".0") && !version.startsWith("1")) {
                version = version.substring(0, version.length() - 2);
            }
            builder.setAttribute(HttpSemconv.NETWORK_PROTOCOL_VERSION_KEY, version);
        }
        setIfPresent(builder, HttpSemconv.USER_AGENT_ORIGINAL, request.getHeader("User-Agent"));
        return builder.startSpan();
    }

    private static void setIfPresent(SpanBuilder builder, String key, String value) {
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
