package dev.ferrite.report;

import dev.ferrite.frontend.SourcePos;
import java.util.List;

final class Fixtures {
    static final Rule UAF = new Rule("use-after-free", 416, "use after free",
            "A pointer is dereferenced after the memory it points to was freed.");
    static final Rule LEAK = new Rule("leak", 401, "memory leak",
            "Allocated memory is no longer reachable and was not freed.");
    static final Rule DOUBLE_FREE = new Rule("double-free", 415, "double free",
            "Memory is freed twice.");

    private Fixtures() {
    }

    static SourcePos pos(String file, int line, int col) {
        return new SourcePos(file, line, col);
    }

    /** use after free at file:line:5 with "allocated"/"freed" events two and one lines above. */
    static Finding uaf(String file, int line, String function) {
        return new Finding(UAF, "use of 'buf' after free", pos(file, line, 5), function,
                List.of(new PathEvent(pos(file, line - 2, 11), "allocated here"),
                        new PathEvent(pos(file, line - 1, 5), "freed here")),
                false);
    }
}
