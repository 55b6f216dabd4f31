package dev.ferrite.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import dev.ferrite.ir.DotWriter;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.Unit;

/**
 * Parser-to-IR lowering: any parse tree, including CDT's problem nodes and GNU extensions used
 * wrongly, lowers to IR or to a "not understood" problem, never to a crash; the IR prints.
 */
class LoweringFuzzTest {

    @Timeout(120) // in fuzzing mode: an input that takes longer is reported as a hang
    @FuzzTest(maxDuration = "15m")
    void lower(byte[] data) {
        Unit unit = FuzzSupport.lower(FuzzSupport.text(data));
        for (Function f : unit.functions()) {
            DotWriter.toText(f);
            DotWriter.toDot(f);
        }
    }
}
