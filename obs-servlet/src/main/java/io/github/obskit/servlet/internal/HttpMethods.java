package io.github.obskit.servlet.internal;

import java.util.List;

/**
 * The HTTP methods the OpenTelemetry HTTP conventions know (RFC 9110 and PATCH) and how a
 * received method is recorded: as itself when known, otherwise as {@value #OTHER}.
 */
public final class HttpMethods {

    /** The value recorded for a method outside {@link #KNOWN}. */
    public static final String OTHER = "_OTHER";

    /** The known methods, in a fixed order. */
    public static final List<String> KNOWN = List.of(
            "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private HttpMethods() {
    }

    /**
     * Returns the position of a method in {@link #KNOWN}.
     *
     * @param method the request method as received, possibly {@code null}
     * @return its index in {@link #KNOWN}, or {@code KNOWN.size()} for any other method
     */
    public static int index(String method) {
        if (method != null) {
            for (int i = 0; i < KNOWN.size(); i++) {
                if (KNOWN.get(i).equals(method)) {
                    return i;
                }
            }
        }
        return KNOWN.size();
    }

    /**
     * Returns the method as the conventions record it.
     *
     * @param method the request method as received, possibly {@code null}
     * @return the known method's constant, or {@value #OTHER}
     */
    public static String normalize(String method) {
        return name(index(method));
    }

    /**
     * Returns the method at a position returned by {@link #index(String)}.
     *
     * @param index from {@code 0} to {@code KNOWN.size()}
     * @return the known method, or {@value #OTHER} for {@code KNOWN.size()}
     */
    public static String name(int index) {
        return index < KNOWN.size() ? KNOWN.get(index) : OTHER;
    }
}
