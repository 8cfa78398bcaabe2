package io.github.obskit.servlet;

import io.github.obskit.core.metrics.Buckets;
import io.github.obskit.core.metrics.CatalogMeter;
import io.github.obskit.core.metrics.MeterDefinition;
import io.github.obskit.core.metrics.StandardTagKeys;
import io.github.obskit.core.metrics.TagKey;
import io.github.obskit.core.metrics.TagPolicy;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.servlet.internal.HttpMethods;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP server metrics of obs-servlet. The first two carry the names and labels of the
 * dashboards and alerts obskit users migrate from; the last two follow the OpenTelemetry HTTP
 * semantic conventions with their exact names, units and buckets.
 *
 * <table>
 *   <caption>As scraped by Prometheus</caption>
 *   <tr><th>constant</th><th>Prometheus</th><th>labels</th></tr>
 *   <tr><td>{@link #HTTP_REQUESTS}</td><td>{@code http_requests_total}</td>
 *       <td>{@code method, endpoint, status}</td></tr>
 *   <tr><td>{@link #HTTP_REQUEST_DURATION}</td><td>{@code http_request_duration_seconds_*}</td>
 *       <td>{@code method, endpoint}</td></tr>
 *   <tr><td>{@link #SERVER_REQUEST_DURATION}</td>
 *       <td>{@code http_server_request_duration_seconds_*}</td>
 *       <td>{@code http_request_method, http_route, http_response_status_code, url_scheme,
 *           error_type} ({@code error_type=""} on successful requests)</td></tr>
 *   <tr><td>{@link #SERVER_ACTIVE_REQUESTS}</td><td>{@code http_server_active_requests}</td>
 *       <td>{@code http_request_method, url_scheme}</td></tr>
 * </table>
 */
public enum HttpServerMeters implements CatalogMeter {

    /** Total number of HTTP requests, by method, endpoint (route template) and status code. */
    HTTP_REQUESTS(MeterDefinition.counter("http.requests")
            .description("Total number of HTTP requests, by method, endpoint (route template) "
                    + "and status code")
            .tags(Tags.METHOD, Tags.ENDPOINT, Tags.STATUS)
            .build()),

    /** HTTP request duration in seconds, by method and endpoint (route template). */
    HTTP_REQUEST_DURATION(MeterDefinition.timer("http.request.duration")
            .description("HTTP request duration in seconds, by method and endpoint "
                    + "(route template)")
            .tags(Tags.METHOD, Tags.ENDPOINT)
            .buckets(Buckets.HTTP_SECONDS)
            .build()),

    /**
     * Duration of HTTP server requests in seconds (OpenTelemetry semantic conventions); {@code
     * error.type} is empty on successful requests, so every series has the same tag keys and
     * Prometheus reads the empty label as no label, as OpenTelemetry records it.
     */
    SERVER_REQUEST_DURATION(MeterDefinition.timer("http.server.request.duration")
            .description("Duration of HTTP server requests in seconds (OpenTelemetry semantic "
                    + "conventions); error.type is empty on successful requests")
            .tags(Tags.REQUEST_METHOD, Tags.ROUTE, Tags.RESPONSE_STATUS_CODE, Tags.URL_SCHEME,
                    StandardTagKeys.ERROR_TYPE)
            .buckets(Buckets.HTTP_SECONDS)
            .build()),

    /** Number of HTTP server requests in flight (OpenTelemetry semantic conventions). */
    SERVER_ACTIVE_REQUESTS(MeterDefinition.gauge("http.server.active_requests")
            .description("Number of HTTP server requests in flight (OpenTelemetry semantic "
                    + "conventions)")
            .baseUnit("{request}")
            .tags(Tags.REQUEST_METHOD, Tags.URL_SCHEME)
            .build());

    /**
     * The limit of distinct endpoints (route templates) per metric. Route templates are bounded
     * by construction; the limit is a backstop against an application that registers templates
     * per resource. Later endpoints are recorded as {@code other}.
     */
    public static final int MAX_ENDPOINTS = 200;

    private final MeterDefinition definition;

    HttpServerMeters(MeterDefinition definition) {
        this.definition = definition;
    }

    @Override
    public MeterDefinition definition() {
        return definition;
    }

    /**
     * The tag keys of the HTTP server metrics, with their default policies. {@code error.type}
     * is obs-core's {@link StandardTagKeys#ERROR_TYPE}: the fully qualified class of an
     * exception that escaped the application, or the status code of a 5xx response; empty on
     * successful requests.
     */
    public static final class Tags {

        /** {@code method}: the request method; unknown methods are recorded as {@code _OTHER}. */
        public static final TagKey METHOD = TagKey.of("method",
                TagPolicy.allow(HttpMethods.KNOWN).otherwise(HttpMethods.OTHER),
                "HTTP request method; methods outside RFC 9110 and PATCH are recorded as _OTHER");

        /** {@code endpoint}: the route template, never the raw path. */
        public static final TagKey ENDPOINT = TagKey.of("endpoint",
                TagPolicy.bounded(MAX_ENDPOINTS),
                "Route template of the request (such as /api/documents/{id}), never the raw "
                        + "path; requests no route matched share one value");

        /** {@code status}: the response status code. */
        public static final TagKey STATUS = TagKey.of("status",
                TagPolicy.allow(statusCodes()),
                "HTTP response status code; 500 when an exception escaped the application");

        /** {@code http.request.method}: as {@link #METHOD}, named as the conventions name it. */
        public static final TagKey REQUEST_METHOD = TagKey.of(
                SpanAttributeKeys.HTTP_REQUEST_METHOD.getKey(),
                TagPolicy.allow(HttpMethods.KNOWN).otherwise(HttpMethods.OTHER),
                "HTTP request method; methods outside RFC 9110 and PATCH are recorded as _OTHER");

        /** {@code http.route}: as {@link #ENDPOINT}, named as the conventions name it. */
        public static final TagKey ROUTE = TagKey.of(SpanAttributeKeys.HTTP_ROUTE.getKey(),
                TagPolicy.bounded(MAX_ENDPOINTS),
                "Matched route template; requests no route matched share one value");

        /** {@code http.response.status_code}: as {@link #STATUS}. */
        public static final TagKey RESPONSE_STATUS_CODE = TagKey.of(
                SpanAttributeKeys.HTTP_RESPONSE_STATUS_CODE.getKey(),
                TagPolicy.allow(statusCodes()),
                "HTTP response status code; 500 when an exception escaped the application");

        /** {@code url.scheme}: {@code http} or {@code https}. */
        public static final TagKey URL_SCHEME = TagKey.of(SpanAttributeKeys.URL_SCHEME.getKey(),
                TagPolicy.allow("http", "https"), "URI scheme of the request");

        private Tags() {
        }

        private static List<String> statusCodes() {
            List<String> codes = new ArrayList<>(500);
            for (int code = 100; code <= 599; code++) {
                codes.add(Integer.toString(code));
            }
            return codes;
        }
    }
}
