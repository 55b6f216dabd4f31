package dev.ferrite.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void escapedDoubleQuotesAsMakeWritesThem() {
        assertThat(ShellWords.splitPosix("gcc -c -DKBUILD_MODNAME=\\\"foo\\\" -o foo.o foo.c"))
                .containsExactly("gcc", "-c", "-DKBUILD_MODNAME=\"foo\"", "-o", "foo.o", "foo.c");
    }

    @Test
    void singleQuotesKeepDoubleQuotes() {
        assertThat(ShellWords.splitPosix("cc '-DKBUILD_MODNAME=\"foo\"' -DX='a b'"))
                .containsExactly("cc", "-DKBUILD_MODNAME=\"foo\"", "-DX=a b");
    }

    @Test
    void doubleQuotesGroupAndEscapeOnlySpecialCharacters() {
        assertThat(ShellWords.splitPosix("\"-DX=a b\" \"a\\$b\" \"a\\xb\" \"q\\\"q\" \"s\\\\s\""))
                .containsExactly("-DX=a b", "a$b", "a\\xb", "q\"q", "s\\s");
    }

    @Test
    void backslashOutsideQuotesEscapesAnyCharacter() {
        assertThat(ShellWords.splitPosix("a\\ b c\\\\d e\\'f")).containsExactly("a b", "c\\d", "e'f");
    }

    @Test
    void lineContinuationJoins() {
        assertThat(ShellWords.splitPosix("gcc -DA \\\n  -DB ab\\\ncd")).containsExactly("gcc", "-DA", "-DB", "abcd");
    }

    @Test
    void adjacentQuotedPartsFormOneWordAndEmptyQuotesAWord() {
        assertThat(ShellWords.splitPosix("-D'A'\"B\"C '' \"\"")).containsExactly("-DABC", "", "");
    }

    @Test
    void nothingIsExpandedOrRun() {
        assertThat(ShellWords.splitPosix("cc $(rm -rf /) `id` $HOME ~ *.c ; > out | x && y"))
                .containsExactly("cc", "$(rm", "-rf", "/)", "`id`", "$HOME", "~", "*.c", ";", ">", "out", "|", "x", "&&", "y");
    }

    @Test
    void commentOnlyAtWordStart() {
        assertThat(ShellWords.splitPosix("cc a#b x.c # trailing comment\n-DZ")).containsExactly("cc", "a#b", "x.c", "-DZ");
    }

    @Test
    void tabsAndNewlinesSeparate() {
        assertThat(ShellWords.splitPosix("  cc\t-c\n\nx.c  ")).containsExactly("cc", "-c", "x.c");
    }

    @Test
    void unterminatedQuotesAreErrors() {
        assertThatThrownBy(() -> ShellWords.splitPosix("cc 'abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("single quote");
        assertThatThrownBy(() -> ShellWords.splitPosix("cc \"abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("double quote");
    }

    @Test
    void responseFileSyntaxEscapesInsideQuotesToo() {
        assertThat(ShellWords.splitResponseFile("-DA=\"x y\" 'b c'\n d\\ e \"q\\\"q\" ''"))
                .containsExactly("-DA=x y", "b c", "d e", "q\"q", "");
    }
}
