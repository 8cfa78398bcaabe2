package io.github.obskit.business;

import java.time.LocalDate;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a store, counting the users written and the counts read; can be made to fail. */
final class CountingStore implements ActivityStore {

    final ActivityStore delegate;
    final AtomicInteger usersWritten = new AtomicInteger();
    final AtomicInteger counts = new AtomicInteger();
    final AtomicBoolean failing = new AtomicBoolean();

    CountingStore(ActivityStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void recordActive(LocalDate day, Collection<String> userIds) throws Exception {
        if (failing.get()) {
            throw new java.sql.SQLException("store down");
        }
        delegate.recordActive(day, userIds);
        usersWritten.addAndGet(userIds.size()); // successful writes only
    }

    @Override
    public long countDistinctUsers(LocalDate from, LocalDate to) throws Exception {
        if (failing.get()) {
            throw new java.sql.SQLException("store down");
        }
        counts.incrementAndGet();
        return delegate.countDistinctUsers(from, to);
    }

    @Override
    public void deleteBefore(LocalDate day) throws Exception {
        delegate.deleteBefore(day);
    }
}
