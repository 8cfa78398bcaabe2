package io.github.obskit.rag;

/**
 * The work done for one query, for {@link RagTelemetry#query(String, String, String, String,
 * QueryWork)}.
 *
 * @param <T> what the work returns, such as the answer
 * @param <E> the checked exception it may throw
 */
@FunctionalInterface
public interface QueryWork<T, E extends Throwable> {

    /**
     * Answers the query, recording its steps through {@code query}.
     *
     * @param query the query operation
     * @return the result
     * @throws E when the query fails
     */
    T answer(RagQuery query) throws E;
}
