package io.github.obskit.core.db.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Wrapper;

/** What the JDBC proxies share: invoking the delegate and the {@code Wrapper} contract. */
final class JdbcProxies {

    private JdbcProxies() {
    }

    static <T> T newProxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(),
                new Class<?>[] {type}, handler));
    }

    /** Calls {@code method} on the delegate, rethrowing what the delegate threw. */
    static Object invoke(Object delegate, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Handles the {@code Object} and {@code java.sql.Wrapper} methods.
     *
     * @return the result, or {@link #NOT_HANDLED}
     */
    static Object handleCommon(Object proxy, Object delegate, Method method, Object[] args)
            throws SQLException {
        switch (method.getName()) {
            case "equals":
                return args != null && args.length == 1 ? proxy == args[0] : NOT_HANDLED;
            case "hashCode":
                return args == null || args.length == 0 ? System.identityHashCode(proxy) : NOT_HANDLED;
            case "toString":
                return args == null || args.length == 0 ? String.valueOf(delegate) : NOT_HANDLED;
            case "unwrap":
                if (args != null && args.length == 1 && args[0] instanceof Class) {
                    Class<?> iface = (Class<?>) args[0];
                    if (iface.isInstance(proxy)) {
                        return proxy;
                    }
                    if (iface.isInstance(delegate)) {
                        return delegate;
                    }
                    return ((Wrapper) delegate).unwrap(iface);
                }
                return NOT_HANDLED;
            case "isWrapperFor":
                if (args != null && args.length == 1 && args[0] instanceof Class) {
                    Class<?> iface = (Class<?>) args[0];
                    return iface.isInstance(proxy) || iface.isInstance(delegate)
                            || ((Wrapper) delegate).isWrapperFor(iface);
                }
                return NOT_HANDLED;
            default:
                return NOT_HANDLED;
        }
    }

    /** Returned by {@link #handleCommon} when the method is not one of those. */
    static final Object NOT_HANDLED = new Object();
}
