package io.github.obskit.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.obskit.testsupport.ThreadAllocation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Daily and monthly active users over a clock the test moves, on the in-memory store. */
class ActiveUsersTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MutableClock clock = MutableClock.day1();
    private final CountingStore store = new CountingStore(new InMemoryActivityStore());
    private final BusinessMetrics metrics = BusinessMetrics.builder(registry).clock(clock)
            .activityStore(store).refreshInterval(Duration.ofHours(1)).build();

    @AfterEach
    void tearDown() {
        metrics.close();
    }

    static double dau(MeterRegistry registry) {
        return registry.get("users.active.daily").gauge().value();
    }

    static double mau(MeterRegistry registry) {
        return registry.get("users.active.monthly").gauge().value();
    }

    @Test
    void usersOfDayOneLeaveDauOnDayTwoAndMauOnDay31() {
        metrics.recordActivity("alice");
        metrics.recordActivity("bob");
        metrics.recordActivity("carol");
        metrics.refresh();
        assertThat(dau(registry)).isEqualTo(3);
        assertThat(mau(registry)).isEqualTo(3);

        clock.day(2);
        metrics.recordActivity("dave");
        metrics.refresh();
        assertThat(dau(registry)).isEqualTo(1);
        assertThat(mau(registry)).isEqualTo(4);

        clock.day(30);
        metrics.recordActivity("alice");
        metrics.refresh();
        assertThat(dau(registry)).isEqualTo(1);
        assertThat(mau(registry)).as("day 30: days 1 to 30").isEqualTo(4);

        clock.day(31);
        metrics.refresh();
        assertThat(dau(registry)).isZero();
        assertThat(mau(registry)).as("day 31: bob and carol left, dave (day 2) and alice (day 30) stay")
                .isEqualTo(2);

        clock.day(32);
        metrics.refresh();
        assertThat(mau(registry)).as("day 32: dave left").isEqualTo(1);
        assertThat(registry.scrape()).contains("users_active_daily 0.0").contains("users_active_monthly 1.0");
    }

    @Test
    void aBusyUserIsWrittenOncePerDayAndScrapesNeverReadTheStore() throws InterruptedException {
        // The refresh thread refreshes once at start (then hourly): wait for it, so that the
        // only store reads from here on are the test's own refreshes.
        await().atMost(Duration.ofSeconds(10)).until(() -> store.counts.get() >= 2);
        int countsBefore = store.counts.get();
        assertThat(countsBefore).as("today and 30 days, read by the first refresh").isEqualTo(2);
        for (int i = 0; i < 10_000; i++) {
            metrics.recordActivity("alice");
            metrics.recordActivity("bob");
        }
        for (int i = 0; i < 50; i++) {
            registry.scrape();
            dau(registry);
        }
        assertThat(store.counts.get()).as("no store reads without a refresh").isEqualTo(countsBefore);
        metrics.refresh();
        metrics.recordActivity("alice");
        metrics.refresh();
        assertThat(store.usersWritten.get()).isEqualTo(2);
        assertThat(dau(registry)).isEqualTo(2);

        clock.day(2);
        metrics.recordActivity("alice");
        metrics.refresh();
        assertThat(store.usersWritten.get()).as("a new day writes alice again").isEqualTo(3);
    }

    @Test
    void aFailingStoreKeepsTheLastValuesAndRetriesItsWrites() {
        metrics.recordActivity("alice");
        metrics.refresh();
        assertThat(dau(registry)).isEqualTo(1);

        store.failing.set(true);
        metrics.recordActivity("bob");
        metrics.recordActivity("carol");
        metrics.refresh();
        metrics.refresh();
        assertThat(dau(registry)).as("last value kept").isEqualTo(1);
        assertThat(registry.scrape()).contains("users_active_daily 1.0");

        store.failing.set(false);
        metrics.refresh();
        assertThat(dau(registry)).as("bob and carol were retried").isEqualTo(3);
    }

    @Test
    void gaugesAreNanUntilTheFirstRefreshAndTheThreadRefreshes() throws InterruptedException {
        PrometheusMeterRegistry other = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        InMemoryActivityStore shared = new InMemoryActivityStore();
        shared.recordActive(java.time.LocalDate.ofEpochDay(Math.floorDiv(clock.millis(), 86_400_000L)),
                java.util.List.of("zoe"));
        try (BusinessMetrics m = BusinessMetrics.builder(other).clock(clock).activityStore(shared)
                .refreshInterval(Duration.ofMillis(20)).build()) {
            m.recordActivity("yann");
            await().atMost(Duration.ofSeconds(10)).until(() -> dau(other) == 2);
            assertThat(dau(other)).as("refreshed by the obskit-business-refresh thread").isEqualTo(2);
        }
        CountingStore down = new CountingStore(new InMemoryActivityStore());
        down.failing.set(true);
        PrometheusMeterRegistry third = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (BusinessMetrics m = BusinessMetrics.builder(third).activityStore(down)
                .refreshInterval(Duration.ofHours(1)).build()) {
            m.recordActivity("alice");
            m.refresh();
            assertThat(dau(third)).as("never refreshed successfully").isNaN();
            assertThat(third.scrape()).contains("users_active_daily NaN");
        }
    }

    @Test
    void recordingAUserAlreadySeenTodayAllocatesNothing() {
        String[] users = new String[1_000];
        for (int i = 0; i < users.length; i++) {
            users[i] = "user-" + i;
            metrics.recordActivity(users[i]);
        }
        int operations = 1_000_000;
        long allocated = ThreadAllocation.bytesAllocatedBy(operations,
                i -> metrics.recordActivity(users[i % users.length]));
        double perOp = (double) allocated / operations;
        System.out.printf("recordActivity for a user already seen today: %d B over %d calls = %.4f B/op%n",
                allocated, operations, perOp);
        assertThat(allocated).as("bytes allocated by %d calls", operations)
                .isLessThan(ThreadAllocation.ONE_OFF_ALLOWANCE_BYTES);
        metrics.refresh();
        assertThat(store.usersWritten.get()).isEqualTo(users.length);
        assertThat(dau(registry)).isEqualTo(users.length);
    }
}
