package io.github.obskit.core.db.internal;

import io.github.obskit.core.db.QueryType;

/**
 * The operation of an SQL statement, found from its leading verb: the OpenTelemetry {@code
 * db.operation.name} and the obskit {@link QueryType}. A closed set, so that neither can carry
 * SQL text into a label.
 */
public enum SqlOperation {

    /** {@code SELECT}. */
    SELECT("SELECT", QueryType.SELECT),
    /** {@code VALUES}. */
    VALUES("VALUES", QueryType.SELECT),
    /** {@code TABLE t}. */
    TABLE("TABLE", QueryType.SELECT),
    /** {@code INSERT}. */
    INSERT("INSERT", QueryType.INSERT),
    /** {@code REPLACE} (MySQL). */
    REPLACE("REPLACE", QueryType.INSERT),
    /** {@code UPSERT}. */
    UPSERT("UPSERT", QueryType.INSERT),
    /** {@code UPDATE}. */
    UPDATE("UPDATE", QueryType.UPDATE),
    /** {@code DELETE}. */
    DELETE("DELETE", QueryType.DELETE),
    /** {@code MERGE}. */
    MERGE("MERGE", QueryType.OTHER),
    /** {@code CREATE}. */
    CREATE("CREATE", QueryType.DDL),
    /** {@code ALTER}. */
    ALTER("ALTER", QueryType.DDL),
    /** {@code DROP}. */
    DROP("DROP", QueryType.DDL),
    /** {@code TRUNCATE}. */
    TRUNCATE("TRUNCATE", QueryType.DDL),
    /** {@code RENAME}. */
    RENAME("RENAME", QueryType.DDL),
    /** {@code COMMENT}. */
    COMMENT("COMMENT", QueryType.DDL),
    /** {@code CALL} and the JDBC {@code {call ...}} escape. */
    CALL("CALL", QueryType.OTHER),
    /** Any other or no verb; the operation name is empty (absent). */
    UNKNOWN("", QueryType.OTHER);

    private static final SqlOperation[] VERBS = values();

    private final String operationName;
    private final QueryType queryType;
    private final String batchName;

    SqlOperation(String operationName, QueryType queryType) {
        this.operationName = operationName;
        this.queryType = queryType;
        this.batchName = operationName.isEmpty() ? "BATCH" : "BATCH " + operationName;
    }

    /**
     * Returns the OpenTelemetry operation name.
     *
     * @return the upper-case verb, or empty for {@link #UNKNOWN}
     */
    public String operationName() {
        return operationName;
    }

    /**
     * Returns the operation name of a batch of statements that all have this operation.
     *
     * @return {@code BATCH <verb>}, or {@code BATCH}
     */
    public String batchName() {
        return batchName;
    }

    /**
     * Returns the query type label.
     *
     * @return the query type
     */
    public QueryType queryType() {
        return queryType;
    }

    /**
     * Classifies an SQL statement. Skips leading whitespace, comments and opening parentheses;
     * for {@code WITH} it finds the verb of the main statement after the common table
     * expressions. Never throws; does not allocate.
     *
     * @param sql the statement, possibly {@code null}
     * @return the operation, {@link #UNKNOWN} when none of the known verbs leads the statement
     */
    public static SqlOperation of(String sql) {
        if (sql == null) {
            return UNKNOWN;
        }
        try {
            int n = sql.length();
            int i = skipNoise(sql, 0, n, true);
            if (i < n && sql.charAt(i) == '{') {
                // JDBC escape: {call p(?)} or {? = call p(?)}
                return SqlText.indexOfWordIgnoreCase(sql, "call", i + 1) >= 0 ? CALL : UNKNOWN;
            }
            int end = wordEnd(sql, i, n);
            if (end == i) {
                return UNKNOWN;
            }
            if (end - i == 4 && sql.regionMatches(true, i, "WITH", 0, 4)) {
                return mainVerbAfterWith(sql, end, n);
            }
            return verb(sql, i, end);
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }

    private static SqlOperation mainVerbAfterWith(String sql, int from, int n) {
        int depth = 0;
        int i = from;
        while (i < n) {
            char c = sql.charAt(i);
            int skipped = SqlText.skipLiteralOrComment(sql, i, n);
            if (skipped != i) {
                i = skipped;
                continue;
            }
            if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int end = wordEnd(sql, i, n);
                if (depth == 0) {
                    SqlOperation op = verb(sql, i, end);
                    if (op == SELECT || op == VALUES || op == TABLE || op == INSERT
                            || op == UPDATE || op == DELETE || op == MERGE) {
                        return op;
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return UNKNOWN;
    }

    private static SqlOperation verb(String sql, int start, int end) {
        int length = end - start;
        for (SqlOperation op : VERBS) {
            String name = op.operationName;
            if (name.length() == length && length > 0
                    && sql.regionMatches(true, start, name, 0, length)) {
                return op;
            }
        }
        return UNKNOWN;
    }

    private static int skipNoise(String sql, int from, int n, boolean parentheses) {
        int i = from;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || (parentheses && c == '(')) {
                i++;
                continue;
            }
            int skipped = SqlText.skipComment(sql, i, n);
            if (skipped == i) {
                return i;
            }
            i = skipped;
        }
        return i;
    }

    private static int wordEnd(String sql, int from, int n) {
        int i = from;
        while (i < n) {
            char c = sql.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                break;
            }
            i++;
        }
        return i;
    }
}
