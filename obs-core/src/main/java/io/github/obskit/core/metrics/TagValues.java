package io.github.obskit.core.metrics;

/**
 * The reserved tag values obskit records under, and the sanitizing rule every tag value goes
 * through before it becomes part of a series.
 *
 * <p>Sanitizing never throws and never allocates for a value that is already clean:
 *
 * <ul>
 *   <li>{@code null}, empty or whitespace-only values become {@link #UNKNOWN};</li>
 *   <li>values longer than {@link #MAX_LENGTH} characters are cut to that length;</li>
 *   <li>control characters (including CR, LF, TAB and NUL), {@code "} and {@code \}, and unpaired
 *       UTF-16 surrogates are each replaced by {@code _}.</li>
 * </ul>
 */
public final class TagValues {

    /** The value recorded when a tag value is missing: {@code null}, empty or blank. */
    public static final String UNKNOWN = "unknown";

    /**
     * The empty value, for keys whose policy records a missing value as absent ({@link
     * TagPolicy#absentAs(String)}): Prometheus treats a label with an empty value as no label.
     */
    public static final String ABSENT = "";

    /**
     * The value recorded when a tag value is outside a closed set, or arrives after a bounded
     * key has reached its limit.
     */
    public static final String OTHER = "other";

    /** The longest tag value kept, in UTF-16 characters; longer values are cut to this length. */
    public static final int MAX_LENGTH = 128;

    private static final char REPLACEMENT = '_';

    private TagValues() {
    }

    /**
     * Returns a value that is safe to use as a tag value, following the rules of this class.
     *
     * @param value any value, possibly {@code null}
     * @return {@code value} itself when it is already clean, otherwise a cleaned copy or {@link
     *     #UNKNOWN}
     */
    public static String sanitize(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        int length = value.length();
        if (length == 0) {
            return UNKNOWN;
        }
        boolean blank = true;
        boolean clean = length <= MAX_LENGTH;
        int scan = Math.min(length, MAX_LENGTH);
        for (int i = 0; i < scan; i++) {
            char c = value.charAt(i);
            if (blank && !Character.isWhitespace(c)) {
                blank = false;
            }
            if (clean && needsReplacement(value, i, scan)) {
                clean = false;
            }
        }
        if (blank) {
            return UNKNOWN;
        }
        if (clean) {
            return value;
        }
        return rebuild(value, scan);
    }

    /**
     * Tells whether a tag value is missing: {@code null}, empty or whitespace-only (within the
     * first {@link #MAX_LENGTH} characters, as {@link #sanitize(String)} reads it). This is how
     * obskit decides absence; a value spelled {@code "unknown"} is a value, not a missing one.
     *
     * @param value the value to check, possibly {@code null}
     * @return {@code true} when the value would be recorded as the policy's absent value
     */
    public static boolean isMissing(String value) {
        if (value == null) {
            return true;
        }
        int scan = Math.min(value.length(), MAX_LENGTH);
        for (int i = 0; i < scan; i++) {
            if (!Character.isWhitespace(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether {@code value} passes {@link #sanitize(String)} unchanged.
     *
     * @param value the value to check, possibly {@code null}
     * @return {@code true} when sanitizing would return {@code value} itself
     */
    public static boolean isClean(String value) {
        return value != null && sanitize(value) == value;
    }

    private static String rebuild(String value, int length) {
        // Do not cut a surrogate pair in two at the length limit.
        int end = length;
        if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))
                && Character.isLowSurrogate(value.charAt(end))) {
            end--;
        }
        StringBuilder out = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            out.append(needsReplacement(value, i, end) ? REPLACEMENT : c);
        }
        return out.toString();
    }

    private static boolean needsReplacement(String value, int index, int end) {
        char c = value.charAt(index);
        if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
            return true;
        }
        if (c >= 0x80 && c <= 0x9f) {
            return true; // C1 control characters
        }
        if (c == '\u2028' || c == '\u2029') {
            return true; // line and paragraph separators break line-oriented consumers
        }
        if (Character.isHighSurrogate(c)) {
            return index + 1 >= end || !Character.isLowSurrogate(value.charAt(index + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return index == 0 || !Character.isHighSurrogate(value.charAt(index - 1));
        }
        return false;
    }
}
