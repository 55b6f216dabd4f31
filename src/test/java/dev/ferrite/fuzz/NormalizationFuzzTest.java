package dev.ferrite.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import dev.ferrite.frontend.CParser;
import dev.ferrite.frontend.LineMap;
import dev.ferrite.frontend.UnusedDeclarations;

/**
 * The layer between the preprocessor output and CDT: blanking unused header bodies keeps every
 * offset and only ever turns characters into spaces; the extended GNU C parser never throws.
 */
class NormalizationFuzzTest {

    @Timeout(120) // in fuzzing mode: an input that takes longer is reported as a hang
    @FuzzTest(maxDuration = "15m")
    void blankAndParse(byte[] data) {
        char[] text = FuzzSupport.text(data);
        LineMap map = LineMap.build(text, FuzzSupport.PATH);
        char[] blanked = UnusedDeclarations.blank(map.text(), map);
        assertEquals(map.text().length, blanked.length, "blanking must keep offsets");
        for (int i = 0; i < blanked.length; i++) {
            char c = map.text()[i];
            if (blanked[i] != c && (blanked[i] != ' ' || c == '\n')) {
                throw new AssertionError("blanking changed offset " + i + " from '" + c + "' to '" + blanked[i] + "'");
            }
        }
        assertNotNull(CParser.parse(FuzzSupport.PATH, blanked));
    }
}
