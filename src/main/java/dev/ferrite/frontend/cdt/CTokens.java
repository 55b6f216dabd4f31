package dev.ferrite.frontend.cdt;

/**
 * Token kinds for the GNU C / C11 / C23 keywords that CDT's C scanner does not know. They live in CDT's
 * range reserved for extensions (243..299). Kinds 243..253 are the ones CDT itself treats as
 * "could start a type specifier" (see {@code canBeTypeSpecifier}), so every keyword that may begin a
 * declaration specifier sits there; the others are above 253.
 */
public final class CTokens {
    private CTokens() {}

    // --- declaration specifiers (243..253) ---
    /** {@code _Thread_local}, {@code __thread}. */
    public static final int THREAD_LOCAL = 243;
    /** {@code _Noreturn}. */
    public static final int NORETURN = 244;
    /** x86 named address spaces {@code __seg_gs}, {@code __seg_fs}. */
    public static final int ADDRESS_SPACE = 245;
    /** {@code __auto_type}. */
    public static final int AUTO_TYPE = 246;
    /** {@code __typeof_unqual__}, {@code __typeof_unqual}, {@code typeof_unqual}. */
    public static final int TYPEOF_UNQUAL = 247;
    /** {@code _FloatN} / {@code _FloatNx} types. */
    public static final int EXT_FLOAT = 248;
    /** {@code __extension__}. */
    public static final int EXTENSION = 249;
    /** {@code _Atomic} (qualifier, or specifier {@code _Atomic(T)}). */
    public static final int ATOMIC = 250;

    // --- everything else (above 253) ---
    /** {@code _Static_assert}, {@code static_assert}. */
    public static final int STATIC_ASSERT = 260;
    /** {@code _Generic}. */
    public static final int GENERIC = 261;
    /** {@code __builtin_offsetof}. */
    public static final int BUILTIN_OFFSETOF = 262;
    /** {@code __builtin_va_arg}. */
    public static final int BUILTIN_VA_ARG = 263;
    /** {@code __builtin_types_compatible_p}. */
    public static final int BUILTIN_TYPES_COMPATIBLE_P = 264;
    /** {@code __real__}, {@code __real}. */
    public static final int REAL = 265;
    /** {@code __imag__}, {@code __imag}. */
    public static final int IMAG = 266;
    /** {@code __label__} (local label declaration). */
    public static final int LOCAL_LABEL = 267;
}
