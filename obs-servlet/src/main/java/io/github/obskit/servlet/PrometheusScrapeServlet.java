package io.github.obskit.servlet;

import io.github.obskit.core.internal.OnceLogger;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Serves the scrape of a {@link PrometheusMeterRegistry} on GET (typically mapped to {@code
 * /metrics}). Needs {@code io.micrometer:micrometer-registry-prometheus} on the class path, an
 * optional dependency of obs-servlet.
 *
 * <p>Content negotiation follows the {@code Accept} header: a scraper that accepts {@code
 * application/openmetrics-text} (Prometheus does, preferring it) gets OpenMetrics 1.0.0; anyone
 * else gets the Prometheus text format 0.0.4 ({@code text/plain; version=0.0.4}). Repeated
 * {@code name[]} query parameters limit the scrape to those metrics, as Prometheus' own
 * exporters do; a name may be given as scraped ({@code upload_requests_total}) or as its family
 * name ({@code upload_requests}). Responses are not cached. A registry that fails to scrape
 * answers 500 (logged once), so Prometheus records the scrape as failed.
 */
public final class PrometheusScrapeServlet extends HttpServlet {

    /** The content type of the Prometheus text format. */
    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    /** The content type of the OpenMetrics text format. */
    public static final String OPENMETRICS_FORMAT =
            "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private static final long serialVersionUID = 1L;
    private static final String[] SAMPLE_SUFFIXES = {
        "_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info"
    };

    private final transient PrometheusMeterRegistry registry;

    /**
     * Creates the servlet.
     *
     * @param registry the registry to scrape
     */
    public PrometheusScrapeServlet(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String contentType = negotiate(request.getHeader("Accept"));
        Set<String> names = includedNames(request.getParameterValues("name[]"));
        // Scraped into memory first: a registry that fails mid-scrape answers 500, which
        // Prometheus records as a failed scrape, never a truncated 200.
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        try {
            if (names == null) {
                registry.scrape(body, contentType);
            } else {
                registry.scrape(body, contentType, names);
            }
        } catch (RuntimeException e) {
            OnceLogger.warn("scrape", "The Prometheus registry could not be scraped", e);
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    "the registry could not be scraped");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.size());
        try (OutputStream out = response.getOutputStream()) {
            body.writeTo(out);
        }
    }

    /**
     * Chooses the exposition format for an {@code Accept} header.
     *
     * @param accept the header, possibly {@code null}
     * @return {@link #OPENMETRICS_FORMAT} when the client accepts OpenMetrics with a non-zero
     *     quality, otherwise {@link #TEXT_FORMAT}
     */
    public static String negotiate(String accept) {
        if (accept == null) {
            return TEXT_FORMAT;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/openmetrics-text")) {
                continue;
            }
            if (quality(parts) > 0) {
                return OPENMETRICS_FORMAT;
            }
        }
        return TEXT_FORMAT;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    return Double.parseDouble(p.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static Set<String> includedNames(String[] values) {
        if (values == null || values.length == 0) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.isEmpty()) {
                continue;
            }
            names.add(v);
            // The registry filters on family names; accept sample names such as x_total too.
            for (String suffix : SAMPLE_SUFFIXES) {
                if (v.endsWith(suffix) && v.length() > suffix.length()) {
                    names.add(v.substring(0, v.length() - suffix.length()));
                }
            }
        }
        return names.isEmpty() ? null : names;
    }
}
