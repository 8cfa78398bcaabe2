package io.github.obskit.core.db;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The OpenTelemetry semantic-convention attribute keys that obskit puts on database CLIENT
 * spans (database semantic conventions, stable since 1.33).
 */
public final class DbAttributes {

    /** The database product, such as {@code postgresql} or {@code h2database}. */
    public static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");

    /** The SQL verb ({@code SELECT}, ...), or {@code BATCH <verb>} for a batch. */
    public static final AttributeKey<String> DB_OPERATION_NAME =
            AttributeKey.stringKey("db.operation.name");

    /** The database (JDBC catalog) the connection uses. */
    public static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");

    /** The statement text with its literals replaced by {@code ?}; only when opted in. */
    public static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");

    /** The SQLSTATE of a failed statement. */
    public static final AttributeKey<String> DB_RESPONSE_STATUS_CODE =
            AttributeKey.stringKey("db.response.status_code");

    /** The number of statements in a batch of two or more. */
    public static final AttributeKey<Long> DB_OPERATION_BATCH_SIZE =
            AttributeKey.longKey("db.operation.batch.size");

    /** The class name of the exception a failed operation ended with. */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private DbAttributes() {
    }
}
