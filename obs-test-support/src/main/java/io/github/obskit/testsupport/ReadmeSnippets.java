package io.github.obskit.testsupport;

/**
 * Cuts a snippet out of a test source file, without its common indentation, as the README shows
 * it, so a test can assert that the README's code is the code the test runs.
 */
public final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    /**
     * Returns the lines strictly between the line holding {@code startMarker} and the line
     * holding {@code endMarker}, with their common indentation removed.
     *
     * @param source the text of a source file
     * @param startMarker text on the line before the snippet, such as {@code // README:start}
     * @param endMarker text on the line after the snippet
     * @return the snippet, each line ending with a line separator
     */
    public static String between(String source, String startMarker, String endMarker) {
        int markerAt = source.indexOf(startMarker);
        int endAt = source.indexOf(endMarker);
        if (markerAt < 0 || endAt < 0 || endAt < markerAt) {
            throw new IllegalArgumentException("markers not found in order: " + startMarker
                    + " ... " + endMarker);
        }
        int start = source.indexOf('\n', markerAt) + 1;
        int end = source.lastIndexOf('\n', endAt) + 1;
        String[] lines = source.substring(start, end).split("\n", -1);
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }
}
