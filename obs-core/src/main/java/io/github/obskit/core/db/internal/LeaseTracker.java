package io.github.obskit.core.db.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts open connection leases and notices leases that became unreachable without being
 * released (leaked connections). Weak references only: no thread, no cleaner; the reference
 * queue is drained whenever the count is read or a lease is tracked.
 */
public final class LeaseTracker {

    private final AtomicLong active = new AtomicLong();
    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final Set<Handle> handles = ConcurrentHashMap.newKeySet();
    private final Runnable onLeak;

    /**
     * Creates a tracker.
     *
     * @param onLeak called once per leaked lease (after the count went down); must not throw
     */
    public LeaseTracker(Runnable onLeak) {
        this.onLeak = onLeak;
    }

    /**
     * Starts tracking a lease: the count goes up by one.
     *
     * @param lease the object whose reachability decides a leak
     * @return the handle that releases it
     */
    public Handle track(Object lease) {
        drain();
        Handle handle = new Handle(lease, queue, this);
        handles.add(handle);
        active.incrementAndGet();
        return handle;
    }

    /**
     * Returns the number of leases tracked and not released, after releasing the leaked ones.
     *
     * @return the count
     */
    public long active() {
        drain();
        return active.get();
    }

    private void drain() {
        Object ref;
        while ((ref = queue.poll()) != null) {
            Handle handle = (Handle) ref;
            if (handle.release()) {
                try {
                    onLeak.run();
                } catch (RuntimeException ignored) {
                    // counting a leak must not break the caller
                }
            }
        }
    }

    /** The release state of one lease, weakly referring to the lease itself. */
    public static final class Handle extends WeakReference<Object> {

        private final AtomicBoolean released = new AtomicBoolean();
        private final LeaseTracker tracker;

        Handle(Object lease, ReferenceQueue<Object> queue, LeaseTracker tracker) {
            super(lease, queue);
            this.tracker = tracker;
        }

        /**
         * Releases the lease once.
         *
         * @return {@code true} the first time
         */
        public boolean release() {
            if (!released.compareAndSet(false, true)) {
                return false;
            }
            tracker.active.decrementAndGet();
            tracker.handles.remove(this);
            return true;
        }

        /**
         * Tells whether the lease was released.
         *
         * @return {@code true} once released
         */
        public boolean isReleased() {
            return released.get();
        }
    }
}
