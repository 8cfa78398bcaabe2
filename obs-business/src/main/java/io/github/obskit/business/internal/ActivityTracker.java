package io.github.obskit.business.internal;

import io.github.obskit.business.ActivityStore;
import io.github.obskit.core.internal.OnceLogger;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers which users this process has seen today and hands each of them to the {@link
 * ActivityStore} once: the request thread only looks the user up in today's seen set (no
 * allocation, no I/O once seen); the refresh thread writes the new ones in batches and reads the
 * distinct counts.
 */
public final class ActivityTracker {

    private static final long DAY_MILLIS = 86_400_000L;

    /** Writes kept for a retry after a store failure, at most; later ones are dropped (logged). */
    static final int MAX_PENDING = 1_000_000;

    private final ActivityStore store;
    private final Clock clock;
    private volatile Day today;
    private final ConcurrentLinkedQueue<Seen> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private long lastPurgedDay = Long.MIN_VALUE;
    private final Object rollLock = new Object();
    private volatile long daily = -1;
    private volatile long monthly = -1;

    /**
     * Creates a tracker.
     *
     * @param store where activity is counted
     * @param clock tells the day (UTC)
     */
    public ActivityTracker(ActivityStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.today = new Day(epochDay());
    }

    /**
     * Records that {@code userId} was active now. For a user already seen today: one map lookup.
     *
     * @param userId a clean, non-empty user id
     */
    public void record(String userId) {
        long day = epochDay();
        Day d = today;
        if (d.epochDay != day) {
            d = roll(day);
        }
        if (d.seen.get(userId) != null) {
            return;
        }
        if (d.seen.putIfAbsent(userId, Boolean.TRUE) == null) {
            enqueue(new Seen(day, userId));
        }
    }

    /**
     * Writes the users seen since the last refresh to the store, then reads the distinct counts
     * of today and of the 30 days ending today. A failing step is logged once and the counts keep
     * their last values.
     */
    public synchronized void refresh() {
        long day = epochDay();
        flush();
        LocalDate to = LocalDate.ofEpochDay(day);
        try {
            long d = store.countDistinctUsers(to, to);
            long m = store.countDistinctUsers(to.minusDays(29), to);
            daily = d;
            monthly = m;
        } catch (Exception e) {
            OnceLogger.warn("business-activity-store:count:" + store.getClass().getName(),
                    "Could not count active users in " + store + "; users_active_daily and "
                            + "users_active_monthly keep their last values", e);
        }
        if (day != lastPurgedDay) {
            try {
                store.deleteBefore(to.minusDays(31));
                lastPurgedDay = day;
            } catch (Exception e) {
                OnceLogger.warn("business-activity-store:delete:" + store.getClass().getName(),
                        "Could not delete old activity from " + store, e);
            }
        }
    }

    /**
     * Returns the distinct users of today as last refreshed.
     *
     * @return the count, or -1 before the first successful refresh
     */
    public long daily() {
        return daily;
    }

    /**
     * Returns the distinct users of the last 30 days as last refreshed.
     *
     * @return the count, or -1 before the first successful refresh
     */
    public long monthly() {
        return monthly;
    }

    private void flush() {
        Map<Long, List<String>> byDay = new LinkedHashMap<>();
        List<Seen> taken = new ArrayList<>();
        Seen s;
        while ((s = pending.poll()) != null) {
            pendingCount.decrementAndGet();
            taken.add(s);
            byDay.computeIfAbsent(s.epochDay, k -> new ArrayList<>()).add(s.userId);
        }
        for (Map.Entry<Long, List<String>> e : byDay.entrySet()) {
            try {
                store.recordActive(LocalDate.ofEpochDay(e.getKey()), e.getValue());
            } catch (Exception ex) {
                OnceLogger.warn("business-activity-store:write:" + store.getClass().getName(),
                        "Could not record active users in " + store + "; retrying at the next "
                                + "refresh", ex);
                for (Seen retry : taken) {
                    if (retry.epochDay == e.getKey()) {
                        enqueue(retry);
                    }
                }
            }
        }
    }

    private void enqueue(Seen seen) {
        if (pendingCount.incrementAndGet() > MAX_PENDING) {
            pendingCount.decrementAndGet();
            OnceLogger.warn("business-activity-pending", "More than " + MAX_PENDING
                    + " active users wait for the activity store; later ones are not counted", null);
            return;
        }
        pending.add(seen);
    }

    private Day roll(long day) {
        // Not the refresh lock: a request at midnight must not wait for a slow store.
        synchronized (rollLock) {
            Day d = today;
            if (d.epochDay < day) {
                d = new Day(day);
                today = d;
            }
            return d; // a clock that went back keeps the later day's set
        }
    }

    private long epochDay() {
        return Math.floorDiv(clock.millis(), DAY_MILLIS);
    }

    private static final class Day {

        final long epochDay;
        final ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();

        Day(long epochDay) {
            this.epochDay = epochDay;
        }
    }

    private static final class Seen {

        final long epochDay;
        final String userId;

        Seen(long epochDay, String userId) {
            this.epochDay = epochDay;
            this.userId = userId;
        }
    }
}
