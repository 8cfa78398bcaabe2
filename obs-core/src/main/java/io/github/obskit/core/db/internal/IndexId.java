package io.github.obskit.core.db.internal;

import java.util.Objects;

/** The table and index names of one {@code db_index_usage_ratio} series. */
final class IndexId {

    final String table;
    final String index;

    IndexId(String table, String index) {
        this.table = table;
        this.index = index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexId && table.equals(((IndexId) o).table)
                && index.equals(((IndexId) o).index);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, index);
    }

    @Override
    public String toString() {
        return table + "." + index;
    }
}
