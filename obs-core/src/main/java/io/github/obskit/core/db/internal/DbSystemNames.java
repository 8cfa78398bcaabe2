package io.github.obskit.core.db.internal;

import java.util.Locale;

/** Maps JDBC database product names to OpenTelemetry {@code db.system.name} values. */
public final class DbSystemNames {

    /** The value for a relational database the conventions have no name for. */
    public static final String OTHER_SQL = "other_sql";

    private DbSystemNames() {
    }

    /**
     * Maps a JDBC product name ({@code DatabaseMetaData.getDatabaseProductName()}).
     *
     * @param productName the product name, possibly {@code null}
     * @return the {@code db.system.name} value, {@value #OTHER_SQL} when unknown
     */
    public static String fromProductName(String productName) {
        if (productName == null) {
            return OTHER_SQL;
        }
        String p = productName.toLowerCase(Locale.ROOT);
        if (p.contains("postgresql")) {
            return "postgresql";
        }
        if (p.equals("h2")) {
            return "h2database";
        }
        if (p.contains("mariadb")) {
            return "mariadb";
        }
        if (p.contains("mysql")) {
            return "mysql";
        }
        if (p.contains("sql server")) {
            return "microsoft.sql_server";
        }
        if (p.contains("oracle")) {
            return "oracle.db";
        }
        if (p.contains("hsql")) {
            return "hsqldb";
        }
        if (p.contains("derby")) {
            return "derby";
        }
        if (p.contains("sqlite")) {
            return "sqlite";
        }
        if (p.startsWith("db2")) {
            return "ibm.db2";
        }
        return OTHER_SQL;
    }
}
