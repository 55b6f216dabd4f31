package dev.ferrite.rustview;

import java.util.List;

/**
 * The Rust signature a C function's behaviour implies: one entry per parameter, the result, and
 * whether the signature is fully safe (no raw pointer left). A plain model for the text, JSON and
 * HTML views.
 */
public record RustSignature(String function, String file, int line, String signature, List<Param> params, String result,
                            String resultMeaning, boolean safe, List<String> unsafeReasons, List<String> findings) {
    public RustSignature {
        params = List.copyOf(params);
        unsafeReasons = List.copyOf(unsafeReasons);
        findings = List.copyOf(findings);
    }

    /** How a parameter is passed in Rust. */
    public enum Kind { VALUE, OWNED, SHARED, MUT, SLICE, MUT_SLICE, OUT, CALLBACK, RAW }

    /**
     * One parameter: its C name and type, its Rust type ({@code rust} is null for an out-parameter,
     * which moves into the result), how it is passed, whether it may be NULL, and for a raw pointer
     * why nothing safer could be decided.
     */
    public record Param(String name, String cType, String rust, Kind kind, boolean optional, String reason) {
        /** True for a data pointer (the ones whose ownership is decided or not). */
        public boolean pointer() {
            return kind != Kind.VALUE && kind != Kind.CALLBACK;
        }
    }
}
