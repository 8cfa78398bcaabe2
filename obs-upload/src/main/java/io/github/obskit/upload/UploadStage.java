package io.github.obskit.upload;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stage of the document pipeline. The built-in stages are {@link #UPLOAD}, {@link #PARSE},
 * {@link #CHUNK}, {@link #EMBED} and {@link #INDEX}; an application adds its own with {@link
 * #of(String)} and registers them with {@link UploadMetrics.Builder#stages(UploadStage...)} (or
 * {@link UploadTelemetryBuilder#stages(UploadStage...)}). In metrics, a stage that was not
 * registered is recorded as {@code other}; spans and log events always carry its name.
 * Immutable; equal when the names are equal.
 */
public final class UploadStage {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Receiving the uploaded file and storing it. */
    public static final UploadStage UPLOAD = new UploadStage("upload");
    /** Extracting text from the file. */
    public static final UploadStage PARSE = new UploadStage("parse");
    /** Splitting the text into chunks. */
    public static final UploadStage CHUNK = new UploadStage("chunk");
    /** Computing the chunks' embeddings. */
    public static final UploadStage EMBED = new UploadStage("embed");
    /** Writing chunks and embeddings to the index. */
    public static final UploadStage INDEX = new UploadStage("index");

    private static final List<UploadStage> BUILT_INS = List.of(UPLOAD, PARSE, CHUNK, EMBED, INDEX);

    private final String name;
    private final String spanName;

    private UploadStage(String name) {
        this.name = name;
        this.spanName = "document_stage " + name;
    }

    /**
     * Returns the stage with this name: a built-in one, or an application stage.
     *
     * @param name lower case letters, digits and {@code _}, starting with a letter, at most 64
     *     characters, such as {@code ocr}
     * @return the stage
     * @throws IllegalArgumentException when the name breaks those rules
     */
    public static UploadStage of(String name) {
        Objects.requireNonNull(name, "name");
        for (UploadStage builtIn : BUILT_INS) {
            if (builtIn.name.equals(name)) {
                return builtIn;
            }
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid stage name: '" + name
                    + "' (lower case letters, digits and _, starting with a letter)");
        }
        return new UploadStage(name);
    }

    /**
     * Returns the built-in stages in pipeline order.
     *
     * @return upload, parse, chunk, embed, index (immutable)
     */
    public static List<UploadStage> builtIns() {
        return BUILT_INS;
    }

    /**
     * Returns the stage's name, as recorded in the {@code stage} and {@code processing_stage}
     * tags, span attributes and log events.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /** Returns the name of the stage's span, {@code document_stage {name}}, built once. */
    String spanName() {
        return spanName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UploadStage && ((UploadStage) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
