package dev.ferrite.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Header declarations the main file needs (directly or transitively) keep their text; the rest is blanked. */
class UnusedDeclarationsTest {
    private static final String TEXT = String.join("\n",
            "# 1 \"main.c\"",
            "# 1 \"h.h\" 1",
            "typedef unsigned int u32;",
            "typedef int unused_t;",
            "struct used { u32 x; };",
            "struct unused { int y; };",
            "enum mode { MODE_A, MODE_B = 2 };",
            "static inline int helper(struct used *u) { return u->x + callee(); }",
            "int callee(void);",
            "static inline int not_called(void) { return 1; }",
            "extern void (*hook)(int);",
            "int other_var __attribute__((unused));",
            "# 3 \"main.c\" 2",
            "int f(struct used *u) { hook(MODE_B); return helper(u); }",
            "");

    private static String blanked() {
        LineMap map = LineMap.build(TEXT.toCharArray(), "main.c");
        String out = new String(UnusedDeclarations.blank(map.text(), map));
        assertThat(out).hasSameSizeAs(new String(map.text()));
        assertThat(out.split("\n", -1)).hasSameSizeAs(TEXT.split("\n", -1));
        return out;
    }

    @Test
    void keepsWhatTheMainFileNeedsTransitively() {
        String out = blanked();
        assertThat(out).contains("typedef unsigned int u32;", "struct used { u32 x; };",
                "enum mode { MODE_A, MODE_B = 2 };", "static inline int helper(struct used *u) { return u->x + callee(); }",
                "int callee(void);", "extern void (*hook)(int);", "int f(struct used *u)");
    }

    @Test
    void blanksWhatNothingNeeds() {
        String out = blanked();
        assertThat(out).doesNotContain("unused_t", "struct unused", "not_called", "other_var");
    }
}
