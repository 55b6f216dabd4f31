package dev.ferrite.frontend;

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
import dev.ferrite.frontend.cdt.FerriteCLanguage;

/**
 * Parses preprocessed C text with CDT's GNU C parser, extended for GNU C / C11 / C23 (see
 * {@link dev.ferrite.frontend.cdt.FerriteCParser}).
 */
public final class CParser {

    /** Parses already-preprocessed text. Line markers must have been blanked (see {@link LineMap}). */
    public static IASTTranslationUnit parse(String path, char[] preprocessed) {
        try {
            FileContent content = FileContent.create(path, preprocessed);
            ScannerInfo info = new ScannerInfo(new HashMap<>(), new String[0]);
            return FerriteCLanguage.getDefault().getASTTranslationUnit(content, info,
                    IncludeFileContentProvider.getEmptyFilesProvider(), null,
                    ILanguage.OPTION_NO_IMAGE_LOCATIONS, new DefaultLogService());
        } catch (org.eclipse.core.runtime.CoreException e) {
            throw new IllegalStateException("CDT failed on " + path + ": " + e.getMessage(), e);
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
