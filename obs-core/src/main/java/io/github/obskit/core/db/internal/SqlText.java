package io.github.obskit.core.db.internal;

/**
 * Lexical helpers over SQL text: comments, quoted literals and identifiers, PostgreSQL dollar
 * quotes; and the sanitizer that replaces literals before query text goes on a span.
 */
public final class SqlText {

    private SqlText() {
    }

    /**
     * Skips a comment starting at {@code i}: {@code -- ...} to the end of the line, or a block
     * comment (nested block comments, as PostgreSQL allows, are skipped whole).
     *
     * @param sql the text
     * @param i where to look
     * @param n the length of the text
     * @return the index after the comment, or {@code i} when no comment starts there
     */
    static int skipComment(String sql, int i, int n) {
        if (i + 1 >= n) {
            return i;
        }
        char c = sql.charAt(i);
        char d = sql.charAt(i + 1);
        if (c == '-' && d == '-') {
            int j = i + 2;
            while (j < n && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
                j++;
            }
            return j;
        }
        if (c == '/' && d == '*') {
            int depth = 1;
            int j = i + 2;
            while (j < n && depth > 0) {
                if (j + 1 < n && sql.charAt(j) == '/' && sql.charAt(j + 1) == '*') {
                    depth++;
                    j += 2;
                } else if (j + 1 < n && sql.charAt(j) == '*' && sql.charAt(j + 1) == '/') {
                    depth--;
                    j += 2;
                } else {
                    j++;
                }
            }
            return j;
        }
        return i;
    }

    /**
     * Skips a comment, a quoted string ({@code '...'} with {@code ''} escapes), a quoted
     * identifier ({@code "..."} or {@code `...`}) or a dollar-quoted string starting at {@code i}.
     *
     * @param sql the text
     * @param i where to look
     * @param n the length of the text
     * @return the index after what was skipped, or {@code i} when none starts there
     */
    static int skipLiteralOrComment(String sql, int i, int n) {
        int skipped = skipComment(sql, i, n);
        if (skipped != i) {
            return skipped;
        }
        char c = sql.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            return quotedEnd(sql, i, n, c);
        }
        if (c == '$') {
            return dollarQuotedEnd(sql, i, n);
        }
        return i;
    }

    private static int quotedEnd(String sql, int i, int n, char quote) {
        int j = i + 1;
        while (j < n) {
            char c = sql.charAt(j);
            if (c == quote) {
                if (j + 1 < n && sql.charAt(j + 1) == quote) {
                    j += 2; // doubled quote: an escaped quote inside the literal
                    continue;
                }
                return j + 1;
            }
            if (c == '\\' && quote == '\'' && j + 1 < n) {
                j += 2; // backslash escapes (MySQL, PostgreSQL E'...')
                continue;
            }
            j++;
        }
        return n;
    }

    /** Returns the end of {@code $tag$...$tag$} starting at {@code i}, or {@code i} if none. */
    private static int dollarQuotedEnd(String sql, int i, int n) {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j >= n || sql.charAt(j) != '$') {
            return i; // a positional parameter such as $1, not a dollar quote
        }
        if (j > i + 1 && Character.isDigit(sql.charAt(i + 1))) {
            return i;
        }
        String tag = sql.substring(i, j + 1);
        int close = sql.indexOf(tag, j + 1);
        return close < 0 ? n : close + tag.length();
    }

    /**
     * Finds a whole word, ignoring case.
     *
     * @param sql the text
     * @param word the word to find
     * @param from where to start
     * @return the index of the word, or -1
     */
    static int indexOfWordIgnoreCase(String sql, String word, int from) {
        int n = sql.length();
        int w = word.length();
        for (int i = from; i + w <= n; i++) {
            if (sql.regionMatches(true, i, word, 0, w)
                    && (i == 0 || !isWordChar(sql.charAt(i - 1)))
                    && (i + w == n || !isWordChar(sql.charAt(i + w)))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /**
     * Returns the statement with every literal replaced by {@code ?}: quoted strings,
     * dollar-quoted strings, and numbers that are not part of an identifier. Comments are
     * removed. Identifiers, keywords and parameter markers stay. The result is cut to {@code
     * maxLength} characters.
     *
     * @param sql the statement, possibly {@code null}
     * @param maxLength the longest text returned
     * @return the sanitized text, empty for {@code null}
     */
    public static String sanitize(String sql, int maxLength) {
        if (sql == null) {
            return "";
        }
        int n = sql.length();
        StringBuilder out = new StringBuilder(Math.min(n, maxLength + 16));
        int i = 0;
        while (i < n && out.length() < maxLength) {
            char c = sql.charAt(i);
            int comment = skipComment(sql, i, n);
            if (comment != i) {
                out.append(' ');
                i = comment;
                continue;
            }
            if (c == '\'') {
                out.append('?');
                i = quotedEnd(sql, i, n, c);
                continue;
            }
            if (c == '"' || c == '`') {
                int end = quotedEnd(sql, i, n, c);
                out.append(sql, i, end);
                i = end;
                continue;
            }
            if (c == '$') {
                int end = dollarQuotedEnd(sql, i, n);
                if (end != i) {
                    out.append('?');
                    i = end;
                    continue;
                }
            }
            if (isWordChar(c) && !Character.isDigit(c)) {
                int end = i;
                while (end < n && (isWordChar(sql.charAt(end)) || sql.charAt(end) == '$')) {
                    end++;
                }
                out.append(sql, i, end);
                i = end;
                continue;
            }
            if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                if (i > 0 && sql.charAt(i - 1) == '$') {
                    out.append(c); // positional parameter $1
                    i++;
                    continue;
                }
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end))
                        || sql.charAt(end) == '.')) {
                    end++;
                }
                out.append('?');
                i = end;
                continue;
            }
            out.append(c);
            i++;
        }
        if (out.length() > maxLength) {
            out.setLength(maxLength);
        }
        return out.toString();
    }
}
