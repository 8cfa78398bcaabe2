/**
 * The database metric set: {@link io.github.obskit.core.db.DatabaseTelemetry} wraps any JDBC
 * {@code DataSource} and records the {@code db_*} metrics ({@link
 * io.github.obskit.core.db.DbMeters}) through the typed recorder {@link
 * io.github.obskit.core.db.DatabaseMetrics}, with optional OpenTelemetry CLIENT spans and polled
 * storage and index statistics.
 */
package io.github.obskit.core.db;
