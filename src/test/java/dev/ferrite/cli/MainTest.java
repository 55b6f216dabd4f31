package dev.ferrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void internalErrorsShowNoStackTraceUnlessDebug() {
        StringWriter sw = new StringWriter();
        Main.internalError(new PrintWriter(sw), new IllegalStateException("boom\nsecond line"), false);
        assertThat(sw.toString()).isEqualTo("ferrite: internal error: IllegalStateException: boom\n"
                + "ferrite: run again with --debug for a stack trace, and please report it\n");

        StringWriter dbg = new StringWriter();
        Main.internalError(new PrintWriter(dbg), new IllegalStateException("boom"), true);
        assertThat(dbg.toString()).startsWith("ferrite: internal error: IllegalStateException: boom\n").contains("\tat ");
    }

    @Test
    void skipMessagesNameTheFileAndLine() {
        FrontEndResult inMain = FrontEndResult.failed(null, "bad.c",
                new FrontEndResult.Failure("bad.c", 3, "bad.c:3:10: fatal error: x.h: No such file or directory", null));
        assertThat(CheckCommand.skipMessage(inMain)).isEqualTo("bad.c:3:10: fatal error: x.h: No such file or directory (file skipped)");
        assertThat(CheckCommand.reason(inMain)).isEqualTo("line 3: fatal error: x.h: No such file or directory");
        FrontEndResult missing = FrontEndResult.failed(null, "m.c", new FrontEndResult.Failure("m.c", 0, "m.c: No such file or directory", null));
        assertThat(CheckCommand.reason(missing)).isEqualTo("No such file or directory");
    }
}
