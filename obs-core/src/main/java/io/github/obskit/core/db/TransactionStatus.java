package io.github.obskit.core.db;

import java.util.ArrayList;
import java.util.List;

/** How a transaction ended: the {@code status} label of {@code db_transactions_total}. */
public enum TransactionStatus {

    /** Committed: {@code commit()}, or {@code setAutoCommit(true)} inside a transaction. */
    COMMIT("commit"),
    /**
     * Rolled back: {@code rollback()}, or the connection closed with the transaction still open
     * (drivers and pools roll back then).
     */
    ROLLBACK("rollback"),
    /** {@code commit()} or {@code rollback()} itself failed. */
    ERROR("error");

    private final String tagValue;

    TransactionStatus(String tagValue) {
        this.tagValue = tagValue;
    }

    /**
     * Returns the label value.
     *
     * @return {@code commit}, {@code rollback} or {@code error}
     */
    public String tagValue() {
        return tagValue;
    }

    static List<String> tagValues() {
        List<String> values = new ArrayList<>();
        for (TransactionStatus s : values()) {
            values.add(s.tagValue);
        }
        return values;
    }
}
