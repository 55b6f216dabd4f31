package dev.ferrite.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import dev.ferrite.ir.Unit;
import java.util.List;

/**
 * The engine and all checkers on whatever functions the input lowers to: no function's analysis
 * crashes, and analysing the same input twice gives the same findings in the same order (no
 * dependence on hash order or object identity).
 */
class EngineFuzzTest {

    @Timeout(120) // in fuzzing mode: an input that takes longer is reported as a hang
    @FuzzTest(maxDuration = "15m")
    void analyze(byte[] data) {
        char[] text = FuzzSupport.text(data);
        List<String> first = FuzzSupport.analyze(FuzzSupport.lower(text));
        List<String> second = FuzzSupport.analyze(FuzzSupport.lower(text));
        assertEquals(first, second, "findings must not depend on the run");
    }
}
