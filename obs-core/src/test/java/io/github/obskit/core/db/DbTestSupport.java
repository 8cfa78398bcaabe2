package io.github.obskit.core.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Reads recorded values back from a registry, by the catalog's Micrometer names. */
final class DbTestSupport {

    private final MeterRegistry registry;

    DbTestSupport(MeterRegistry registry) {
        this.registry = registry;
    }

    double queries(String queryType, String status) {
        Counter c = registry.find("db.queries").tags("query_type", queryType, "status", status)
                .counter();
        return c == null ? 0 : c.count();
    }

    double queriesTotal() {
        return registry.find("db.queries").counters().stream().mapToDouble(Counter::count).sum();
    }

    long queryDurationCount(String queryType) {
        Timer t = registry.find("db.query.duration").tag("query_type", queryType).timer();
        return t == null ? 0 : t.count();
    }

    double connections(String status) {
        Counter c = registry.find("db.connections").tag("status", status).counter();
        return c == null ? 0 : c.count();
    }

    double activeConnections() {
        Gauge g = registry.find("db.connections.active").gauge();
        return g == null ? Double.NaN : g.value();
    }

    double transactions(String status) {
        Counter c = registry.find("db.transactions").tag("status", status).counter();
        return c == null ? 0 : c.count();
    }

    long transactionDurationCount() {
        Timer t = registry.find("db.transaction.duration").timer();
        return t == null ? 0 : t.count();
    }

    long operationCount(String operationName, String errorType) {
        Timer t = registry.find("db.client.operation.duration")
                .tags("db.operation.name", operationName, "error.type", errorType).timer();
        return t == null ? 0 : t.count();
    }

    double leaked() {
        Counter c = registry.find("obskit.db.connections.leaked").counter();
        return c == null ? 0 : c.count();
    }

    double pollFailures(String statistic) {
        Counter c = registry.find("obskit.db.statistics.poll.failures").tag("statistic", statistic)
                .counter();
        return c == null ? 0 : c.count();
    }

    Gauge storageSize() {
        return registry.find("db.storage.size").gauge();
    }

    Gauge indexUsage(String table, String index) {
        return registry.find("db.index.usage.ratio").tags("table_name", table, "index_name", index)
                .gauge();
    }
}
