package io.github.obskit.servlet.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The OpenTelemetry HTTP semantic convention names obs-servlet uses (stable HTTP conventions,
 * semconv 1.23 and later), in one place.
 */
public final class HttpSemconv {

    /** {@code http.request.method}: the method, or {@code _OTHER} when it is not a known one. */
    public static final String REQUEST_METHOD = "http.request.method";

    /** {@code http.request.method_original}: the method as sent, when it was not a known one. */
    public static final String REQUEST_METHOD_ORIGINAL = "http.request.method_original";

    /** {@code http.route}: the matched route template. */
    public static final String ROUTE = "http.route";

    /** {@code http.response.status_code}: the response status code. */
    public static final String RESPONSE_STATUS_CODE = "http.response.status_code";

    /** {@code url.scheme}: {@code http} or {@code https}. */
    public static final String URL_SCHEME = "url.scheme";

    /** {@code url.path}: the path of the request target. */
    public static final String URL_PATH = "url.path";

    /** {@code error.type}: the exception class or the 5xx status code of a failed request. */
    public static final String ERROR_TYPE = "error.type";

    /** {@code server.address}: the host the client addressed. */
    public static final String SERVER_ADDRESS = "server.address";

    /** {@code server.port}: the port the client addressed. */
    public static final String SERVER_PORT = "server.port";

    /** {@code client.address}: the address of the client (or the last proxy). */
    public static final String CLIENT_ADDRESS = "client.address";

    /** {@code network.protocol.version}: {@code 1.1}, {@code 2}, ... */
    public static final String NETWORK_PROTOCOL_VERSION = "network.protocol.version";

    /** {@code user_agent.original}: the User-Agent header. */
    public static final String USER_AGENT_ORIGINAL = "user_agent.original";

    /** The value recorded for a method outside {@link #KNOWN_METHODS}. */
    public static final String OTHER_METHOD = "_OTHER";

    /** The methods the conventions know (RFC 9110 and PATCH); others become {@code _OTHER}. */
    public static final String[] KNOWN_METHODS = {
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"
    };

    /** Span attribute {@code http.request.method}. */
    public static final AttributeKey<String> REQUEST_METHOD_KEY = AttributeKey.stringKey(REQUEST_METHOD);

    /** Span attribute {@code http.request.method_original}. */
    public static final AttributeKey<String> REQUEST_METHOD_ORIGINAL_KEY =
            AttributeKey.stringKey(REQUEST_METHOD_ORIGINAL);

    /** Span attribute {@code http.route}. */
    public static final AttributeKey<String> ROUTE_KEY = AttributeKey.stringKey(ROUTE);

    /** Span attribute {@code http.response.status_code}. */
    public static final AttributeKey<Long> RESPONSE_STATUS_CODE_KEY =
            AttributeKey.longKey(RESPONSE_STATUS_CODE);

    /** Span attribute {@code url.scheme}. */
    public static final AttributeKey<String> URL_SCHEME_KEY = AttributeKey.stringKey(URL_SCHEME);

    /** Span attribute {@code url.path}. */
    public static final AttributeKey<String> URL_PATH_KEY = AttributeKey.stringKey(URL_PATH);

    /** Span attribute {@code error.type}. */
    public static final AttributeKey<String> ERROR_TYPE_KEY = AttributeKey.stringKey(ERROR_TYPE);

    /** Span attribute {@code server.address}. */
    public static final AttributeKey<String> SERVER_ADDRESS_KEY = AttributeKey.stringKey(SERVER_ADDRESS);

    /** Span attribute {@code server.port}. */
    public static final AttributeKey<Long> SERVER_PORT_KEY = AttributeKey.longKey(SERVER_PORT);

    /** Span attribute {@code client.address}. */
    public static final AttributeKey<String> CLIENT_ADDRESS_KEY = AttributeKey.stringKey(CLIENT_ADDRESS);

    /** Span attribute {@code network.protocol.version}. */
    public static final AttributeKey<String> NETWORK_PROTOCOL_VERSION_KEY =
            AttributeKey.stringKey(NETWORK_PROTOCOL_VERSION);

    /** Span attribute {@code user_agent.original}. */
    public static final AttributeKey<String> USER_AGENT_ORIGINAL_KEY =
            AttributeKey.stringKey(USER_AGENT_ORIGINAL);

    private HttpSemconv() {
    }

    /**
     * Returns the method as the conventions record it.
     *
     * @param method the request method, possibly {@code null}
     * @return the same string when it is a known method, otherwise {@link #OTHER_METHOD}
     */
    public static String normalizeMethod(String method) {
        if (method != null) {
            for (String known : KNOWN_METHODS) {
                if (known.equals(method)) {
                    return known;
                }
            }
        }
        return OTHER_METHOD;
    }
}
