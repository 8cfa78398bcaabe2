package io.github.obskit.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * The paths whose requests the filter keeps out of the access log, the metrics or the tracing,
 * each with the set of signals it is excluded from. A request's path is its path after the
 * context path as the container decoded it for the servlet mapping (servlet path + path info,
 * without query string or path parameters), compared exactly.
 *
 * <p>The lookup is one probe of an open-addressing table and allocates nothing, also when the
 * container splits the path between servlet path and path info ({@code /health} + {@code
 * /ready}): the hash of the joined path is computed from the hashes of its parts. Immutable and
 * thread-safe.
 */
public final class ExcludedPaths {

    /** Excluded from the {@code http_request} access log event. */
    public static final int ACCESS_LOG = 1;

    /** Excluded from the HTTP server meters, the in-flight gauge included. */
    public static final int METRICS = 1 << 1;

    /** Excluded from tracing: no context extraction, no span, no MDC entries. */
    public static final int TRACING = 1 << 2;

    private static final ExcludedPaths NONE = new ExcludedPaths(new String[1], new int[1], 0);

    /** Open addressing, linear probing, at most half full so that every probe ends on a null. */
    private final String[] paths;
    private final int[] signals;
    private final int mask;
    private final int maxLength;

    private ExcludedPaths(String[] paths, int[] signals, int maxLength) {
        this.paths = paths;
        this.signals = signals;
        this.mask = paths.length - 1;
        this.maxLength = maxLength;
    }

    /**
     * Returns the table of some excluded paths.
     *
     * @param signalsByPath each path, checked with {@link #checkPath}, and the bits of the
     *     signals it is excluded from; paths with no bits are left out
     * @return the table
     * @throws IllegalArgumentException when a path is not a valid excluded path
     */
    public static ExcludedPaths of(Map<String, Integer> signalsByPath) {
        int size = 0;
        for (Map.Entry<String, Integer> entry : signalsByPath.entrySet()) {
            checkPath(entry.getKey());
            if (entry.getValue() != 0) {
                size++;
            }
        }
        if (size == 0) {
            return NONE;
        }
        int capacity = Integer.highestOneBit(size) << 2;
        String[] paths = new String[capacity];
        int[] signals = new int[capacity];
        int maxLength = 0;
        for (Map.Entry<String, Integer> entry : signalsByPath.entrySet()) {
            String path = entry.getKey();
            if (entry.getValue() == 0) {
                continue;
            }
            int i = slot(path.hashCode(), capacity - 1);
            while (paths[i] != null) {
                i = (i + 1) & (capacity - 1);
            }
            paths[i] = path;
            signals[i] = entry.getValue();
            maxLength = Math.max(maxLength, path.length());
        }
        return new ExcludedPaths(paths, signals, maxLength);
    }

    /**
     * Checks a path given to the builder: it starts with {@code /} and has none of {@code *},
     * {@code ?}, <code>{</code>, which would suggest a wildcard, a query or a route template that
     * an exact match never matches.
     *
     * @param path the path
     * @return the path
     * @throws IllegalArgumentException when it is not a valid excluded path
     */
    public static String checkPath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("an excluded path starts with '/' and is matched "
                    + "after the context path, e.g. '/metrics': '" + path + "'");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '*' || c == '?' || c == '{') {
                throw new IllegalArgumentException("excluded paths are matched exactly (no "
                        + "wildcard, query or route template); list each path: '" + path + "'");
            }
        }
        return path;
    }

    /**
     * Whether no path is excluded from anything.
     *
     * @return {@code true} when every lookup answers 0
     */
    public boolean isEmpty() {
        return maxLength == 0;
    }

    /**
     * Returns the signals a request is excluded from. Never throws.
     *
     * @param request the request, on its original dispatch
     * @return the bits ({@link #ACCESS_LOG}, {@link #METRICS}, {@link #TRACING}), 0 for none
     */
    public int signals(HttpServletRequest request) {
        if (maxLength == 0) {
            return 0;
        }
        try {
            return signals(request.getServletPath(), request.getPathInfo());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * Returns the signals the path {@code servletPath + pathInfo} is excluded from, without
     * joining the two.
     *
     * @param servletPath the servlet path, possibly empty or {@code null}
     * @param pathInfo the path info, possibly {@code null}
     * @return the bits ({@link #ACCESS_LOG}, {@link #METRICS}, {@link #TRACING}), 0 for none
     */
    public int signals(String servletPath, String pathInfo) {
        String head = servletPath == null ? "" : servletPath;
        String tail = pathInfo == null ? "" : pathInfo;
        int length = head.length() + tail.length();
        if (length == 0 || length > maxLength) {
            return 0;
        }
        // String.hashCode of head + tail is hash(head) * 31^length(tail) + hash(tail).
        int hash = tail.isEmpty() ? head.hashCode()
                : head.isEmpty() ? tail.hashCode()
                : head.hashCode() * pow31(tail.length()) + tail.hashCode();
        for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
            String path = paths[i];
            if (path == null) {
                return 0;
            }
            if (path.hashCode() == hash && path.length() == length && path.startsWith(head)
                    && path.startsWith(tail, head.length())) {
                return signals[i];
            }
        }
    }

    private static int slot(int hash, int mask) {
        return (hash ^ (hash >>> 16)) & mask;
    }

    private static int pow31(int exponent) {
        int result = 1;
        int base = 31;
        for (int e = exponent; e > 0; e >>>= 1) {
            if ((e & 1) != 0) {
                result *= base;
            }
            base *= base;
        }
        return result;
    }
}
