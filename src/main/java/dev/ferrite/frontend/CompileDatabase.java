package dev.ferrite.frontend;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@code compile_commands.json} (JSON compilation database). Entries carry {@code directory}, {@code file}
 * and either {@code arguments} (array) or {@code command} (a string, split here like a POSIX shell splits
 * words, never run); {@code output} is optional. A bad entry is reported in {@link #errors()} with its
 * index, the others are kept. Invalid JSON stops reading at that point: entries before it are kept.
 */
public final class CompileDatabase {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path path;
    private final List<CompileCommand> commands;
    private final List<String> errors;

    private CompileDatabase(Path path, List<CompileCommand> commands, List<String> errors) {
        this.path = path;
        this.commands = List.copyOf(commands);
        this.errors = List.copyOf(errors);
    }

    /**
     * Reads a compile database.
     *
     * @throws FrontendException when the file cannot be read or is not a JSON array
     */
    public static CompileDatabase load(Path jsonFile) {
        Path path = jsonFile.toAbsolutePath().normalize();
        Path baseDir = path.getParent();
        List<CompileCommand> commands = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String name = jsonFile.toString();
        try (JsonParser p = MAPPER.createParser(path.toFile())) {
            JsonToken t;
            try {
                t = p.nextToken();
            } catch (JsonProcessingException e) {
                throw new FrontendException(name, line(e.getLocation()),
                        name + ":" + line(e.getLocation()) + ": invalid JSON: " + e.getOriginalMessage(), e);
            }
            if (t != JsonToken.START_ARRAY) {
                throw new FrontendException(name, 1, name + ": not a compile database: expected a JSON array of entries"
                        + (t == null ? ", the file is empty" : ""));
            }
            for (int index = 0; ; index++) {
                int entryLine = 0;
                JsonNode node;
                try {
                    t = p.nextToken();
                    if (t == JsonToken.END_ARRAY) break;
                    entryLine = line(p.currentTokenLocation());
                    node = p.readValueAsTree();
                } catch (JsonProcessingException e) {
                    errors.add(name + ":" + line(e.getLocation()) + ": entry [" + index + "]: invalid JSON, "
                            + "the rest of the file is skipped: " + e.getOriginalMessage());
                    break;
                }
                try {
                    commands.add(entry(node, baseDir));
                } catch (BadEntry e) {
                    errors.add(name + ":" + entryLine + ": entry [" + index + "]: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new FrontendException(name, 0, name + ": cannot read compile database: " + e.getMessage(), e);
        }
        return new CompileDatabase(path, commands, errors);
    }

    private static int line(JsonLocation loc) {
        return loc == null ? 0 : Math.max(0, loc.getLineNr());
    }

    private static final class BadEntry extends Exception {
        private static final long serialVersionUID = 1L;

        BadEntry(String message) {
            super(message);
        }
    }

    private static CompileCommand entry(JsonNode node, Path baseDir) throws BadEntry {
        if (node == null || !node.isObject()) throw new BadEntry("not a JSON object");
        String dir = string(node, "directory", true);
        String file = string(node, "file", true);
        String output = string(node, "output", false);
        List<String> argv;
        JsonNode args = node.get("arguments");
        if (args != null && !args.isNull()) {
            if (!args.isArray()) throw new BadEntry("\"arguments\" is not an array");
            argv = new ArrayList<>();
            for (JsonNode a : args) {
                if (!a.isTextual()) throw new BadEntry("\"arguments\" holds a non-string value: " + a);
                argv.add(a.textValue());
            }
        } else {
            String command = string(node, "command", false);
            if (command == null) throw new BadEntry("neither \"arguments\" nor \"command\" is given");
            try {
                argv = ShellWords.splitPosix(command);
            } catch (IllegalArgumentException e) {
                throw new BadEntry("cannot split \"command\": " + e.getMessage());
            }
        }
        if (argv.isEmpty()) throw new BadEntry("empty command");
        for (String a : argv) {
            if (a.indexOf('\0') >= 0) throw new BadEntry("an argument contains a NUL character");
        }
        if (dir.isEmpty()) throw new BadEntry("empty \"directory\"");
        if (file.isEmpty()) throw new BadEntry("empty \"file\"");
        if (dir.indexOf('\0') >= 0 || file.indexOf('\0') >= 0) throw new BadEntry("a path contains a NUL character");
        try {
            Path directory = baseDir.resolve(dir).normalize();
            return CompileCommand.fromInvocation(directory, file, argv, output);
        } catch (InvalidPathException e) {
            throw new BadEntry("invalid path: " + e.getMessage());
        }
    }

    private static String string(JsonNode node, String field, boolean required) throws BadEntry {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new BadEntry("missing \"" + field + "\"");
            return null;
        }
        if (!v.isTextual()) throw new BadEntry("\"" + field + "\" is not a string");
        return v.textValue();
    }

    /** The database file, absolute. */
    public Path path() {
        return path;
    }

    /** The good entries, in file order. */
    public List<CompileCommand> commands() {
        return commands;
    }

    /** One line per bad entry ({@code file:line: entry [index]: problem}), in file order. */
    public List<String> errors() {
        return errors;
    }

    /** The commands whose file matches {@code glob} (see {@link #glob(String)}), in file order. */
    public List<CompileCommand> select(String glob) {
        Predicate<CompileCommand> p = glob(glob);
        return commands.stream().filter(p).toList();
    }

    /**
     * A filter on the source file of a command, with {@link java.nio.file.FileSystem#getPathMatcher} glob
     * syntax ({@code *} stays within a directory, {@code **} crosses directories). It matches the absolute
     * path, the path relative to the command's directory, and, for a glob without {@code /}, the file name:
     * {@code drivers/net/**}, {@code /src/lib/*.c} and {@code foo.c} all work.
     *
     * @throws IllegalArgumentException for an invalid glob
     */
    public static Predicate<CompileCommand> glob(String glob) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        boolean nameOnly = glob.indexOf('/') < 0;
        return c -> {
            Path f = c.file();
            if (m.matches(f)) return true;
            if (f.startsWith(c.directory()) && m.matches(c.directory().relativize(f))) return true;
            return nameOnly && f.getFileName() != null && m.matches(f.getFileName());
        };
    }
}
