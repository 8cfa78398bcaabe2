package io.github.obskit.rag.internal;

/** Text helpers for opt-in content capture. */
public final class Texts {

    private Texts() {
    }

    /**
     * Cuts {@code text} to at most {@code maxChars} UTF-16 characters without splitting a
     * surrogate pair.
     *
     * @param text the text, possibly {@code null}
     * @param maxChars the limit, at least 0
     * @return the text itself when short enough, else its cut prefix; {@code null} for {@code null}
     */
    public static String truncate(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * Appends {@code value} to {@code out} as a JSON string literal.
     *
     * @param out where to append
     * @param value the string, possibly {@code null} (appended as {@code null})
     */
    public static void appendJsonString(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
