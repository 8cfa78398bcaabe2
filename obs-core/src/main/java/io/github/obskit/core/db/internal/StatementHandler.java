package io.github.obskit.core.db.internal;

import io.github.obskit.core.db.QueryType;
import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.tracing.SpanScope;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.Statement;

/**
 * The instrumented side of one {@link Statement}, {@code PreparedStatement} or {@code
 * CallableStatement}: times every {@code execute*} call (one {@code executeBatch} is one
 * execution), records its query type and outcome, and optionally a CLIENT span.
 * {@code getConnection()} returns the instrumented connection.
 */
final class StatementHandler implements InvocationHandler {

    private final Statement delegate;
    private final ConnectionHandler connection;
    private final String preparedSql;
    private final SqlOperation prepared;
    private SqlOperation batchOperation;
    private boolean batchMixed;
    private int batchSize;

    private StatementHandler(Statement delegate, ConnectionHandler connection, String preparedSql) {
        this.delegate = delegate;
        this.connection = connection;
        this.preparedSql = preparedSql;
        this.prepared = preparedSql != null ? SqlOperation.of(preparedSql) : null;
    }

    static <T extends Statement> T wrap(Class<T> type, T delegate, ConnectionHandler connection,
            String preparedSql) {
        if (delegate == null) {
            return null;
        }
        try {
            return JdbcProxies.newProxy(type, new StatementHandler(delegate, connection, preparedSql));
        } catch (RuntimeException e) {
            OnceLogger.warn("db.wrap.statement", "Could not instrument a JDBC statement; it is "
                    + "used without database metrics", e);
            return delegate;
        }
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        Object common = JdbcProxies.handleCommon(self, delegate, method, args);
        if (common != JdbcProxies.NOT_HANDLED) {
            return common;
        }
        String name = method.getName();
        switch (name) {
            case "getConnection":
                return connection.proxy();
            case "addBatch":
                Object added = JdbcProxies.invoke(delegate, method, args);
                addToBatch(args != null && args.length == 1 && args[0] instanceof String
                        ? SqlOperation.of((String) args[0])
                        : prepared != null ? prepared : SqlOperation.UNKNOWN);
                return added;
            case "clearBatch":
                clearBatch();
                return JdbcProxies.invoke(delegate, method, args);
            case "executeBatch":
            case "executeLargeBatch":
                return executeBatch(method, args);
            case "execute":
            case "executeQuery":
            case "executeUpdate":
            case "executeLargeUpdate":
                return execute(method, args);
            default:
                return JdbcProxies.invoke(delegate, method, args);
        }
    }

    private Object execute(Method method, Object[] args) throws Throwable {
        String sql;
        SqlOperation operation;
        if (args != null && args.length > 0 && args[0] instanceof String) {
            sql = (String) args[0];
            operation = SqlOperation.of(sql);
        } else {
            sql = preparedSql;
            operation = prepared != null ? prepared : SqlOperation.UNKNOWN;
        }
        return timed(method, args, sql, operation.queryType(), operation.operationName(), 1);
    }

    private Object executeBatch(Method method, Object[] args) throws Throwable {
        SqlOperation operation = batchOperation != null ? batchOperation
                : prepared != null ? prepared : SqlOperation.UNKNOWN;
        QueryType type = batchMixed ? QueryType.OTHER : operation.queryType();
        String operationName = batchMixed ? "BATCH" : operation.batchName();
        int size = batchSize;
        String sql = prepared != null ? preparedSql : null;
        clearBatch(); // executeBatch empties the batch, whatever its outcome
        return timed(method, args, sql, type, operationName, size);
    }

    private Object timed(Method method, Object[] args, String sql, QueryType type,
            String operationName, int batchSize) throws Throwable {
        long start = System.nanoTime();
        connection.beforeStatement(start);
        JdbcInstrumentation instrumentation = connection.instrumentation();
        String system = connection.systemName();
        SpanScope span = instrumentation.tracing()
                ? instrumentation.startSpan(system, operationName, connection.namespace(), sql,
                        batchSize)
                : null;
        Throwable failure = null;
        try {
            return JdbcProxies.invoke(delegate, method, args);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            instrumentation.recordExecution(system, type, operationName, failure,
                    System.nanoTime() - start, span);
        }
    }

    private void addToBatch(SqlOperation operation) {
        if (batchOperation == null) {
            batchOperation = operation;
        } else if (batchOperation != operation) {
            batchMixed = true;
        }
        batchSize++;
    }

    private void clearBatch() {
        batchOperation = null;
        batchMixed = false;
        batchSize = 0;
    }
}
