package io.github.obskit.core.operation;

/**
 * The work of an operation in the lambda form, such as {@code
 * telemetry.processDocument(document, op -> parse(op))}: it receives the open operation and
 * returns the result. See {@link Operation#run(Operation, OperationWork)} for how its return and
 * its exceptions are recorded.
 *
 * @param <O> the operation handle type
 * @param <T> what the work returns
 * @param <E> the checked exception the work may throw
 */
@FunctionalInterface
public interface OperationWork<O extends Operation, T, E extends Throwable> {

    /**
     * Does the work.
     *
     * @param operation the open operation, to add domain details or start child operations
     * @return the result
     * @throws E when the work fails
     */
    T run(O operation) throws E;
}
