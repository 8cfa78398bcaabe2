package io.github.obskit.upload;

import io.github.obskit.core.metrics.TagValues;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalizes what an application knows about an uploaded file (its MIME type, its extension or
 * its file name) to the closed set of the {@code file_type} tag: {@code pdf}, {@code docx},
 * {@code doc}, {@code pptx}, {@code xlsx}, {@code odt}, {@code rtf}, {@code txt}, {@code md},
 * {@code html}, {@code csv}, {@code json}, {@code xml}, {@code epub}, {@code png}, {@code jpg};
 * anything else is {@code other}, and a missing value is {@code unknown}.
 */
public final class FileTypes {

    /** The file types recorded under their own name, in documentation order. */
    public static final List<String> KNOWN = List.of("pdf", "docx", "doc", "pptx", "xlsx", "odt",
            "rtf", "txt", "md", "html", "csv", "json", "xml", "epub", "png", "jpg");

    private static final Map<String, String> BY_MIME_TYPE;
    private static final Map<String, String> BY_EXTENSION;
    private static final String[] MIME_TYPE_KEYS;
    private static final String[] EXTENSION_KEYS;

    static {
        Map<String, String> mime = new HashMap<>();
        mime.put("application/pdf", "pdf");
        mime.put("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx");
        mime.put("application/msword", "doc");
        mime.put("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx");
        mime.put("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
        mime.put("application/vnd.oasis.opendocument.text", "odt");
        mime.put("application/rtf", "rtf");
        mime.put("text/rtf", "rtf");
        mime.put("text/plain", "txt");
        mime.put("text/markdown", "md");
        mime.put("text/x-markdown", "md");
        mime.put("text/html", "html");
        mime.put("application/xhtml+xml", "html");
        mime.put("text/csv", "csv");
        mime.put("application/json", "json");
        mime.put("application/xml", "xml");
        mime.put("text/xml", "xml");
        mime.put("application/epub+zip", "epub");
        mime.put("image/png", "png");
        mime.put("image/jpeg", "jpg");
        BY_MIME_TYPE = Collections.unmodifiableMap(mime);

        Map<String, String> ext = new HashMap<>();
        for (String type : KNOWN) {
            ext.put(type, type);
        }
        ext.put("text", "txt");
        ext.put("log", "txt");
        ext.put("markdown", "md");
        ext.put("htm", "html");
        ext.put("xhtml", "html");
        ext.put("jpeg", "jpg");
        BY_EXTENSION = Collections.unmodifiableMap(ext);
        MIME_TYPE_KEYS = BY_MIME_TYPE.keySet().toArray(new String[0]);
        EXTENSION_KEYS = BY_EXTENSION.keySet().toArray(new String[0]);
    }

    private FileTypes() {
    }

    /**
     * Returns the {@code file_type} tag value for a MIME type ({@code application/pdf}, {@code
     * text/plain; charset=utf-8}), an extension ({@code pdf}, {@code .PDF}) or a file name
     * ({@code report.pdf}), ignoring case, surrounding whitespace and MIME type parameters. Never
     * throws, and allocates nothing.
     *
     * @param mimeTypeExtensionOrFileName what the application knows, possibly {@code null}
     * @return one of {@link #KNOWN}, {@link TagValues#OTHER}, or {@link TagValues#UNKNOWN} for
     *     a missing or blank value
     */
    public static String normalize(String mimeTypeExtensionOrFileName) {
        String raw = mimeTypeExtensionOrFileName;
        if (raw == null || raw.isBlank()) {
            return TagValues.UNKNOWN;
        }
        if (TagValues.UNKNOWN.equals(raw) || TagValues.OTHER.equals(raw)) {
            return raw; // already normalized: normalizing is idempotent
        }
        String known = BY_MIME_TYPE.get(raw);
        if (known == null) {
            known = BY_EXTENSION.get(raw);
        }
        if (known != null) {
            return known;
        }
        // Compare regions of the raw value instead of building trimmed, lower-cased copies, so
        // that normalizing a value seen before allocates nothing.
        int start = 0;
        int end = raw.length();
        while (start < end && Character.isWhitespace(raw.charAt(start))) {
            start++;
        }
        int parameters = raw.indexOf(';', start);
        if (parameters >= 0 && parameters < end) {
            end = parameters;
        }
        while (end > start && Character.isWhitespace(raw.charAt(end - 1))) {
            end--;
        }
        int slash = raw.indexOf('/', start);
        if (slash > start && slash < end) {
            return lookup(MIME_TYPE_KEYS, BY_MIME_TYPE, raw, start, end);
        }
        int dot = raw.lastIndexOf('.', end - 1);
        if (dot >= start) {
            start = dot + 1;
        }
        return lookup(EXTENSION_KEYS, BY_EXTENSION, raw, start, end);
    }

    private static String lookup(String[] keys, Map<String, String> values, String raw, int start, int end) {
        int length = end - start;
        for (String key : keys) {
            if (key.length() == length && raw.regionMatches(true, start, key, 0, length)) {
                return values.get(key);
            }
        }
        return TagValues.OTHER;
    }
}
