package io.github.obskit.upload;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The closed set of the {@code error_type} tag of {@code upload_errors_total}, and the default
 * classification of exceptions into it. Pass one of these constants to {@code fail(e,
 * errorType)} when the application knows better than the exception's class; any other value is
 * recorded as {@code _OTHER}, on the span, the metric and the log event alike (see {@link
 * io.github.obskit.core.operation.Operation}).
 */
public final class UploadErrorTypes {

    /** The request or file was rejected as invalid. */
    public static final String VALIDATION = "validation";
    /** The file type is not supported. */
    public static final String UNSUPPORTED_FILE_TYPE = "unsupported_file_type";
    /** The file is larger than allowed. */
    public static final String FILE_TOO_LARGE = "file_too_large";
    /** Text could not be extracted from the file. */
    public static final String PARSE = "parse";
    /** A dependency, such as the embedding model, did not answer in time. */
    public static final String TIMEOUT = "timeout";
    /** Reading or writing a file or a network connection failed. */
    public static final String IO = "io";
    /** The embedding model or service failed. */
    public static final String EMBEDDING = "embedding";
    /** The database, object store or index refused a write. */
    public static final String STORAGE = "storage";
    /** Anything else: a bug or an unexpected state. */
    public static final String INTERNAL = "internal";

    /** Every value of the set, in documentation order. */
    public static final List<String> ALL = List.of(VALIDATION, UNSUPPORTED_FILE_TYPE,
            FILE_TOO_LARGE, PARSE, TIMEOUT, IO, EMBEDDING, STORAGE, INTERNAL);

    private UploadErrorTypes() {
    }

    /**
     * Classifies an exception by its class and its causes (up to eight deep): a {@link TimeoutException} or {@link
     * InterruptedIOException} (which includes socket timeouts) is {@link #TIMEOUT}, another
     * {@link IOException} or {@link UncheckedIOException} is {@link #IO}, an {@link
     * IllegalArgumentException} is {@link #VALIDATION}, anything else {@link #INTERNAL}.
     *
     * @param error the failure, possibly {@code null}
     * @return a value of {@link #ALL}
     */
    public static String classify(Throwable error) {
        if (inChain(error, TimeoutException.class) || inChain(error, InterruptedIOException.class)) {
            return TIMEOUT;
        }
        if (inChain(error, IOException.class) || inChain(error, UncheckedIOException.class)) {
            return IO;
        }
        if (inChain(error, IllegalArgumentException.class)) {
            return VALIDATION;
        }
        return INTERNAL;
    }

    private static boolean inChain(Throwable error, Class<? extends Throwable> type) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
