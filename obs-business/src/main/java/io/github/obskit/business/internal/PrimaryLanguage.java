package io.github.obskit.business.internal;

import java.util.Collection;

/**
 * Maps a BCP 47 language tag ({@code en-US}, {@code pt_BR}, {@code ZH}) to the value of a closed
 * set that equals its primary subtag, ignoring case, without allocating.
 */
public final class PrimaryLanguage {

    private final String[] known;

    /**
     * Creates the mapping over the effective set of the {@code language} tag.
     *
     * @param values the set's values
     */
    public PrimaryLanguage(Collection<String> values) {
        this.known = values.toArray(new String[0]);
    }

    /**
     * Returns the set's value for {@code tag}'s primary subtag.
     *
     * @param tag a language tag, possibly {@code null}
     * @return the matching value, else {@code tag} itself (which the set records as {@code other},
     *     or {@code unknown} when missing)
     */
    public String of(String tag) {
        if (tag == null) {
            return null;
        }
        int start = 0;
        int length = tag.length();
        while (start < length && tag.charAt(start) == ' ') {
            start++;
        }
        int end = start;
        while (end < length && tag.charAt(end) != '-' && tag.charAt(end) != '_' && tag.charAt(end) != ' ') {
            end++;
        }
        int size = end - start;
        for (String value : known) {
            if (value.length() == size && tag.regionMatches(true, start, value, 0, size)) {
                return value;
            }
        }
        return tag;
    }
}
