package io.github.obskit.business;

import java.time.LocalDate;
import java.util.Collection;

/**
 * Where {@link BusinessMetrics} keeps which users were active on which day, so that daily and
 * monthly active users are distinct users across every replica that shares the store, not a sum
 * of per-replica counts. Two implementations: {@link InMemoryActivityStore} (exact for one
 * instance) and {@link JdbcActivityStore} (shared through a database).
 *
 * <p>Only the recorder's refresh thread calls a store, never a request thread: it writes each
 * user at most once per day per recorder, in batches, and reads the two counts once per refresh
 * interval. An exception thrown by any method is logged once and leaves the gauges at their last
 * values; writes that failed are retried at the next refresh.
 */
public interface ActivityStore {

    /**
     * Records that these users were active on {@code day}. Recording a user twice for one day
     * (from two replicas, or a retry) must count once.
     *
     * @param day the UTC day
     * @param userIds the users, each non-empty and at most {@value BusinessMetrics#MAX_USER_ID_LENGTH}
     *     characters; no duplicates within one call
     * @throws Exception when the store cannot record them
     */
    void recordActive(LocalDate day, Collection<String> userIds) throws Exception;

    /**
     * Counts the distinct users active on any day from {@code from} to {@code to}, both included.
     *
     * @param from the first UTC day
     * @param to the last UTC day
     * @return the number of distinct users
     * @throws Exception when the store cannot count
     */
    long countDistinctUsers(LocalDate from, LocalDate to) throws Exception;

    /**
     * Forgets activity before {@code day}; called at most once a day with a day 31 days back, so
     * the store holds about a month. Default: does nothing.
     *
     * @param day the first UTC day to keep
     * @throws Exception when the store cannot delete
     */
    default void deleteBefore(LocalDate day) throws Exception {
    }
}
