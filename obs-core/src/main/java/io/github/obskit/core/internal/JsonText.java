package io.github.obskit.core.internal;

/** Writes JSON string literals, for the few small JSON texts obskit builds (span attributes, the health document). */
public final class JsonText {

    private JsonText() {
    }

    /**
     * Appends {@code value} as a JSON string literal, or {@code null}.
     *
     * @param out where to append
     * @param value the text, possibly {@code null}
     * @return {@code out}
     */
    public static StringBuilder appendString(StringBuilder out, String value) {
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
