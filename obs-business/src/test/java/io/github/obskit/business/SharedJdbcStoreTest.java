package io.github.obskit.business;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.testsupport.PostgresExtension;
import io.github.obskit.testsupport.PostgresServer;
import io.github.obskit.testsupport.Promtool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two "replicas" (two registries, two recorders, two store instances) sharing one table, on H2
 * and on a real PostgreSQL server: each reports the distinct count, not the sum.
 */
@ExtendWith(PostgresExtension.class)
class SharedJdbcStoreTest {

    @Test
    void replicasSharingAnH2TableReportTheSameDistinctCount() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:business-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        assertThat(replicasReportTheDistinctCount(h2))
                .as("day-1 DAU of replica A and B: the distinct count, not the sum 6").containsExactly(4.0, 4.0);
    }

    @Test
    void replicasSharingAPostgresTableReportTheSameDistinctCount(PostgresServer server) throws Exception {
        server.createDatabase("business_replicas");
        assertThat(replicasReportTheDistinctCount(server.dataSource("business_replicas")))
                .as("day-1 DAU of replica A and B: the distinct count, not the sum 6").containsExactly(4.0, 4.0);
    }

    /** Runs two replicas on one table over days 1, 2 and 40; returns both replicas' day-1 DAU. */
    private static double[] replicasReportTheDistinctCount(DataSource dataSource) throws Exception {
        MutableClock clock = MutableClock.day1();
        PrometheusMeterRegistry registryA = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PrometheusMeterRegistry registryB = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CountingStore storeA = new CountingStore(JdbcActivityStore.create(dataSource));
        CountingStore storeB = new CountingStore(JdbcActivityStore.create(dataSource));
        try (BusinessMetrics a = BusinessMetrics.builder(registryA).clock(clock).activityStore(storeA)
                .refreshInterval(Duration.ofHours(1)).build();
                BusinessMetrics b = BusinessMetrics.builder(registryB).clock(clock).activityStore(storeB)
                        .refreshInterval(Duration.ofHours(1)).build()) {
            // alice and bob hit both replicas, carol only A, dave only B: 4 distinct, 6 per-replica.
            for (int i = 0; i < 100; i++) {
                a.recordActivity("alice");
                b.recordActivity("alice");
                a.recordActivity("bob");
                b.recordActivity("bob");
            }
            a.recordActivity("carol");
            b.recordActivity("dave");
            a.refresh();
            b.refresh();
            a.refresh(); // A now sees B's writes too

            double[] dayOneDau = {ActiveUsersTest.dau(registryA), ActiveUsersTest.dau(registryB)};
            assertThat(ActiveUsersTest.dau(registryA)).isEqualTo(4);
            assertThat(ActiveUsersTest.dau(registryB)).isEqualTo(4);
            assertThat(ActiveUsersTest.mau(registryA)).isEqualTo(4);
            assertThat(ActiveUsersTest.mau(registryB)).isEqualTo(4);
            assertThat(storeA.usersWritten.get()).as("one write per user per day per replica").isEqualTo(3);
            assertThat(storeB.usersWritten.get()).isEqualTo(3);
            assertThat(rows(dataSource)).isEqualTo(4);
            assertThat(registryA.scrape()).contains("users_active_daily 4.0").contains("users_active_monthly 4.0");
            assertThat(Promtool.checkMetrics(registryB.scrape()).exitCode()).isZero();

            clock.day(2);
            b.recordActivity("erin");
            b.refresh();
            a.refresh();
            assertThat(ActiveUsersTest.dau(registryA)).isEqualTo(1);
            assertThat(ActiveUsersTest.mau(registryA)).isEqualTo(5);
            assertThat(ActiveUsersTest.mau(registryB)).isEqualTo(5);

            clock.day(40);
            a.refresh();
            assertThat(ActiveUsersTest.mau(registryA)).isZero();
            assertThat(rows(dataSource)).as("rows older than 31 days were deleted").isZero();
            return dayOneDau;
        }
    }

    @Test
    void refreshWithAMillionActivityRowsOnPostgres(PostgresServer server) throws Exception {
        server.createDatabase("business_million");
        DataSource ds = server.dataSource("business_million");
        MutableClock clock = MutableClock.day1();
        clock.day(30);
        LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(clock.millis(), 86_400_000L));
        JdbcActivityStore store = JdbcActivityStore.create(ds);
        store.countDistinctUsers(today, today); // creates the table
        long insertStart = System.nanoTime();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // 1,000,000 rows: 100,000 users, each active on 10 of the 30 days (every third day),
            // a third of them today.
            s.execute("INSERT INTO obskit_user_activity (activity_day, user_id) "
                    + "SELECT DATE '" + today + "' - ((g % 10) * 3 + (g / 10) % 3), 'user-' || (g / 10) "
                    + "FROM generate_series(0, 999999) AS g");
            s.execute("ANALYZE obskit_user_activity");
        }
        long insertMillis = (System.nanoTime() - insertStart) / 1_000_000;
        long rows = rows(ds);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (BusinessMetrics m = BusinessMetrics.builder(registry).clock(clock).activityStore(store)
                .refreshInterval(Duration.ofHours(1)).build()) {
            m.refresh(); // warm (the thread's first refresh may run concurrently)
            long best = Long.MAX_VALUE;
            long worst = 0;
            for (int i = 0; i < 3; i++) {
                m.recordActivity("new-user-" + i);
                long start = System.nanoTime();
                m.refresh();
                long took = System.nanoTime() - start;
                best = Math.min(best, took);
                worst = Math.max(worst, took);
            }
            System.out.printf("PostgreSQL refresh with %,d activity rows: best %d ms, worst %d ms "
                    + "(one write, COUNT DISTINCT today and 30 days); rows generated in %d ms%n",
                    rows, best / 1_000_000, worst / 1_000_000, insertMillis);
            assertThat(rows).isEqualTo(1_000_000);
            assertThat(ActiveUsersTest.mau(registry)).isEqualTo(100_003);
            assertThat(ActiveUsersTest.dau(registry)).isEqualTo(33_334 + 3);
        }
    }

    private static long rows(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM obskit_user_activity")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
