package io.github.obskit.agent.internal;

/**
 * Reduces a language tag to its BCP 47 primary subtag, lower case: {@code en-US}, {@code EN} and
 * {@code en_GB} all become {@code en}. A value that is already a lower-case primary subtag is
 * returned as is, without allocating.
 */
public final class LanguageTags {

    private LanguageTags() {
    }

    /**
     * Returns the primary subtag of {@code tag}.
     *
     * @param tag a language tag, possibly {@code null}
     * @return the primary subtag in lower case; {@code null} when {@code tag} is {@code null} or
     *     has no letters before its first separator (recorded as {@code unknown})
     */
    public static String primary(String tag) {
        if (tag == null) {
            return null;
        }
        int length = tag.length();
        int start = 0;
        while (start < length && Character.isWhitespace(tag.charAt(start))) {
            start++;
        }
        int end = start;
        boolean lower = true;
        while (end < length) {
            char c = tag.charAt(end);
            if (c == '-' || c == '_' || Character.isWhitespace(c)) {
                break;
            }
            if (c < 'a' || c > 'z') {
                lower = false;
            }
            end++;
        }
        if (end == start) {
            return null;
        }
        if (lower && start == 0 && end == length) {
            return tag;
        }
        return tag.substring(start, end).toLowerCase(java.util.Locale.ROOT);
    }
}
