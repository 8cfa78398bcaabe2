package io.github.obskit.core.db;

import io.github.obskit.core.db.internal.LeaseTracker;

/**
 * One connection counted in {@code db_connections_active}, from {@link
 * DatabaseMetrics#connectionAcquired()} until {@link #release()}. Releasing is idempotent, so
 * closing a connection twice cannot push the gauge below the number of open connections.
 *
 * <p>Hold the lease for as long as the connection is in use (the wrapped connections of {@link
 * DatabaseTelemetry} do). A lease that becomes unreachable without being released is a leaked
 * connection: the next read of the gauge (or the next acquisition) releases it and counts it in
 * {@code obskit.db.connections.leaked}, so leaks cannot make the gauge drift upwards forever.
 */
public final class ConnectionLease {

    private final LeaseTracker.Handle handle;

    ConnectionLease(LeaseTracker tracker) {
        this.handle = tracker.track(this);
    }

    /**
     * Ends the lease: {@code db_connections_active} goes down by one the first time, and never
     * again. Never throws.
     *
     * @return {@code true} the first time, {@code false} when already released
     */
    public boolean release() {
        return handle.release();
    }

    /**
     * Tells whether {@link #release()} has been called.
     *
     * @return {@code true} once released
     */
    public boolean isReleased() {
        return handle.isReleased();
    }
}
