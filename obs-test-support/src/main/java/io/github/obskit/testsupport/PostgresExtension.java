package io.github.obskit.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a running {@link PostgresServer}: one server for the whole test run, started on
 * first use and stopped (its directory deleted) when the run ends. Inject it as a parameter of a
 * {@code @BeforeAll}, {@code @BeforeEach} or test method. If the server cannot start, every test
 * that asks for it fails with the reason.
 */
public final class PostgresExtension implements ParameterResolver {

    /** Creates the extension; JUnit does, through {@code @ExtendWith(PostgresExtension.class)}. */
    public PostgresExtension() {
    }

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);

    /** Supports parameters of type {@link PostgresServer}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    /** Returns the run's server, starting it on first use. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Resource resource = store.getOrComputeIfAbsent(Resource.class, k -> new Resource(),
                Resource.class);
        return resource.server();
    }

    /** Holds the server, or the reason it could not start, until the run ends. */
    private static final class Resource implements AutoCloseable {

        private PostgresServer server;
        private RuntimeException failure;

        synchronized PostgresServer server() {
            if (server == null && failure == null) {
                try {
                    server = PostgresServer.start();
                } catch (Exception e) {
                    failure = new ParameterResolutionException(
                            "could not start a PostgreSQL server: " + e.getMessage(), e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return server;
        }

        @Override
        public synchronized void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
