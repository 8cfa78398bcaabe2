package io.github.obskit.servlet.internal;

/** Writes JSON string literals; enough for the small documents obs-servlet serves. */
public final class Json {

    private Json() {
    }

    /**
     * Appends {@code value} as a quoted, escaped JSON string.
     *
     * @param out where to append
     * @param value the string; {@code null} is written as {@code null}
     * @return {@code out}
     */
    public static StringBuilder string(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
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
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"');
    }
}
