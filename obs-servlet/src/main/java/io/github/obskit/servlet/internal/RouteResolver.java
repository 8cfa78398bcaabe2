package io.github.obskit.servlet.internal;

import io.github.obskit.servlet.RouteTemplates;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the route template of a request: first among the application's {@link RouteTemplates},
 * then from the servlet mapping that serves it. Requests served by the default servlet (static
 * files and 404s) and requests without a mapping have no route. Never throws.
 */
public final class RouteResolver {

    /** The most routes whose context-path form is kept, far above any real application's. */
    private static final int MAX_PREFIXED = 1_000;

    private final RouteTemplates templates;
    private final ConcurrentHashMap<String, String> prefixed = new ConcurrentHashMap<>();

    /**
     * Creates a resolver.
     *
     * @param templates the application's route templates, tried before the servlet mapping
     */
    public RouteResolver(RouteTemplates templates) {
        this.templates = templates;
    }

    /**
     * Returns the route of a request, including the context path.
     *
     * @param request the request, on its original ({@code REQUEST}) dispatch
     * @return the route, such as {@code /api/documents/{id}}, or {@code null} when none matched
     */
    public String resolve(HttpServletRequest request) {
        try {
            String context = request.getContextPath();
            if (context == null) {
                context = "";
            }
            if (!templates.isEmpty()) {
                String servletPath = request.getServletPath();
                String pathInfo = request.getPathInfo();
                String path = pathInfo == null ? servletPath
                        : servletPath == null ? pathInfo : servletPath + pathInfo;
                String template = templates.match(path);
                if (template != null) {
                    return withContext(context, template);
                }
            }
            HttpServletMapping mapping = request.getHttpServletMapping();
            MappingMatch match = mapping == null ? null : mapping.getMappingMatch();
            if (match == null) {
                return null;
            }
            switch (match) {
                case CONTEXT_ROOT:
                    return withContext(context, "/");
                case EXACT:
                case PATH:
                case EXTENSION:
                    String pattern = mapping.getPattern();
                    if (pattern == null || pattern.isEmpty()) {
                        return null;
                    }
                    return withContext(context, pattern);
                default:
                    return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Returns {@code context + route}, from a cache for the routes already seen, so that an
     * application under a context path does not build the same string on every request.
     */
    private String withContext(String context, String route) {
        if (context.isEmpty()) {
            return route;
        }
        String cached = prefixed.get(route);
        if (cached != null && cached.length() == context.length() + route.length()
                && cached.startsWith(context)) {
            return cached;
        }
        String full = context + route;
        if (prefixed.size() < MAX_PREFIXED) {
            prefixed.put(route, full);
        }
        return full;
    }
}
