package io.github.obskit.business;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.testsupport.PostgresExtension;
import io.github.obskit.testsupport.PostgresServer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Replicas starting together all create the table on PostgreSQL; none of them fails. */
@ExtendWith(PostgresExtension.class)
class TableCreationRaceTest {

    @Test
    void replicasCreatingTheTableTogetherAllSucceed(PostgresServer server) throws Exception {
        server.createDatabase("business_race");
        DataSource ds = server.dataSource("business_race");
        int replicas = 8;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        CountDownLatch start = new CountDownLatch(1);
        LocalDate day = LocalDate.of(2026, 3, 1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                String user = "user-" + i;
                JdbcActivityStore store = JdbcActivityStore.create(ds);
                done.add(pool.submit(() -> {
                    start.await();
                    store.recordActive(day, List.of(user, "shared"));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(); // throws if a replica failed
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(JdbcActivityStore.create(ds).countDistinctUsers(day, day)).isEqualTo(replicas + 1);
    }
}
