package dev.ferrite.checkers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Messages name an object reached through a parameter as the code does: the variable that holds it, the
 * parameter, or the member expression ({@code h->inner.set}), never an internal access path ({@code *arg0}).
 */
class ObjectNamesTest {
    @Test
    void objectsReachedThroughParametersAreNamedAsInTheSource() {
        Path fixture = Path.of("src/test/resources/fixtures/memory/freed_through_input.c");
        List<String> messages = FixtureRunner.analyze(fixture).stream()
                .filter(f -> f.rule().id().equals("use-after-free"))
                .map(f -> f.pos().line() + ": " + f.message()).toList();
        assertThat(messages).containsExactly(
                "16: use of 'leds' after it was freed",
                "21: use of 'set' after it was freed",
                "26: use of 'h->inner.set' after it was freed",
                "35: 'hd->inner.set' is read in a called function after it was freed");
    }

    @Test
    void anObjectKnownOnlyByAnInternalSymbolIsDescribedNotNamed() {
        Path fixture = Path.of("src/test/resources/fixtures/memory/freed_unnamed_object.c");
        List<String> messages = FixtureRunner.analyze(fixture).stream()
                .filter(f -> f.rule().id().equals("use-after-free"))
                .map(f -> f.pos().line() + ": " + f.message()).toList();
        assertThat(messages).containsExactly("16: memory reached through a pointer is written in a called function after it was freed");
    }

    @Test
    void aMemberACalleeDereferencesIsNamedFromTheArgument() {
        Path fixture = Path.of("src/test/resources/fixtures/memory/null_member_in_callee.c");
        List<String> messages = FixtureRunner.analyze(fixture).stream()
                .filter(f -> f.rule().id().equals("null-dereference"))
                .map(f -> f.pos().line() + ": " + f.message()).toList();
        assertThat(messages).containsExactly("11: NULL pointer 'q->next' is dereferenced in a called function");
    }
}
