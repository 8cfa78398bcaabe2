package io.github.obskit.business;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ActivityStore} in this process's memory: exact for one instance, and the default of
 * {@link BusinessMetrics}. Replicas each holding one overcount when their gauges are summed; give
 * them a shared {@link JdbcActivityStore} instead. Holds one entry per user and day for the
 * days not yet deleted (about a month). Thread-safe.
 */
public final class InMemoryActivityStore implements ActivityStore {

    private final Map<LocalDate, Set<String>> byDay = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryActivityStore() {
    }

    @Override
    public void recordActive(LocalDate day, Collection<String> userIds) {
        Objects.requireNonNull(day, "day");
        byDay.computeIfAbsent(day, d -> ConcurrentHashMap.newKeySet()).addAll(userIds);
    }

    @Override
    public long countDistinctUsers(LocalDate from, LocalDate to) {
        Set<String> distinct = new HashSet<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Set<String> users = byDay.get(day);
            if (users != null) {
                distinct.addAll(users);
            }
        }
        return distinct.size();
    }

    @Override
    public void deleteBefore(LocalDate day) {
        byDay.keySet().removeIf(d -> d.isBefore(day));
    }
}
