package dev.ferrite.frontend;

import java.nio.file.Path;
import java.util.List;

/**
 * The preprocessed text of one translation unit.
 *
 * @param source      the original source file, absolute
 * @param directory   the working directory the compiler ran in; file names in line markers that are
 *                    relative are relative to it (see {@link #resolve})
 * @param text        the preprocessed text, with GCC line markers (feed it to {@link LineMap#build})
 * @param diagnostics what the compiler wrote to stderr (warnings); empty when none or for a {@code .i} file
 * @param command     the command that was run, compiler first; empty for a {@code .i} file read as is
 * @param notes       notes about flags that were ignored, dropped, or rejected by the compiler
 */
public record PreprocessedFile(Path source, Path directory, char[] text, String diagnostics, List<String> command,
                               List<String> notes) {

    public PreprocessedFile {
        command = List.copyOf(command);
        notes = List.copyOf(notes);
    }

    /** The line map of {@link #text()}; its {@link LineMap#text()} is what to parse. */
    public LineMap lineMap() {
        return LineMap.build(text, source.toString());
    }

    /** Resolves a file name from a line marker ({@code drivers/foo.c}) against {@link #directory()}. */
    public Path resolve(String markerFile) {
        return directory.resolve(markerFile).normalize();
    }
}
