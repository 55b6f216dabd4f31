package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.core.dom.parser.AbstractScannerExtensionConfiguration;
import org.eclipse.cdt.core.parser.IGCCToken;
import org.eclipse.cdt.core.parser.IToken;

/**
 * Scanner configuration for already-preprocessed GNU C.
 *
 * <p>Unlike CDT's {@code GCCScannerExtensionConfiguration} it defines <b>no macros at all</b>: CDT's GNU
 * configuration rewrites {@code __extension__}, {@code __builtin_offsetof}, {@code __builtin_va_arg},
 * {@code __builtin_types_compatible_p}, {@code __real__}/{@code __imag__}, {@code __thread} and others
 * by macro expansion, which loses information and makes node offsets drift away from file offsets.
 * Here those words are keywords (see {@link CTokens}) and {@link FerriteCParser} parses them, so the
 * scanner never expands anything and every node offset is an offset into the input text.
 */
public final class FerriteScannerConfiguration extends AbstractScannerExtensionConfiguration {
    private static final FerriteScannerConfiguration INSTANCE = new FerriteScannerConfiguration();

    public static FerriteScannerConfiguration getInstance() {
        return INSTANCE;
    }

    private FerriteScannerConfiguration() {
        // GNU spellings of standard keywords
        kw("__alignof", IGCCToken.t___alignof__);
        kw("__alignof__", IGCCToken.t___alignof__);
        kw("__asm", IToken.t_asm);
        kw("__asm__", IToken.t_asm);
        kw("__attribute", IGCCToken.t__attribute__);
        kw("__attribute__", IGCCToken.t__attribute__);
        kw("__const", IToken.t_const);
        kw("__const__", IToken.t_const);
        kw("__inline", IToken.t_inline);
        kw("__inline__", IToken.t_inline);
        kw("__restrict", IToken.t_restrict);
        kw("__restrict__", IToken.t_restrict);
        kw("__volatile", IToken.t_volatile);
        kw("__volatile__", IToken.t_volatile);
        kw("__signed", IToken.t_signed);
        kw("__signed__", IToken.t_signed);
        kw("__complex", IToken.t__Complex);
        kw("__complex__", IToken.t__Complex);
        kw("typeof", IGCCToken.t_typeof);
        kw("__typeof", IGCCToken.t_typeof);
        kw("__typeof__", IGCCToken.t_typeof);
        kw("__int128", IGCCToken.t__int128);
        kw("__float128", IGCCToken.t__float128);
        kw("_Decimal32", IGCCToken.t_decimal32);
        kw("_Decimal64", IGCCToken.t_decimal64);
        kw("_Decimal128", IGCCToken.t_decimal128);
        // keywords CDT's C parser does not know
        kw("_Thread_local", CTokens.THREAD_LOCAL);
        kw("__thread", CTokens.THREAD_LOCAL);
        kw("_Noreturn", CTokens.NORETURN);
        kw("__seg_gs", CTokens.ADDRESS_SPACE);
        kw("__seg_fs", CTokens.ADDRESS_SPACE);
        kw("__auto_type", CTokens.AUTO_TYPE);
        kw("__typeof_unqual__", CTokens.TYPEOF_UNQUAL);
        kw("__typeof_unqual", CTokens.TYPEOF_UNQUAL);
        kw("typeof_unqual", CTokens.TYPEOF_UNQUAL);
        for (String f : new String[] {"_Float16", "_Float32", "_Float64", "_Float128", "_Float32x", "_Float64x",
                "_Float128x"}) {
            kw(f, CTokens.EXT_FLOAT);
        }
        kw("__extension__", CTokens.EXTENSION);
        kw("_Atomic", CTokens.ATOMIC);
        kw("_Static_assert", CTokens.STATIC_ASSERT);
        kw("static_assert", CTokens.STATIC_ASSERT);
        kw("_Generic", CTokens.GENERIC);
        kw("__builtin_offsetof", CTokens.BUILTIN_OFFSETOF);
        kw("__builtin_va_arg", CTokens.BUILTIN_VA_ARG);
        kw("__builtin_types_compatible_p", CTokens.BUILTIN_TYPES_COMPATIBLE_P);
        kw("__real__", CTokens.REAL);
        kw("__real", CTokens.REAL);
        kw("__imag__", CTokens.IMAG);
        kw("__imag", CTokens.IMAG);
        kw("__label__", CTokens.LOCAL_LABEL);
    }

    private void kw(String word, int kind) {
        addKeyword(word.toCharArray(), kind);
    }

    @Override
    public boolean support$InIdentifiers() {
        return true;
    }

    @Override
    public char[] supportAdditionalNumericLiteralSuffixes() {
        return "ij".toCharArray(); // GNU imaginary constants: 1.0i
    }
}
