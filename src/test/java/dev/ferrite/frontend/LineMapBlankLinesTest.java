package dev.ferrite.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The map without blank lines gives every kept token the file, line and column it had before. */
class LineMapBlankLinesTest {
    private static final String TEXT = String.join("\n",
            "# 1 \"main.c\"",
            "# 1 \"h.h\" 1",
            "int a;",
            "   ",
            "",
            "#define X \\",
            "   ",
            "  int b; int c;",
            "# 7 \"main.c\" 2",
            "\t",
            "int f(void) { return 0; }",
            "");

    @Test
    void dropsBlankLinesAndKeepsPositions() {
        LineMap map = LineMap.build(TEXT.toCharArray(), "main.c");
        LineMap compact = map.withoutBlankLines(map.text());
        String before = new String(map.text());
        String after = new String(compact.text());
        // marker lines are blank in the text; lines of spaces go, except the one after a backslash
        assertThat(after).isEqualTo("int a;\n#define X \\\n   \n  int b; int c;\nint f(void) { return 0; }\n");
        for (String token : new String[] {"int a", "int b", "int c", "int f", "return"}) {
            assertThat(compact.position(after.indexOf(token))).as(token).isEqualTo(map.position(before.indexOf(token)));
        }
        assertThat(compact.position(after.indexOf("int f")).file()).isEqualTo("main.c");
        assertThat(compact.mainFile()).isEqualTo("main.c");
        assertThat(compact.inMainFile(after.indexOf("int b"))).isFalse();
    }
}
