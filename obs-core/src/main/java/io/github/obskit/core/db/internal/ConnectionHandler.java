package io.github.obskit.core.db.internal;

import io.github.obskit.core.db.ConnectionLease;
import io.github.obskit.core.db.TransactionStatus;
import io.github.obskit.core.internal.OnceLogger;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The instrumented side of one {@link Connection}: counts it as active until it is closed
 * (once, however often {@code close()} is called), wraps the statements it creates, and times
 * transactions from the first statement after auto-commit was switched off to {@code commit()}
 * or {@code rollback()}.
 */
public final class ConnectionHandler implements InvocationHandler {

    private final Connection delegate;
    private final JdbcInstrumentation instrumentation;
    private final ConnectionLease lease;
    private Connection proxy;
    private volatile Boolean autoCommit;
    private volatile long transactionStart;
    private volatile String namespace;
    private volatile boolean namespaceRead;

    private ConnectionHandler(Connection delegate, JdbcInstrumentation instrumentation,
            ConnectionLease lease) {
        this.delegate = delegate;
        this.instrumentation = instrumentation;
        this.lease = lease;
    }

    /**
     * Wraps a connection just acquired; it counts as active from now on.
     *
     * @param delegate the connection from the wrapped data source
     * @param instrumentation the data source's shared state
     * @return the instrumented connection
     */
    public static Connection wrap(Connection delegate, JdbcInstrumentation instrumentation) {
        ConnectionLease lease = instrumentation.metrics().connectionAcquired();
        try {
            ConnectionHandler handler = new ConnectionHandler(delegate, instrumentation, lease);
            handler.proxy = JdbcProxies.newProxy(Connection.class, handler);
            return handler.proxy;
        } catch (RuntimeException | Error e) {
            // The caller hands the connection out unwrapped: it is not counted as active.
            lease.release();
            throw e;
        }
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        Object common = JdbcProxies.handleCommon(self, delegate, method, args);
        if (common != JdbcProxies.NOT_HANDLED) {
            return common;
        }
        int argc = args == null ? 0 : args.length;
        switch (method.getName()) {
            case "close":
            case "abort":
                closed();
                return JdbcProxies.invoke(delegate, method, args);
            case "commit":
                return endTransaction(method, args, TransactionStatus.COMMIT);
            case "rollback":
                return argc == 0 ? endTransaction(method, args, TransactionStatus.ROLLBACK)
                        : JdbcProxies.invoke(delegate, method, args);
            case "setAutoCommit":
                return setAutoCommit(method, args);
            case "createStatement":
                return StatementHandler.wrap(Statement.class,
                        (Statement) JdbcProxies.invoke(delegate, method, args), this, null);
            case "prepareStatement":
                return StatementHandler.wrap(PreparedStatement.class,
                        (PreparedStatement) JdbcProxies.invoke(delegate, method, args), this,
                        (String) args[0]);
            case "prepareCall":
                return StatementHandler.wrap(CallableStatement.class,
                        (CallableStatement) JdbcProxies.invoke(delegate, method, args), this,
                        (String) args[0]);
            default:
                return JdbcProxies.invoke(delegate, method, args);
        }
    }

    Connection proxy() {
        return proxy;
    }

    JdbcInstrumentation instrumentation() {
        return instrumentation;
    }

    String systemName() {
        return instrumentation.systemName(delegate);
    }

    /** The connection's catalog, read once and only when spans are recorded. */
    String namespace() {
        if (!instrumentation.tracing()) {
            return null;
        }
        if (!namespaceRead) {
            try {
                String catalog = delegate.getCatalog();
                namespace = catalog == null || catalog.isBlank() ? null : catalog;
            } catch (SQLException | RuntimeException e) {
                namespace = null;
            }
            namespaceRead = true;
        }
        return namespace;
    }

    /** Called before every statement execution: starts the transaction clock if needed. */
    void beforeStatement(long startNanos) {
        Boolean ac = autoCommit;
        if (ac == null) {
            try {
                ac = delegate.getAutoCommit();
            } catch (SQLException | RuntimeException e) {
                ac = Boolean.TRUE;
            }
            autoCommit = ac;
        }
        if (!ac && transactionStart == 0) {
            transactionStart = startNanos == 0 ? 1 : startNanos;
        }
    }

    private void closed() {
        if (lease.release()) {
            long start = transactionStart;
            transactionStart = 0;
            if (start != 0) {
                // Drivers and pools roll back a transaction left open at close.
                recordTransaction(TransactionStatus.ROLLBACK, start);
            }
        }
    }

    private Object endTransaction(Method method, Object[] args, TransactionStatus status)
            throws Throwable {
        long start = transactionStart;
        transactionStart = 0;
        Object result;
        try {
            result = JdbcProxies.invoke(delegate, method, args);
        } catch (Throwable t) {
            if (start != 0) {
                recordTransaction(TransactionStatus.ERROR, start);
            }
            throw t;
        }
        if (start != 0) {
            recordTransaction(status, start);
        }
        return result;
    }

    private Object setAutoCommit(Method method, Object[] args) throws Throwable {
        Object result = JdbcProxies.invoke(delegate, method, args);
        boolean on = Boolean.TRUE.equals(args[0]);
        autoCommit = on;
        if (on) {
            long start = transactionStart;
            transactionStart = 0;
            if (start != 0) {
                // JDBC: switching auto-commit on commits the open transaction.
                recordTransaction(TransactionStatus.COMMIT, start);
            }
        }
        return result;
    }

    private void recordTransaction(TransactionStatus status, long start) {
        try {
            instrumentation.metrics().recordTransaction(status, System.nanoTime() - start);
        } catch (RuntimeException e) {
            OnceLogger.warn("db.record.transaction", "Could not record a database transaction", e);
        }
    }
}
