/**
 * Implementation detail of the database metric set: JDBC proxies, SQL classification and the
 * statistics poller. Not API: anything here may change in any release.
 */
package io.github.obskit.core.db.internal;
