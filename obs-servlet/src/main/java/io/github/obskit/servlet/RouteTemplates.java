package io.github.obskit.servlet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Route templates an application registers so that requests are recorded under their route,
 * such as {@code /api/documents/{id}}, rather than under the raw path. Immutable and
 * thread-safe.
 *
 * <p>A template is a path of segments separated by {@code /}. A segment is either literal text,
 * matched exactly, or a variable in braces ({@code {id}}), which matches any one non-empty
 * segment. When several templates match a path, the one with more literal segments wins, then
 * the one registered first: {@code /api/documents/search} beats {@code /api/documents/{id}}.
 * Paths are matched without the context path and without the query string; a single trailing
 * {@code /} is ignored.
 */
public final class RouteTemplates {

    private static final RouteTemplates NONE = new RouteTemplates(List.of());

    private final List<Template> templates;

    private RouteTemplates(List<Template> templates) {
        this.templates = templates;
    }

    /**
     * Returns an empty set: every request is recorded under its servlet mapping.
     *
     * @return the empty set
     */
    public static RouteTemplates none() {
        return NONE;
    }

    /**
     * Creates a set of route templates.
     *
     * @param templates the templates, each starting with {@code /}
     * @return the set
     * @throws IllegalArgumentException when a template is malformed: not starting with {@code
     *     /}, an empty segment, or braces that do not span a whole segment
     */
    public static RouteTemplates of(String... templates) {
        return of(Arrays.asList(Objects.requireNonNull(templates, "templates")));
    }

    /**
     * Creates a set of route templates.
     *
     * @param templates the templates, each starting with {@code /}
     * @return the set
     * @throws IllegalArgumentException when a template is malformed
     */
    public static RouteTemplates of(Collection<String> templates) {
        Objects.requireNonNull(templates, "templates");
        List<Template> parsed = new ArrayList<>(templates.size());
        for (String t : templates) {
            Template template = Template.parse(t, parsed.size());
            if (parsed.stream().noneMatch(p -> p.text.equals(template.text))) {
                parsed.add(template);
            }
        }
        parsed.sort(Comparator.comparingInt((Template t) -> -t.literalCount)
                .thenComparingInt(t -> t.order));
        return new RouteTemplates(Collections.unmodifiableList(parsed));
    }

    /**
     * Returns the template that matches a path.
     *
     * @param path the path within the application, such as {@code /api/documents/42}
     * @return the matching template, or {@code null} when none matches
     */
    public String match(String path) {
        if (path == null) {
            return null;
        }
        for (int i = 0; i < templates.size(); i++) {
            Template t = templates.get(i);
            if (t.matches(path)) {
                return t.text;
            }
        }
        return null;
    }

    /**
     * Returns the templates.
     *
     * @return the templates in the order they are tried
     */
    public List<String> templates() {
        List<String> texts = new ArrayList<>(templates.size());
        for (Template t : templates) {
            texts.add(t.text);
        }
        return Collections.unmodifiableList(texts);
    }

    /**
     * Tells whether no template is registered.
     *
     * @return {@code true} for {@link #none()}
     */
    public boolean isEmpty() {
        return templates.isEmpty();
    }

    @Override
    public String toString() {
        return templates().toString();
    }

    /** One parsed template: literal segments, and {@code null} for a variable segment. */
    private static final class Template {

        final String text;
        final String[] segments;
        final int literalCount;
        final int order;

        private Template(String text, String[] segments, int literalCount, int order) {
            this.text = text;
            this.segments = segments;
            this.literalCount = literalCount;
            this.order = order;
        }

        static Template parse(String text, int order) {
            if (text == null || !text.startsWith("/")) {
                throw new IllegalArgumentException(
                        "a route template starts with '/': " + text);
            }
            String body = text.length() > 1 && text.endsWith("/")
                    ? text.substring(1, text.length() - 1) : text.substring(1);
            if (body.isEmpty()) {
                return new Template(text, new String[0], 0, order);
            }
            String[] parts = body.split("/", -1);
            String[] segments = new String[parts.length];
            int literals = 0;
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (part.isEmpty()) {
                    throw new IllegalArgumentException("empty segment in route template " + text);
                }
                boolean variable = part.length() > 2 && part.charAt(0) == '{'
                        && part.charAt(part.length() - 1) == '}'
                        && part.indexOf('{', 1) < 0 && part.indexOf('}') == part.length() - 1;
                if (!variable && (part.indexOf('{') >= 0 || part.indexOf('}') >= 0)) {
                    throw new IllegalArgumentException("a variable must be a whole segment, "
                            + "such as /{id}: " + text);
                }
                if (!variable) {
                    segments[i] = part;
                    literals++;
                }
            }
            return new Template(text, segments, literals, order);
        }

        boolean matches(String path) {
            int length = path.length();
            if (length > 1 && path.charAt(length - 1) == '/') {
                length--;
            }
            int pos = path.startsWith("/") ? 1 : 0;
            if (segments.length == 0) {
                return pos >= length;
            }
            for (String literal : segments) {
                if (pos > length) {
                    return false;
                }
                int end = path.indexOf('/', pos);
                if (end < 0 || end > length) {
                    end = length;
                }
                int segmentLength = end - pos;
                if (segmentLength == 0) {
                    return false;
                }
                if (literal != null && (segmentLength != literal.length()
                        || !path.regionMatches(pos, literal, 0, segmentLength))) {
                    return false;
                }
                pos = end + 1;
            }
            return pos > length;
        }
    }
}
