package dev.ferrite.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import dev.ferrite.frontend.LineMap;
import dev.ferrite.frontend.SourcePos;

/**
 * The preprocessor-output reader: any text, however broken its line markers ({@code # N "file"},
 * {@code #line}), maps every offset to a position without throwing and keeps offsets where they were.
 */
class LineMapFuzzTest {

    @Timeout(120) // in fuzzing mode: an input that takes longer is reported as a hang
    @FuzzTest(maxDuration = "15m")
    void lineMarkers(byte[] data) {
        char[] text = FuzzSupport.text(data);
        LineMap map = LineMap.build(text, FuzzSupport.PATH);
        assertEquals(text.length, map.text().length, "marker blanking must keep offsets");
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n') assertEquals('\n', map.text()[i]);
        }
        assertNotNull(map.mainFile());
        for (int off = -1; off <= text.length; off++) {
            SourcePos p = map.position(off);
            assertNotNull(p);
            assertTrue(p.line() >= 0, "line of offset " + off);
            if (off >= 0 && off < text.length && map.fileAt(off) != null) assertNotNull(p.file());
            map.fileAt(Math.max(0, off));
        }
    }
}
