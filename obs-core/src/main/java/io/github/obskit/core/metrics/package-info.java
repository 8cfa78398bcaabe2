/**
 * The metric catalog model and the cardinality policies every obskit metric set is built on.
 *
 * <p>A domain module declares its metrics as an enum implementing {@link
 * io.github.obskit.core.metrics.CatalogMeter} (one constant per metric, each holding a {@link
 * io.github.obskit.core.metrics.MeterDefinition}). Its typed recorder builds one {@link
 * io.github.obskit.core.metrics.MeterFamily} per constant through {@link
 * io.github.obskit.core.metrics.MeterFamilies}, which applies the {@link
 * io.github.obskit.core.metrics.TagPolicy} of every tag key so that open-ended values such as
 * {@code user_id} cannot create unbounded series. The bounds, series caps and fallback values are
 * stated once, in {@linkplain io.github.obskit.core.metrics.TagPolicy the cardinality rule}.
 */
package io.github.obskit.core.metrics;
