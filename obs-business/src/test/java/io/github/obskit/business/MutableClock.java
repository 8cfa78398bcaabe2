package io.github.obskit.business;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand; {@link #millis()} does not allocate. */
final class MutableClock extends Clock {

    /** 2026-03-01T12:00:00Z, noon of "day 1". */
    static final long DAY_1_NOON = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

    private final AtomicLong millis;

    MutableClock(long millis) {
        this.millis = new AtomicLong(millis);
    }

    static MutableClock day1() {
        return new MutableClock(DAY_1_NOON);
    }

    /** Moves to noon of day {@code n} (day 1 is where the clock starts). */
    void day(int n) {
        millis.set(DAY_1_NOON + (n - 1) * 86_400_000L);
    }

    void advance(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
