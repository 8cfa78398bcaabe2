package io.github.obskit.core.db;

import io.github.obskit.core.db.internal.SqlOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * The kind of an SQL statement, the {@code query_type} label of {@code db_queries_total} and
 * {@code db_query_duration_seconds}. A closed set derived from the statement's leading verb;
 * the SQL text itself is never a label.
 *
 * <p>The verb is found after leading whitespace, {@code --} and {@code /* ... *}{@code /}
 * comments and opening parentheses. For {@code WITH ...} the verb of the main statement after
 * the common table expressions decides. The mapping:
 *
 * <ul>
 *   <li>{@code SELECT}, {@code VALUES}, {@code TABLE}: {@link #SELECT}</li>
 *   <li>{@code INSERT}, {@code REPLACE}, {@code UPSERT}: {@link #INSERT}</li>
 *   <li>{@code UPDATE}: {@link #UPDATE}</li>
 *   <li>{@code DELETE}: {@link #DELETE}</li>
 *   <li>{@code CREATE}, {@code ALTER}, {@code DROP}, {@code TRUNCATE}, {@code RENAME},
 *       {@code COMMENT}: {@link #DDL}</li>
 *   <li>anything else ({@code MERGE}, {@code CALL}, JDBC {@code {call ...}} escapes,
 *       {@code SET}, {@code EXPLAIN}, an empty or {@code null} text, ...): {@link #OTHER}</li>
 * </ul>
 */
public enum QueryType {

    /** Reads: {@code SELECT}, {@code VALUES}, {@code TABLE}. */
    SELECT("select"),
    /** {@code INSERT}, {@code REPLACE}, {@code UPSERT}. */
    INSERT("insert"),
    /** {@code UPDATE}. */
    UPDATE("update"),
    /** {@code DELETE}. */
    DELETE("delete"),
    /** Schema changes: {@code CREATE}, {@code ALTER}, {@code DROP}, {@code TRUNCATE}, ... */
    DDL("ddl"),
    /** Everything else. */
    OTHER("other");

    private final String tagValue;

    QueryType(String tagValue) {
        this.tagValue = tagValue;
    }

    /**
     * Returns the label value.
     *
     * @return {@code select}, {@code insert}, {@code update}, {@code delete}, {@code ddl} or
     *     {@code other}
     */
    public String tagValue() {
        return tagValue;
    }

    /**
     * Classifies an SQL statement by its leading verb. Never throws; does not allocate.
     *
     * @param sql the statement text, possibly {@code null}
     * @return its type; {@link #OTHER} when the verb is not one of the mapped ones
     */
    public static QueryType of(String sql) {
        return SqlOperation.of(sql).queryType();
    }

    static List<String> tagValues() {
        List<String> values = new ArrayList<>();
        for (QueryType t : values()) {
            values.add(t.tagValue);
        }
        return values;
    }
}
