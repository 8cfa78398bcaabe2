/**
 * HTTP server observability for any jakarta servlet container (Servlet 6): {@link
 * io.github.obskit.servlet.ObservabilityFilter} records metrics, a server span and an access
 * log event per request; {@link io.github.obskit.servlet.PrometheusScrapeServlet} serves a
 * Prometheus registry's scrape; {@link io.github.obskit.servlet.HealthServlet} reports named
 * health checks.
 */
package io.github.obskit.servlet;
