/**
 * Business observability: the {@link io.github.obskit.business.BusinessMeters} catalog, the
 * {@link io.github.obskit.business.BusinessMetrics} typed recorder (with daily and monthly active
 * users counted in an {@link io.github.obskit.business.ActivityStore} that replicas can share),
 * and the {@link io.github.obskit.business.BusinessTelemetry} facade that also puts feedback on
 * the current span as a {@code gen_ai.evaluation.result} event.
 */
package io.github.obskit.business;
