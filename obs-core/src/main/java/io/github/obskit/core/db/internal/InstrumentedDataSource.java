package io.github.obskit.core.db.internal;

import io.github.obskit.core.internal.OnceLogger;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections are instrumented. Acquisition failures count as {@code
 * db_connections_total{status="error"}} and are rethrown unchanged; a connection that cannot be
 * instrumented is returned as the delegate gave it.
 */
public final class InstrumentedDataSource implements DataSource {

    private final DataSource delegate;
    private final JdbcInstrumentation instrumentation;

    /**
     * Wraps a data source.
     *
     * @param delegate the application's data source
     * @param instrumentation the shared state of its connections
     */
    public InstrumentedDataSource(DataSource delegate, JdbcInstrumentation instrumentation) {
        this.delegate = Objects.requireNonNull(delegate, "dataSource");
        this.instrumentation = instrumentation;
    }

    /**
     * Returns the wrapped data source (statistics are polled through it, uncounted).
     *
     * @return the application's data source
     */
    public DataSource delegate() {
        return delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return instrument(acquire(null, null, false));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return instrument(acquire(username, password, true));
    }

    private Connection acquire(String username, String password, boolean withCredentials)
            throws SQLException {
        Connection connection;
        try {
            connection = withCredentials ? delegate.getConnection(username, password)
                    : delegate.getConnection();
        } catch (SQLException | RuntimeException | Error e) {
            instrumentation.metrics().connectionFailed();
            throw e;
        }
        if (connection == null) {
            instrumentation.metrics().connectionFailed();
        }
        return connection;
    }

    private Connection instrument(Connection connection) {
        if (connection == null) {
            return null;
        }
        try {
            return ConnectionHandler.wrap(connection, instrumentation);
        } catch (RuntimeException e) {
            // The connection is open and the application's: hand it over uninstrumented rather
            // than lose it.
            OnceLogger.warn("db.wrap.connection", "Could not instrument a JDBC connection; it is "
                    + "used without database metrics", e);
            return connection;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(delegate)) {
            return iface.cast(delegate);
        }
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "InstrumentedDataSource[" + delegate + "]";
    }
}
