package io.github.obskit.core.tracing;

/**
 * Whether user content (query, prompt and completion text) may be recorded on spans and in log
 * events, and how much of it. Immutable; one instance is shared by the tracing and logging
 * helpers of an application.
 *
 * <p>The default, {@link #off()}, records no content at all. {@link #truncatedTo(int)} records
 * content cut to at most the given number of UTF-16 characters (a surrogate pair is never split,
 * so the result may be one character shorter). Truncation adds no marker, so the recorded text
 * is a prefix of the original.
 */
public final class ContentCapture {

    private static final ContentCapture OFF = new ContentCapture(0);

    private final int maxLength;

    private ContentCapture(int maxLength) {
        this.maxLength = maxLength;
    }

    /**
     * Returns the default policy: content is never recorded.
     *
     * @return the policy that records no content
     */
    public static ContentCapture off() {
        return OFF;
    }

    /**
     * Returns a policy that records content cut to at most {@code maxLength} characters.
     *
     * @param maxLength the longest text recorded, in UTF-16 characters; at least 1
     * @return the policy
     * @throws IllegalArgumentException when {@code maxLength} is less than 1
     */
    public static ContentCapture truncatedTo(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
        }
        return new ContentCapture(maxLength);
    }

    /**
     * Tells whether content is recorded at all.
     *
     * @return {@code false} for {@link #off()}
     */
    public boolean isEnabled() {
        return maxLength > 0;
    }

    /**
     * Returns the longest text recorded.
     *
     * @return the maximum length in UTF-16 characters, or 0 when content is not recorded
     */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Applies this policy to a text.
     *
     * @param text the content, possibly {@code null}
     * @return {@code null} when content is not recorded or {@code text} is {@code null};
     *     otherwise {@code text} itself when it is short enough, or its prefix of at most
     *     {@link #maxLength()} characters
     */
    public String apply(String text) {
        if (maxLength == 0 || text == null) {
            return null;
        }
        if (text.length() <= maxLength) {
            return text;
        }
        int end = maxLength;
        if (Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContentCapture && ((ContentCapture) other).maxLength == maxLength;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(maxLength);
    }

    @Override
    public String toString() {
        return isEnabled() ? "ContentCapture[truncatedTo=" + maxLength + "]" : "ContentCapture[off]";
    }
}
