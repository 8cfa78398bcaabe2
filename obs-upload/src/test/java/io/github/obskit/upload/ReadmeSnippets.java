package io.github.obskit.upload;

/** Cuts a snippet out of a test source file, without its indentation, as the README shows it. */
final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    static String between(String source, String startMarker, String endMarker) {
        int start = source.indexOf('\n', source.indexOf(startMarker)) + 1;
        int end = source.lastIndexOf('\n', source.indexOf(endMarker)) + 1;
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
