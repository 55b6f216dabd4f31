package dev.ferrite.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferrite.frontend.CompileFlags.Macro;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileDatabaseTest {

    @Test
    void mixOfArgumentsAndCommandEntriesWithBrokenOnes(@TempDir Path dir) throws IOException {
        Path db = dir.resolve("compile_commands.json");
        Files.writeString(db, """
                [
                  {"directory": "/src/proj", "file": "a.c",
                   "arguments": ["gcc", "-DA=1", "-Iinc", "-c", "-o", "a.o", "a.c"], "output": "a.o"},
                  {"directory": "/src/proj", "file": "/src/proj/lib/b.c",
                   "command": "cc -DKBUILD_MODNAME=\\\\\\"foo\\\\\\" '-DMSG=\\"hi there\\"' -c lib/b.c"},
                  {"directory": "/src/proj", "arguments": ["gcc", "c.c"]},
                  {"directory": "/src/proj", "file": "d.c", "arguments": "gcc d.c"},
                  {"directory": "/src/proj", "file": "e.c", "command": "gcc 'e.c"},
                  42,
                  {"directory": "sub", "file": "f.c", "command": "gcc -DF f.c"},
                  {"directory": "/src/proj", "file": "g.c"}
                ]
                """);
        CompileDatabase cdb = CompileDatabase.load(db);

        assertThat(cdb.commands()).extracting(c -> c.file().toString())
                .containsExactly("/src/proj/a.c", "/src/proj/lib/b.c", dir.resolve("sub/f.c").toString());
        CompileCommand a = cdb.commands().get(0);
        assertThat(a.directory()).isEqualTo(Path.of("/src/proj"));
        assertThat(a.arguments()).containsExactly("gcc", "-DA=1", "-Iinc", "-c", "-o", "a.o", "a.c");
        assertThat(a.output()).isEqualTo("a.o");
        assertThat(a.includeDirs()).extracting(CompileFlags.IncludeDir::path).containsExactly("inc");
        CompileCommand b = cdb.commands().get(1);
        assertThat(b.macros()).extracting(Macro::text).containsExactly("KBUILD_MODNAME=\"foo\"", "MSG=\"hi there\"");
        assertThat(b.fileArgument()).isEqualTo("lib/b.c");
        // a relative directory is relative to the database file
        assertThat(cdb.commands().get(2).directory()).isEqualTo(dir.resolve("sub"));

        String name = db.toString();
        assertThat(cdb.errors()).hasSize(5);
        assertThat(cdb.errors().get(0)).startsWith(name + ":").contains("entry [2]", "missing \"file\"");
        assertThat(cdb.errors().get(1)).contains("entry [3]", "\"arguments\" is not an array");
        assertThat(cdb.errors().get(2)).contains("entry [4]", "unterminated single quote");
        assertThat(cdb.errors().get(3)).contains("entry [5]", "not a JSON object");
        assertThat(cdb.errors().get(4)).contains("entry [7]", "neither \"arguments\" nor \"command\"");
        // the line of the entry is named too
        assertThat(cdb.errors().get(0)).startsWith(name + ":6:");
    }

    @Test
    void invalidJsonKeepsEarlierEntries(@TempDir Path dir) throws IOException {
        Path db = dir.resolve("cc.json");
        Files.writeString(db, """
                [ {"directory": "/p", "file": "a.c", "arguments": ["gcc", "a.c"]},
                  {"directory": "/p", "file": "b.c", "arguments": ["gcc", "b.c"] oops},
                  {"directory": "/p", "file": "c.c", "arguments": ["gcc", "c.c"]} ]
                """);
        CompileDatabase cdb = CompileDatabase.load(db);
        assertThat(cdb.commands()).extracting(c -> c.file().toString()).containsExactly("/p/a.c");
        assertThat(cdb.errors()).singleElement().asString().startsWith(db + ":2:").contains("entry [1]", "invalid JSON");
    }

    @Test
    void notAnArrayOrUnreadableIsFatal(@TempDir Path dir) throws IOException {
        Path obj = dir.resolve("obj.json");
        Files.writeString(obj, "{\"file\": \"a.c\"}");
        assertThatThrownBy(() -> CompileDatabase.load(obj)).isInstanceOf(FrontendException.class)
                .hasMessageContaining(obj.toString()).hasMessageContaining("expected a JSON array");
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> CompileDatabase.load(empty)).isInstanceOf(FrontendException.class)
                .hasMessageContaining("empty");
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "\n\nnot json");
        assertThatThrownBy(() -> CompileDatabase.load(garbage)).isInstanceOf(FrontendException.class)
                .hasMessageContaining(garbage + ":3: invalid JSON");
        assertThatThrownBy(() -> CompileDatabase.load(dir.resolve("nope.json"))).isInstanceOf(FrontendException.class)
                .hasMessageContaining("nope.json").hasMessageContaining("cannot read");
    }

    @Test
    void globFilter(@TempDir Path dir) throws IOException {
        Path db = dir.resolve("compile_commands.json");
        Files.writeString(db, """
                [ {"directory": "/k", "file": "drivers/net/dummy.c", "arguments": ["gcc", "x"]},
                  {"directory": "/k", "file": "drivers/net/phy/phy.c", "arguments": ["gcc", "x"]},
                  {"directory": "/k", "file": "kernel/fork.c", "arguments": ["gcc", "x"]},
                  {"directory": "/k", "file": "/elsewhere/fork.c", "arguments": ["gcc", "x"]} ]
                """);
        CompileDatabase cdb = CompileDatabase.load(db);
        assertThat(cdb.select("drivers/net/*.c")).extracting(c -> c.file().toString()).containsExactly("/k/drivers/net/dummy.c");
        assertThat(cdb.select("drivers/**")).hasSize(2);
        assertThat(cdb.select("fork.c")).extracting(c -> c.file().toString()).containsExactly("/k/kernel/fork.c", "/elsewhere/fork.c");
        assertThat(cdb.select("/elsewhere/*.c")).hasSize(1);
        assertThat(cdb.select("*.c")).hasSize(4);
        assertThat(cdb.select("net/*.c")).isEmpty();
    }
}
