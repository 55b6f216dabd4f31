package dev.ferrite.analysis;

import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Var;
import dev.ferrite.report.Rule;
import java.util.List;

/**
 * A bug checker: it reads the engine's events and reports findings through the {@link Ctx}. One class
 * per bug family; the engine knows nothing of bugs. Checkers are created once per function analysis
 * by their {@link Factory} (found with {@link java.util.ServiceLoader}), so they may keep state for
 * one function.
 */
public interface Checker {

    /** Creates checkers; registered in {@code META-INF/services/dev.ferrite.analysis.Checker$Factory}. */
    interface Factory {
        List<Rule> rules();

        Checker create();

        /** Called once after every function of the program has been analysed (checks across functions). */
        default void onProgramEnd(ProgramCtx cx) {
        }
    }

    /** What a program-wide check sees: the program, its models, every summary; and how it reports. */
    interface ProgramCtx {
        Program program();

        Models models();

        /** The summary of an analysed function, or null (not analysed, or its analysis failed). */
        Summary summary(dev.ferrite.ir.Function f);

        void report(Rule rule, dev.ferrite.ir.Function fn, SourcePos pos, String message, List<dev.ferrite.report.PathEvent> path);
    }

    /** What a lock operation does. */
    enum LockOp { ACQUIRE, TRYLOCK, RELEASE, ASSERT_HELD, ASSERT_NOT_HELD }

    /**
     * A lock operation about to be applied (directly or replayed from a callee's summary, then
     * {@code via} names the calls). {@code key} names the lock on this path (see {@link LockSet});
     * {@code before} is its state before the operation (null: as the function found it); {@code fresh}
     * says the lock's object was made on this path, so a missing state means not held.
     */
    record LockEvent(LockOp op, String key, String kind, String what, Region region, LockSet.Held before, boolean fresh,
                     SourcePos pos, List<String> via) {
    }

    /** A read or write of memory through a pointer (also through a callee, then {@code via} names the calls). */
    record Access(Val pointer, Region region, Lin offset, long size, boolean write, SourcePos pos, String text,
                  List<String> via, Lin length, Kind kind) {
        /** What the access is part of: a plain load or store, a block (memcpy, memset), or a string operation. */
        public enum Kind {
            PLAIN, BLOCK, STRING,
            /** A copy to or from user space whose length the user chose (unbounded until checked). */
            USER,
            /**
             * A read of a string up to its terminator (strlen, printf's %s) through a pointer whose string
             * is not known here: each caller measures the string it passes. {@code SCAN_WIDE}: wchar_t.
             */
            SCAN, SCAN_WIDE
        }

        /** An access of {@code size} bytes (0: the pointer is handed over, the extent is unknown). */
        public Access(Val pointer, Region region, Lin offset, long size, boolean write, SourcePos pos, String text, List<String> via) {
            this(pointer, region, offset, size, write, pos, text, via, Lin.of(size), Kind.PLAIN);
        }

        public boolean direct() {
            return via.isEmpty();
        }
    }

    /** A release of an object: free, kfree, fclose, close... {@code region} is null for non-pointers (NULL, integers). */
    record Release(Val pointer, Region region, Lin offset, String fn, String family, SourcePos pos, String text,
                   List<String> via) {
    }

    /** A value that was never written is used (in arithmetic, a branch, a call argument, a dereference). */
    record UndefUse(Val.Undef value, String what, SourcePos pos, boolean disclosed) {
        public UndefUse(Val.Undef value, String what, SourcePos pos) {
            this(value, what, pos, false);
        }
    }

    /** A comparison of a pointer against NULL; {@code variable} names the checked variable (null for expressions). */
    record NullCheck(Val pointer, String variable, SourcePos pos) {
    }

    /** A call about to be executed, with the values of its arguments. */
    record CallEvent(Instr.Call call, String callee, List<Val> args, SourcePos pos) {
    }

    /** The function returns: {@code ret} is the returned value (null for void). */
    record Exit(Val ret, SourcePos pos) {
    }

    default void onAccess(Ctx cx, State s, Access a) {
    }

    default void onRelease(Ctx cx, State s, Release r) {
    }

    default void onUndefUse(Ctx cx, State s, UndefUse u) {
    }

    default void onNullCheck(Ctx cx, State s, NullCheck n) {
    }

    /** Before a call is executed (models and summaries are applied after). */
    default void onCall(Ctx cx, State s, CallEvent c) {
    }

    /** After a call; {@code results} are the states it produced. */
    default void afterCall(Ctx cx, State s, CallEvent c) {
    }

    default void onExit(Ctx cx, State s, Exit e) {
    }

    /** A lock is taken, released or asserted held (the path's {@link LockSet} is not yet updated). */
    default void onLock(Ctx cx, State s, LockEvent e) {
    }

    /** A callee's checker-specific effect replayed at a call ({@code target} is the caller's value for its pointer). */
    default void onReplay(Ctx cx, State s, State.Custom effect, Val target, SourcePos callPos, String callee) {
    }

    /** Two pointers are subtracted. */
    default void onPtrDiff(Ctx cx, State s, Val a, Val b, SourcePos pos) {
    }

    /** A register variable goes out of scope or is overwritten: the old value is given (leak checks). */
    default void onOverwrite(Ctx cx, State s, Var v, Val old, SourcePos pos) {
    }

    /** Called once when the function has been analysed (for checks over all paths). */
    default void onFunctionEnd(Ctx cx) {
    }

    /** What checkers can ask of the engine and how they report. */
    interface Ctx {
        dev.ferrite.ir.Function function();

        /** True when the function's analysis may be reported as manifest for this object. */
        boolean isInput(Region r);

        /** The models, for checkers that need API knowledge (families, sleeping functions). */
        Models models();

        /** The summary of a function defined in the program, or null. */
        Summary summary(String function);

        void report(Rule rule, SourcePos pos, String message, List<dev.ferrite.report.PathEvent> path, boolean latent);

        /** Records a checker-specific effect in the function's summary (replayed by callers). */
        void effect(State s, State.Custom effect);

        /** Where the analysis is: the instruction being executed (null at exits). */
        Instr current();
    }
}
