package io.github.obskit.servlet.internal;

import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;

/**
 * Reads propagation headers (W3C {@code traceparent}, {@code tracestate}, {@code baggage}, or
 * whatever the application's propagators use) from a servlet request. A header value longer
 * than {@link #MAX_VALUE_LENGTH} characters is treated as absent, so an oversized header starts
 * a new trace instead of reaching the propagators. Never throws.
 */
public enum ServletHeaderGetter implements TextMapGetter<HttpServletRequest> {

    /** The getter. */
    INSTANCE;

    /** The longest header value handed to the propagators (the W3C baggage limit, 8192). */
    public static final int MAX_VALUE_LENGTH = 8192;

    // Deprecated upstream, but propagators that match header prefixes (Jaeger baggage) still
    // call it, and its default lists nothing.
    @Override
    @SuppressWarnings("deprecation")
    public Iterable<String> keys(HttpServletRequest request) {
        try {
            Enumeration<String> names = request.getHeaderNames();
            return names == null ? Collections.emptyList() : Collections.list(names);
        } catch (RuntimeException e) {
            return Collections.emptyList();
        }
    }

    @Override
    public String get(HttpServletRequest request, String key) {
        if (request == null || key == null) {
            return null;
        }
        try {
            String value = request.getHeader(key);
            return value == null || value.length() > MAX_VALUE_LENGTH ? null : value;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public Iterator<String> getAll(HttpServletRequest request, String key) {
        if (request == null || key == null) {
            return Collections.emptyIterator();
        }
        try {
            Enumeration<String> values = request.getHeaders(key);
            if (values == null) {
                return Collections.emptyIterator();
            }
            List<String> kept = new ArrayList<>(1);
            while (values.hasMoreElements()) {
                String value = values.nextElement();
                if (value != null && value.length() <= MAX_VALUE_LENGTH) {
                    kept.add(value);
                }
            }
            return kept.iterator();
        } catch (RuntimeException e) {
            return Collections.emptyIterator();
        }
    }
}
