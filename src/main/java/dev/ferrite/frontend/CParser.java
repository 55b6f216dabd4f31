package dev.ferrite.frontend;

import dev.ferrite.frontend.cdt.FerriteCLanguage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.IASTProblem;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.model.ILanguage;
import org.eclipse.cdt.core.parser.DefaultLogService;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.IncludeFileContentProvider;
import org.eclipse.cdt.core.parser.ScannerInfo;

/**
 * Parses preprocessed C text with CDT's GNU C parser, extended for GNU C / C11 / C23 (see
 * {@link dev.ferrite.frontend.cdt.FerriteCParser}).
 */
public final class CParser {

    /** Stack size of the thread used to retry a parse that overflowed the caller's stack. */
    private static final long RETRY_STACK_BYTES = 1L << 30;

    /**
     * Parses already-preprocessed text. Line markers must have been blanked (see {@link LineMap}).
     * Node offsets ({@code ASTNode.getOffset()} and {@code getFileLocation().getNodeOffset()}) are offsets
     * into {@code preprocessed}: the scanner expands no macros. Never throws: syntax errors become
     * problem nodes, and if the parser itself fails the unit holds a single preprocessor problem
     * ({@code #error}) explaining why.
     */
    public static IASTTranslationUnit parse(String path, char[] preprocessed) {
        Throwable failure;
        try {
            IASTTranslationUnit tu = parseUnchecked(path, preprocessed);
            if (tu != null) return tu;
            failure = new IllegalStateException("CDT returned no translation unit");
        } catch (StackOverflowError e) {
            failure = e;
            IASTTranslationUnit tu = retryWithLargeStack(path, preprocessed);
            if (tu != null) return tu;
        } catch (RuntimeException | org.eclipse.core.runtime.CoreException e) {
            failure = e;
        }
        return failedUnit(path, preprocessed.length, failure);
    }

    private static IASTTranslationUnit parseUnchecked(String path, char[] text)
            throws org.eclipse.core.runtime.CoreException {
        FileContent content = FileContent.create(path, text);
        ScannerInfo info = new ScannerInfo(new HashMap<>(), new String[0]);
        return FerriteCLanguage.getDefault().getASTTranslationUnit(content, info,
                IncludeFileContentProvider.getEmptyFilesProvider(), null,
                ILanguage.OPTION_NO_IMAGE_LOCATIONS, new DefaultLogService());
    }

    private static IASTTranslationUnit retryWithLargeStack(String path, char[] text) {
        IASTTranslationUnit[] result = new IASTTranslationUnit[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = parseUnchecked(path, text);
            } catch (Throwable e) {
                result[0] = null;
            }
        }, "ferrite-parse-retry", RETRY_STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result[0];
    }

    /** A unit of the same length whose only content is an {@code #error} naming the failure. */
    private static IASTTranslationUnit failedUnit(String path, int length, Throwable failure) {
        String msg = "#error ferrite: parser failed: " + failure.getClass().getSimpleName() + "\n";
        char[] text = new char[Math.max(length, msg.length())];
        java.util.Arrays.fill(text, ' ');
        msg.getChars(0, msg.length(), text, 0);
        try {
            return parseUnchecked(path, text);
        } catch (org.eclipse.core.runtime.CoreException e) {
            throw new IllegalStateException("CDT failed on " + path, e);
        }
    }

    public static List<IASTProblem> problems(IASTTranslationUnit tu) {
        List<IASTProblem> out = new ArrayList<>();
        tu.accept(new org.eclipse.cdt.core.dom.ast.ASTVisitor(true) {
            @Override
            public int visit(org.eclipse.cdt.core.dom.ast.IASTProblem problem) {
                out.add(problem);
                return PROCESS_CONTINUE;
            }
        });
        for (IASTProblem p : tu.getPreprocessorProblems()) out.add(p);
        return out;
    }
}
