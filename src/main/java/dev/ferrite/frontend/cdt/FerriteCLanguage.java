package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage;
import org.eclipse.cdt.core.dom.parser.IScannerExtensionConfiguration;
import org.eclipse.cdt.core.dom.parser.ISourceCodeParser;
import org.eclipse.cdt.core.index.IIndex;
import org.eclipse.cdt.core.parser.IParserLogService;
import org.eclipse.cdt.core.parser.IParserSettings;
import org.eclipse.cdt.core.parser.IScanner;
import org.eclipse.cdt.core.parser.IScannerInfo;
import org.eclipse.cdt.core.parser.ParserMode;

/**
 * CDT's GNU C language with Ferrite's scanner configuration (keywords, no macros; see
 * {@link FerriteScannerConfiguration}) and parser ({@link FerriteCParser}).
 */
public final class FerriteCLanguage extends GCCLanguage {
    private static final FerriteCLanguage DEFAULT = new FerriteCLanguage();

    public static FerriteCLanguage getDefault() {
        return DEFAULT;
    }

    @Override
    @Deprecated
    protected IScannerExtensionConfiguration getScannerExtensionConfiguration() {
        return FerriteScannerConfiguration.getInstance();
    }

    @Override
    protected IScannerExtensionConfiguration getScannerExtensionConfiguration(IScannerInfo info) {
        return FerriteScannerConfiguration.getInstance();
    }

    @Override
    protected ISourceCodeParser createParser(IScanner scanner, ParserMode mode, IParserLogService log, IIndex index) {
        return new FerriteCParser(scanner, mode, log, getParserExtensionConfiguration(), index);
    }

    @Override
    protected ISourceCodeParser createParser(IScanner scanner, ParserMode mode, IParserLogService log, IIndex index,
            int options, IParserSettings settings) {
        FerriteCParser parser = new FerriteCParser(scanner, mode, log, getParserExtensionConfiguration(), index);
        if (settings != null) {
            int max = settings.getMaximumTrivialExpressionsInAggregateInitializers();
            if (max >= 0 && (options & OPTION_SKIP_TRIVIAL_EXPRESSIONS_IN_AGGREGATE_INITIALIZERS) != 0) {
                parser.setMaximumTrivialExpressionsInAggregateInitializers(max);
            }
        }
        return parser;
    }
}
