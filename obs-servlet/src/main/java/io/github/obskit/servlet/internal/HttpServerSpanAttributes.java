package io.github.obskit.servlet.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The HTTP server span attributes of the OpenTelemetry conventions that obs-servlet sets and
 * that obs-core's {@code SpanAttributeKeys} does not hold; every other key comes from there.
 */
public final class HttpServerSpanAttributes {

    /**
     * {@code http.request.method_original}: the method as sent, set when it is recorded as
     * {@value HttpMethods#OTHER}.
     */
    public static final AttributeKey<String> REQUEST_METHOD_ORIGINAL =
            AttributeKey.stringKey("http.request.method_original");

    /** {@code network.protocol.version}: {@code 1.0}, {@code 1.1}, {@code 2} or {@code 3}. */
    public static final AttributeKey<String> NETWORK_PROTOCOL_VERSION =
            AttributeKey.stringKey("network.protocol.version");

    private HttpServerSpanAttributes() {
    }
}
