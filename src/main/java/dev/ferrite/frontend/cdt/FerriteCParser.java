package dev.ferrite.frontend.cdt;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.IASTAlignmentSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTArrayDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTArrayModifier;
import org.eclipse.cdt.core.dom.ast.IASTAttributeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarationStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTLabelStatement;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTNullStatement;
import org.eclipse.cdt.core.dom.ast.IASTPointerOperator;
import org.eclipse.cdt.core.dom.ast.IASTProblem;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTTokenList;
import org.eclipse.cdt.core.dom.ast.IASTTypeId;
import org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression;
import org.eclipse.cdt.core.dom.ast.c.ICASTArrayModifier;
import org.eclipse.cdt.core.dom.ast.c.ICASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.c.ICASTEnumerationSpecifier;
import org.eclipse.cdt.core.dom.ast.c.ICASTPointer;
import org.eclipse.cdt.core.dom.ast.c.ICASTSimpleDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.c.ICASTTypedefNameSpecifier;
import org.eclipse.cdt.core.dom.parser.c.ICParserExtensionConfiguration;
import org.eclipse.cdt.core.index.IIndex;
import org.eclipse.cdt.core.parser.EndOfFileException;
import org.eclipse.cdt.core.parser.IGCCToken;
import org.eclipse.cdt.core.parser.IParserLogService;
import org.eclipse.cdt.core.parser.IScanner;
import org.eclipse.cdt.core.parser.IToken;
import org.eclipse.cdt.core.parser.ParserMode;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;
import org.eclipse.cdt.internal.core.dom.parser.ASTQueries;
import org.eclipse.cdt.internal.core.dom.parser.BacktrackException;
import org.eclipse.cdt.internal.core.dom.parser.DeclarationOptions;
import org.eclipse.cdt.internal.core.dom.parser.c.GNUCSourceParser;

/**
 * CDT's GNU C parser extended with the GNU C, C11 and C23 constructs found in preprocessed Linux and
 * glibc code. Every node it builds has the exact offset and length of its source text.
 *
 * <ul>
 *   <li>{@code _Generic} → {@link GenericSelectionExpression}</li>
 *   <li>{@code asm [volatile|inline|goto]... (...)} in functions → {@link GnuAsmStatement}; at file scope
 *       CDT's {@code IASTASMDeclaration} (qualifiers accepted)</li>
 *   <li>{@code _Static_assert}/{@code static_assert} → {@link StaticAssertDeclaration}</li>
 *   <li>{@code __builtin_offsetof}, {@code __builtin_va_arg}, {@code __builtin_types_compatible_p},
 *       {@code __real__}/{@code __imag__} → {@link OffsetofExpression}, {@link VaArgExpression},
 *       {@link TypesCompatibleExpression}, {@link ComplexPartExpression}</li>
 *   <li>{@code __auto_type} → {@link AutoTypeDeclSpecifier}; {@code __typeof_unqual__} →
 *       {@link TypeofUnqualExpression}; {@code _Atomic(T)} → {@link AtomicTypeExpression}</li>
 *   <li>{@code _Thread_local}/{@code __thread}, {@code _Noreturn}, {@code __seg_gs}/{@code __seg_fs},
 *       {@code _Atomic} qualifier → {@link KeywordSpecifier} on the declaration specifier or pointer</li>
 *   <li>C23 {@code [[...]]} → {@link StdAttributeList} wherever GNU attributes are accepted, and on
 *       statements</li>
 *   <li>statement attributes ({@code __attribute__((fallthrough));}) → null statement with attributes;
 *       {@code lbl: __attribute__((unused));}; label right before {@code }}</li>
 *   <li>{@code __label__ a, b;} → {@link LocalLabelDeclaration}; {@code __extension__} is accepted
 *       before declarations, specifiers and expressions</li>
 * </ul>
 */
public class FerriteCParser extends GNUCSourceParser {

    public FerriteCParser(IScanner scanner, ParserMode mode, IParserLogService log,
            ICParserExtensionConfiguration config, IIndex index) {
        super(scanner, mode, log, config, index);
    }

    // ------------------------------------------------------------------ statements

    @Override
    protected IASTStatement statement() throws EndOfFileException, BacktrackException {
        switch (LT(1)) {
            case IToken.t_asm:
                return asmStatement();
            case CTokens.STATIC_ASSERT:
                return declarationStatement(staticAssertDeclaration());
            case CTokens.LOCAL_LABEL:
                return declarationStatement(localLabelDeclaration());
            case IGCCToken.t__attribute__: {
                IASTStatement s = attributedNullStatement();
                if (s != null) return s;
                break;
            }
            case IToken.tLBRACKET:
                if (LT(2) == IToken.tLBRACKET) return stdAttributedStatement();
                break;
            case CTokens.EXTENSION:
                if (LT(2) == IToken.t_asm || LT(2) == CTokens.STATIC_ASSERT) {
                    consume();
                    return statement();
                }
                break;
            default:
                break;
        }
        return super.statement();
    }

    private IASTDeclarationStatement declarationStatement(IASTDeclaration d) {
        IASTDeclarationStatement ds = getNodeFactory().newDeclarationStatement(d);
        return setRange(ds, d);
    }

    /** {@code __attribute__((...)) ;} as a null statement; null (and nothing consumed) if no {@code ;} follows. */
    private IASTStatement attributedNullStatement() throws EndOfFileException, BacktrackException {
        IToken mark = mark();
        int offset = mark.getOffset();
        List<IASTAttributeSpecifier> attrs = __attribute_decl_seq(true, false);
        if (LT(1) != IToken.tSEMI) {
            backup(mark);
            return null;
        }
        int end = consume().getEndOffset();
        IASTNullStatement s = getNodeFactory().newNullStatement();
        addAttributeSpecifiers(attrs, s);
        return setRange(s, offset, end);
    }

    /** {@code [[...]] statement}: the attributes belong to the statement (or to its declaration). */
    private IASTStatement stdAttributedStatement() throws EndOfFileException, BacktrackException {
        int offset = LA(1).getOffset();
        List<IASTAttributeSpecifier> attrs = __attribute_decl_seq(true, false);
        if (LT(1) == IToken.tSEMI) {
            int end = consume().getEndOffset();
            IASTNullStatement s = getNodeFactory().newNullStatement();
            addAttributeSpecifiers(attrs, s);
            return setRange(s, offset, end);
        }
        IASTStatement s;
        switch (LT(1)) {
            case IToken.tIDENTIFIER:
                if (LT(2) == IToken.tCOLON) {
                    s = statement();
                    addAttributeSpecifiers(attrs, s);
                    break;
                }
                s = parseDeclarationOrExpressionStatement(attrs);
                break;
            case IToken.t_if: case IToken.t_while: case IToken.t_do: case IToken.t_for: case IToken.t_switch:
            case IToken.t_return: case IToken.t_goto: case IToken.t_break: case IToken.t_continue:
            case IToken.tLBRACE: case IToken.t_case: case IToken.t_default: case IToken.t_asm:
                s = statement();
                addAttributeSpecifiers(attrs, s);
                break;
            default:
                s = parseDeclarationOrExpressionStatement(attrs);
                break;
        }
        ((ASTNode) s).setOffsetAndLength(offset, calculateEndOffset(s) - offset);
        return s;
    }

    @Override
    protected IASTStatement parseLabelStatement() throws EndOfFileException, BacktrackException {
        if (LT(3) == IToken.tRBRACE) {
            // C23 / GNU: a label at the end of a compound statement labels an empty statement
            int offset = LA(1).getOffset();
            IASTName name = identifier();
            int end = consume(IToken.tCOLON).getEndOffset();
            IASTNullStatement empty = getNodeFactory().newNullStatement();
            setRange(empty, end, end);
            IASTLabelStatement label = getNodeFactory().newLabelStatement(name, empty);
            return setRange(label, offset, end);
        }
        return super.parseLabelStatement();
    }

    /** {@code asm [volatile|inline|goto]... ( template [: outputs [: inputs [: clobbers [: labels]]]] ) ;} */
    private IASTStatement asmStatement() throws EndOfFileException, BacktrackException {
        int offset = consume().getOffset();
        boolean isVolatile = false, isInline = false, isGoto = false;
        qualifiers: while (true) {
            switch (LT(1)) {
                case IToken.t_volatile: isVolatile = true; consume(); break;
                case IToken.t_inline: isInline = true; consume(); break;
                case IToken.t_goto: isGoto = true; consume(); break;
                default: break qualifiers;
            }
        }
        consume(IToken.tLPAREN);
        GnuAsmStatement asm = new GnuAsmStatement(stringLiteral().getImage());
        asm.setQualifiers(isVolatile, isInline, isGoto);
        int section = 0;
        while (LT(1) != IToken.tRPAREN) {
            switch (LT(1)) {
                case IToken.tCOLON: section += 1; consume(); break;
                case IToken.tCOLONCOLON: section += 2; consume(); break;
                default: throwBacktrack(LA(1));
            }
            if (section > 4) throwBacktrack(LA(1));
            int lt = LT(1);
            if (lt == IToken.tCOLON || lt == IToken.tCOLONCOLON || lt == IToken.tRPAREN) continue;
            while (true) {
                switch (section) {
                    case 1: asm.addOutput(asmOperand(true)); break;
                    case 2: asm.addInput(asmOperand(false)); break;
                    case 3: asm.addClobber(stringLiteral().getImage()); break;
                    default: {
                        IToken t = LA(1);
                        if (t.getType() != IToken.tIDENTIFIER) throwBacktrack(t);
                        consume();
                        ResolvingName n = new ResolvingName(t.getCharImage(), GnuAsmStatement::resolveLabel);
                        asm.addLabel(setRange(n, t.getOffset(), t.getEndOffset()));
                    }
                }
                if (LT(1) != IToken.tCOMMA) break;
                consume();
            }
        }
        consume(IToken.tRPAREN);
        int end = consume(IToken.tSEMI).getEndOffset();
        return setRange(asm, offset, end);
    }

    /** {@code [name] "constraint" (expression)} */
    private AsmOperand asmOperand(boolean output) throws EndOfFileException, BacktrackException {
        int offset = LA(1).getOffset();
        String symbolic = null;
        if (LT(1) == IToken.tLBRACKET) {
            consume();
            IToken id = LA(1);
            if (id.getType() != IToken.tIDENTIFIER) throwBacktrack(id);
            consume();
            symbolic = id.getImage();
            consume(IToken.tRBRACKET);
        }
        String constraint = stringLiteral().getImage();
        consume(IToken.tLPAREN);
        IASTExpression e = expression();
        int end = consume(IToken.tRPAREN).getEndOffset();
        return setRange(new AsmOperand(output, symbolic, constraint, e), offset, end);
    }

    /** One string literal token (the preprocessor has already joined adjacent literals). */
    private IToken stringLiteral() throws EndOfFileException, BacktrackException {
        IToken t = LA(1);
        switch (t.getType()) {
            case IToken.tSTRING: case IToken.tLSTRING: case IToken.tUTF16STRING: case IToken.tUTF32STRING:
                return consume();
            default:
                throwBacktrack(t);
                return null;
        }
    }

    // ------------------------------------------------------------------ declarations

    @Override
    protected IASTDeclaration declaration(DeclarationOptions option) throws EndOfFileException, BacktrackException {
        switch (LT(1)) {
            case CTokens.STATIC_ASSERT:
                return staticAssertDeclaration();
            case CTokens.EXTENSION:
                if (LT(2) == IToken.t_asm || LT(2) == CTokens.STATIC_ASSERT) {
                    consume();
                    return declaration(option);
                }
                break;
            default:
                break;
        }
        return super.declaration(option);
    }

    /** {@code _Static_assert ( constant-expression [, string-literal] ) ;} */
    private StaticAssertDeclaration staticAssertDeclaration() throws EndOfFileException, BacktrackException {
        int offset = consume().getOffset();
        consume(IToken.tLPAREN);
        IASTExpression cond = constantExpression();
        IASTLiteralExpression message = null;
        if (LT(1) == IToken.tCOMMA) {
            consume();
            IToken s = stringLiteral();
            message = getNodeFactory().newLiteralExpression(IASTLiteralExpression.lk_string_literal, s.getImage());
            setRange(message, s.getOffset(), s.getEndOffset());
        }
        consume(IToken.tRPAREN);
        int end = consume(IToken.tSEMI).getEndOffset();
        return setRange(new StaticAssertDeclaration(cond, message), offset, end);
    }

    /** {@code __label__ a, b;} */
    private LocalLabelDeclaration localLabelDeclaration() throws EndOfFileException, BacktrackException {
        int offset = consume().getOffset();
        LocalLabelDeclaration d = new LocalLabelDeclaration();
        while (true) {
            d.addName(identifier());
            if (LT(1) != IToken.tCOMMA) break;
            consume();
        }
        int end = consume(IToken.tSEMI).getEndOffset();
        return setRange(d, offset, end);
    }

    /** File-scope {@code asm [volatile|inline|goto]... ( ... ) ;} stays a CDT {@code IASTASMDeclaration}. */
    @Override
    protected IASTDeclaration asmDeclaration() throws EndOfFileException, BacktrackException {
        int offset = consume().getOffset();
        while (LT(1) == IToken.t_volatile || LT(1) == IToken.t_inline || LT(1) == IToken.t_goto) consume();
        StringBuilder content = new StringBuilder();
        asmExpression(content);
        int end = consume(IToken.tSEMI).getEndOffset();
        return buildASMDirective(offset, content.toString(), end);
    }

    // ------------------------------------------------------------------ declaration specifiers

    /** What a declaration-specifier sequence has said so far. */
    private static final class Spec {
        int storage = IASTDeclSpecifier.sc_unspecified;
        int simpleType = IASTSimpleDeclSpecifier.t_unspecified;
        int longs;
        boolean isConst, isVolatile, isRestrict, isInline;
        boolean isShort, isSigned, isUnsigned, isComplex, isImaginary;
        boolean autoType;
        IASTExpression typeofExpression;
        /** GNU/C23 attribute lists and {@link KeywordSpecifier}s, in source order. */
        final List<IASTAttributeSpecifier> specifiers = new ArrayList<>();
        final List<IASTAlignmentSpecifier> alignments = new ArrayList<>();
    }

    @Override
    protected Decl declSpecifierSeq(DeclarationOptions option, ITemplateIdStrategy strat)
            throws BacktrackException, EndOfFileException {
        final int offset = LA(1).getOffset();
        int endOffset = offset;
        Spec s = new Spec();
        IASTName typedefName = null;
        ICASTDeclSpecifier result = null;
        ICASTDeclSpecifier altResult = null;
        IToken returnToken = null;
        IASTProblem problem = null;
        boolean rawType = false;
        boolean typeName = false;
        try {
            loop: while (true) {
                final int lt1 = LTcatchEOF(1);
                switch (lt1) {
                    case 0:
                        break loop;
                    case IToken.t_auto: s.storage = IASTDeclSpecifier.sc_auto; endOffset = consume().getEndOffset(); break;
                    case IToken.t_register: s.storage = IASTDeclSpecifier.sc_register; endOffset = consume().getEndOffset(); break;
                    case IToken.t_static: s.storage = IASTDeclSpecifier.sc_static; endOffset = consume().getEndOffset(); break;
                    case IToken.t_extern: s.storage = IASTDeclSpecifier.sc_extern; endOffset = consume().getEndOffset(); break;
                    case IToken.t_typedef: s.storage = IASTDeclSpecifier.sc_typedef; endOffset = consume().getEndOffset(); break;
                    case IToken.t_inline: s.isInline = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t_const: s.isConst = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t_volatile: s.isVolatile = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t_restrict: s.isRestrict = true; endOffset = consume().getEndOffset(); break;
                    case CTokens.EXTENSION: endOffset = consume().getEndOffset(); break;
                    case CTokens.THREAD_LOCAL:
                        endOffset = keyword(s.specifiers, KeywordSpecifier.Kind.THREAD_LOCAL);
                        break;
                    case CTokens.NORETURN:
                        endOffset = keyword(s.specifiers, KeywordSpecifier.Kind.NORETURN);
                        break;
                    case CTokens.ADDRESS_SPACE:
                        endOffset = keyword(s.specifiers, KeywordSpecifier.Kind.ADDRESS_SPACE);
                        break;
                    case CTokens.ATOMIC:
                        if (LT(2) != IToken.tLPAREN) {
                            endOffset = keyword(s.specifiers, KeywordSpecifier.Kind.ATOMIC);
                            break;
                        }
                        if (rawType || typeName) throwBacktrack(LA(1));
                        s.typeofExpression = atomicTypeSpecifier();
                        s.simpleType = IASTSimpleDeclSpecifier.t_typeof;
                        endOffset = calculateEndOffset(s.typeofExpression);
                        typeName = true;
                        break;

                    case IToken.t_void: if (typeName) break loop; s.simpleType = IASTSimpleDeclSpecifier.t_void; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t_char: if (typeName) break loop; s.simpleType = IASTSimpleDeclSpecifier.t_char; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t_short: if (typeName) break loop; s.isShort = true; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t_int: if (typeName) break loop; s.simpleType = IASTSimpleDeclSpecifier.t_int; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IGCCToken.t__int128: if (typeName) break loop; s.simpleType = IASTSimpleDeclSpecifier.t_int128; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t_long: if (typeName) break loop; s.longs++; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t_float: if (typeName) break loop; s.simpleType = IASTSimpleDeclSpecifier.t_float; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t_double: if (typeName) break loop; s.simpleType = IASTSimpleDeclSpecifier.t_double; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IGCCToken.t__float128: if (typeName) break loop; s.simpleType = IASTSimpleDeclSpecifier.t_float128; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IGCCToken.t_decimal32: if (typeName) break loop; s.simpleType = IASTSimpleDeclSpecifier.t_decimal32; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IGCCToken.t_decimal64: if (typeName) break loop; s.simpleType = IASTSimpleDeclSpecifier.t_decimal64; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IGCCToken.t_decimal128: if (typeName) break loop; s.simpleType = IASTSimpleDeclSpecifier.t_decimal128; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t_signed: if (typeName) break loop; s.isSigned = true; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t_unsigned: if (typeName) break loop; s.isUnsigned = true; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t__Bool: if (typeName) break loop; s.simpleType = IASTSimpleDeclSpecifier.t_bool; rawType = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t__Complex: if (typeName) break loop; s.isComplex = true; endOffset = consume().getEndOffset(); break;
                    case IToken.t__Imaginary: if (typeName) break loop; s.isImaginary = true; endOffset = consume().getEndOffset(); break;
                    case CTokens.EXT_FLOAT:
                        if (typeName) break loop;
                        extendedFloat(s, LA(1).getImage());
                        rawType = true;
                        endOffset = consume().getEndOffset();
                        break;

                    case IToken.tIDENTIFIER:
                    case IToken.tCOMPLETION:
                    case IToken.tEOC:
                        if (typeName || rawType) break loop;
                        if ((endOffset != offset || option.fAllowEmptySpecifier) && lt1 != IToken.tCOMPLETION) {
                            // the identifier may be the declarator of an implicit-int declaration
                            altResult = buildSimpleDeclSpec(s, offset, endOffset);
                            for (IASTAttributeSpecifier a : s.specifiers) {
                                altResult.addAttributeSpecifier(a.copy(IASTNode.CopyStyle.withLocations));
                            }
                            returnToken = mark();
                        }
                        typedefName = identifier();
                        endOffset = calculateEndOffset(typedefName);
                        List<IASTAttributeSpecifier> afterName = nameAttributes.remove(typedefName);
                        if (afterName != null) s.specifiers.addAll(afterName);
                        typeName = true;
                        break;

                    case IToken.t_struct:
                    case IToken.t_union:
                        if (typeName || rawType) break loop;
                        if (isElaboratedReference()) {
                            result = elaboratedTypeSpecifier(); // saves a failed attempt (a costly backtrack)
                        } else {
                            try {
                                result = structOrUnionSpecifier();
                            } catch (BacktrackException bt) {
                                result = elaboratedTypeSpecifier();
                            }
                        }
                        endOffset = calculateEndOffset(result);
                        typeName = true;
                        break;

                    case IToken.t_enum:
                        if (typeName || rawType) break loop;
                        try {
                            if (isElaboratedReference()) {
                                result = elaboratedTypeSpecifier();
                                endOffset = calculateEndOffset(result);
                                typeName = true;
                                break;
                            }
                            result = (ICASTEnumerationSpecifier) enumSpecifier();
                        } catch (BacktrackException bt) {
                            if (bt.getNodeBeforeProblem() instanceof ICASTDeclSpecifier) {
                                result = (ICASTDeclSpecifier) bt.getNodeBeforeProblem();
                                problem = bt.getProblem();
                                break loop;
                            }
                            result = elaboratedTypeSpecifier();
                        }
                        endOffset = calculateEndOffset(result);
                        typeName = true;
                        break;

                    case IToken.t__Alignas:
                        s.alignments.add(alignmentSpecifier());
                        break;

                    case IGCCToken.t__attribute__: {
                        List<IASTAttributeSpecifier> attrs = __attribute_decl_seq(true, false);
                        if (attrs != null) s.specifiers.addAll(attrs);
                        break;
                    }
                    case IToken.tLBRACKET: {
                        if (LT(2) != IToken.tLBRACKET) break loop;
                        List<IASTAttributeSpecifier> attrs = __attribute_decl_seq(true, false);
                        if (attrs != null) s.specifiers.addAll(attrs);
                        break;
                    }

                    case IGCCToken.t_typeof: {
                        if (rawType || typeName) throwBacktrack(LA(1));
                        consume();
                        s.typeofExpression = typeofOperand();
                        s.simpleType = IASTSimpleDeclSpecifier.t_typeof;
                        endOffset = calculateEndOffset(s.typeofExpression);
                        typeName = true;
                        break;
                    }
                    case CTokens.TYPEOF_UNQUAL: {
                        if (rawType || typeName) throwBacktrack(LA(1));
                        int kw = consume().getOffset();
                        IASTExpression operand = typeofOperand();
                        endOffset = calculateEndOffset(operand);
                        s.typeofExpression = setRange(new TypeofUnqualExpression(operand), kw, endOffset);
                        s.simpleType = IASTSimpleDeclSpecifier.t_typeof;
                        typeName = true;
                        break;
                    }
                    case CTokens.AUTO_TYPE:
                        if (rawType || typeName) throwBacktrack(LA(1));
                        s.autoType = true;
                        endOffset = consume().getEndOffset();
                        typeName = true;
                        break;

                    default:
                        break loop;
                }
                if (rawType && typeName) throwBacktrack(LA(1));
            }

            if (!rawType && !typeName && LT(1) != IToken.tEOC && !option.fAllowEmptySpecifier && offset == endOffset) {
                throwBacktrack(LA(1));
            }
            if (result != null) {
                configure(result, s);
                setRange(result, offset, endOffset);
                if (problem != null) throwBacktrack(problem, result);
            } else if (typedefName != null) {
                ICASTTypedefNameSpecifier named = getNodeFactory().newTypedefNameSpecifier(typedefName);
                configure(named, s);
                result = named;
            } else {
                result = buildSimpleDeclSpec(s, offset, endOffset);
            }
            result.setAlignmentSpecifiers(s.alignments.toArray(new IASTAlignmentSpecifier[0]));
            addAttributeSpecifiers(s.specifiers, result);
            endOffset = attributesEndOffset(endOffset, s.specifiers);
            setRange(result, offset, endOffset);
        } catch (BacktrackException e) {
            if (returnToken == null) throw e;
            backup(returnToken);
            result = altResult;
            altResult = null;
            returnToken = null;
        }
        Decl decl = new Decl();
        decl.fDeclSpec1 = result;
        decl.fDeclSpec2 = altResult;
        decl.fDtorToken1 = returnToken;
        return decl;
    }

    /** {@code struct|union|enum name} not followed by a body or attributes. */
    private boolean isElaboratedReference() throws EndOfFileException {
        if (LT(2) != IToken.tIDENTIFIER) return false;
        int lt3 = LTcatchEOF(3);
        return lt3 != IToken.tLBRACE && lt3 != IGCCToken.t__attribute__ && lt3 != IToken.tLBRACKET && lt3 != 0;
    }

    /** The operand of {@code typeof}: a parenthesized type-id, or an expression. */
    private IASTExpression typeofOperand() throws EndOfFileException, BacktrackException {
        return parseTypeidInParenthesisOrUnaryExpression(false, LA(1).getOffset(), IASTTypeIdExpression.op_typeof, -1,
                CastExprCtx.eNotInBExpr, null);
    }

    /** {@code _Atomic ( type-name )} */
    private AtomicTypeExpression atomicTypeSpecifier() throws EndOfFileException, BacktrackException {
        int offset = consume().getOffset();
        consume(IToken.tLPAREN);
        IASTTypeId t = typeId(DeclarationOptions.TYPEID);
        if (t == null) throwBacktrack(LA(1));
        int end = consume(IToken.tRPAREN).getEndOffset();
        return setRange(new AtomicTypeExpression(t), offset, end);
    }

    /** Consumes a keyword kept as a {@link KeywordSpecifier}; returns its end offset. */
    private int keyword(List<IASTAttributeSpecifier> into, KeywordSpecifier.Kind kind) throws EndOfFileException {
        IToken t = consume();
        into.add(KeywordSpecifier.create(kind, t.getImage(), t.getOffset(), t.getEndOffset()));
        return t.getEndOffset();
    }

    /** _FloatN types map to the CDT basic type of the same format (_Float16 to float). */
    private static void extendedFloat(Spec s, String image) {
        switch (image) {
            case "_Float16":
            case "_Float32":
                s.simpleType = IASTSimpleDeclSpecifier.t_float;
                break;
            case "_Float64":
            case "_Float32x":
                s.simpleType = IASTSimpleDeclSpecifier.t_double;
                break;
            case "_Float64x":
                s.simpleType = IASTSimpleDeclSpecifier.t_double;
                s.longs = 1;
                break;
            default:
                s.simpleType = IASTSimpleDeclSpecifier.t_float128;
                break;
        }
    }

    private ICASTSimpleDeclSpecifier buildSimpleDeclSpec(Spec s, int offset, int endOffset) {
        ICASTSimpleDeclSpecifier d = s.autoType ? new AutoTypeDeclSpecifier() : getNodeFactory().newSimpleDeclSpecifier();
        configure(d, s);
        if (!s.autoType) d.setType(s.simpleType);
        d.setLong(s.longs == 1);
        d.setLongLong(s.longs > 1);
        d.setShort(s.isShort);
        d.setSigned(s.isSigned);
        d.setUnsigned(s.isUnsigned);
        d.setComplex(s.isComplex);
        d.setImaginary(s.isImaginary);
        if (s.typeofExpression != null) d.setDeclTypeExpression(s.typeofExpression);
        ((ASTNode) d).setOffsetAndLength(offset, endOffset - offset);
        return d;
    }

    private static void configure(IASTDeclSpecifier d, Spec s) {
        d.setStorageClass(s.storage);
        d.setConst(s.isConst);
        d.setVolatile(s.isVolatile);
        d.setInline(s.isInline);
        d.setRestrict(s.isRestrict);
    }

    // ------------------------------------------------------------------ pointers and attributes

    /**
     * Pointer operators with their qualifiers, including {@code _Atomic}, {@code __seg_gs}/{@code __seg_fs}
     * and attributes after the {@code *} (kept on the pointer, CDT drops them).
     */
    @Override
    protected void consumePointerOperators(List<IASTPointerOperator> pointerOps)
            throws EndOfFileException, BacktrackException {
        while (true) {
            IToken mark = mark();
            List<IASTAttributeSpecifier> before = __attribute_decl_seq(supportAttributeSpecifiers, false);
            if (LT(1) != IToken.tSTAR) {
                backup(mark); // attributes not followed by '*' belong to the declarator
                return;
            }
            int start = before == null ? LA(1).getOffset() : mark.getOffset();
            int end = consume().getEndOffset();
            ICASTPointer po = getNodeFactory().newPointer();
            List<IASTAttributeSpecifier> specs = new ArrayList<>();
            if (before != null) specs.addAll(before);
            quals: while (true) {
                switch (LT(1)) {
                    case IToken.t_const: po.setConst(true); end = consume().getEndOffset(); break;
                    case IToken.t_volatile: po.setVolatile(true); end = consume().getEndOffset(); break;
                    case IToken.t_restrict: po.setRestrict(true); end = consume().getEndOffset(); break;
                    case CTokens.ATOMIC:
                        if (LT(2) == IToken.tLPAREN) break quals;
                        end = keyword(specs, KeywordSpecifier.Kind.ATOMIC);
                        break;
                    case CTokens.ADDRESS_SPACE:
                        end = keyword(specs, KeywordSpecifier.Kind.ADDRESS_SPACE);
                        break;
                    case IGCCToken.t__attribute__: {
                        List<IASTAttributeSpecifier> attrs = __attribute_decl_seq(true, false);
                        specs.addAll(attrs);
                        end = attributesEndOffset(end, attrs);
                        break;
                    }
                    case IToken.tLBRACKET: {
                        if (LT(2) != IToken.tLBRACKET) break quals;
                        List<IASTAttributeSpecifier> attrs = __attribute_decl_seq(true, false);
                        specs.addAll(attrs);
                        end = attributesEndOffset(end, attrs);
                        break;
                    }
                    default:
                        break quals;
                }
            }
            addAttributeSpecifiers(specs, po);
            ((ASTNode) po).setOffsetAndLength(start, end - start);
            pointerOps.add(po);
        }
    }

    // C23 attributes right after a declarator-id ({@code int x [[maybe_unused]];}) are read by
    // identifier() while a declarator is being parsed, kept here, and attached to the declarator that
    // owns the name (or to the declaration specifier, for a typedef name).
    private int declaratorDepth;
    private final Map<IASTName, List<IASTAttributeSpecifier>> nameAttributes = new IdentityHashMap<>();

    @Override
    protected IASTName identifier() throws EndOfFileException, BacktrackException {
        IASTName name = super.identifier();
        if (declaratorDepth > 0 && LTcatchEOF(1) == IToken.tLBRACKET && LTcatchEOF(2) == IToken.tLBRACKET) {
            nameAttributes.put(name, __attribute_decl_seq(false, false));
        }
        return name;
    }

    @Override
    protected IASTDeclarator declarator(IASTDeclSpecifier declSpec, DeclarationOptions option)
            throws EndOfFileException, BacktrackException {
        declaratorDepth++;
        IASTDeclarator d;
        try {
            d = super.declarator(declSpec, option);
        } finally {
            declaratorDepth--;
        }
        if (!nameAttributes.isEmpty()) {
            IASTDeclarator inner = ASTQueries.findInnermostDeclarator(d);
            List<IASTAttributeSpecifier> attrs = nameAttributes.remove(inner.getName());
            if (attrs != null) {
                addAttributeSpecifiers(attrs, inner);
                int end = attributesEndOffset(0, attrs);
                for (IASTNode n = inner; n instanceof IASTDeclarator; n = n.getParent()) {
                    ASTNode a = (ASTNode) n;
                    if (a.getOffset() + a.getLength() < end) a.setLength(end - a.getOffset());
                    if (n == d) break;
                }
            }
        }
        return d;
    }

    /** Array modifiers; stops before {@code [[} (a C23 attribute, not an array bound). */
    @Override
    protected void consumeArrayModifiers(List<IASTArrayModifier> arrayMods)
            throws EndOfFileException, BacktrackException {
        while (LT(1) == IToken.tLBRACKET && LT(2) != IToken.tLBRACKET) {
            int start = consume().getOffset();
            boolean isStatic = false, isConst = false, isVolatile = false, isRestrict = false, isVarSized = false;
            quals: while (true) {
                switch (LT(1)) {
                    case IToken.t_static: isStatic = true; consume(); break;
                    case IToken.t_const: isConst = true; consume(); break;
                    case IToken.t_volatile: isVolatile = true; consume(); break;
                    case IToken.t_restrict: isRestrict = true; consume(); break;
                    case IToken.tSTAR:
                        if (LT(2) != IToken.tRBRACKET) break quals;
                        isVarSized = true;
                        consume();
                        break quals;
                    default: break quals;
                }
            }
            IASTExpression size = LT(1) == IToken.tRBRACKET ? null : assignmentExpression();
            int end;
            switch (LT(1)) {
                case IToken.tRBRACKET: end = consume().getEndOffset(); break;
                case IToken.tEOC: end = Integer.MAX_VALUE; break;
                default: throw backtrack;
            }
            ICASTArrayModifier m = getNodeFactory().newArrayModifier(size);
            m.setStatic(isStatic);
            m.setConst(isConst);
            m.setVolatile(isVolatile);
            m.setRestrict(isRestrict);
            m.setVariableSized(isVarSized);
            ((ASTNode) m).setOffsetAndLength(start, end - start);
            arrayMods.add(m);
        }
    }

    /** GNU {@code __attribute__((...))} sequences, also accepting C23 {@code [[...]]} specifiers. */
    @Override
    protected List<IASTAttributeSpecifier> __attribute_decl_seq(boolean allowAttrib, boolean allowDeclspec)
            throws BacktrackException, EndOfFileException {
        List<IASTAttributeSpecifier> result = null;
        while (true) {
            int lt = LTcatchEOF(1);
            IASTAttributeSpecifier spec;
            if (allowAttrib && lt == IGCCToken.t__attribute__) {
                spec = __attribute__();
            } else if (allowDeclspec && lt == IGCCToken.t__declspec) {
                spec = __declspec();
            } else if (lt == IToken.tLBRACKET && LTcatchEOF(2) == IToken.tLBRACKET) {
                spec = stdAttributeSpecifier();
            } else {
                break;
            }
            if (result == null) result = new ArrayList<>();
            result.add(spec);
        }
        return result;
    }

    /** {@code [[ attr, prefix::attr(balanced-tokens), ... ]]} */
    private StdAttributeList stdAttributeSpecifier() throws EndOfFileException, BacktrackException {
        int offset = consume(IToken.tLBRACKET).getOffset();
        consume(IToken.tLBRACKET);
        StdAttributeList list = new StdAttributeList();
        while (LT(1) != IToken.tRBRACKET) {
            if (LT(1) == IToken.tCOMMA) {
                consume();
                continue;
            }
            IToken first = identifierOrKeyword();
            String scope = null;
            IToken name = first;
            if (LT(1) == IToken.tCOLONCOLON) {
                consume();
                scope = first.getImage();
                name = identifierOrKeyword();
            } else if (LT(1) == IToken.tCOLON && LT(2) == IToken.tCOLON) {
                consume();
                consume();
                scope = first.getImage();
                name = identifierOrKeyword();
            }
            int end = name.getEndOffset();
            IASTTokenList args = null;
            if (LT(1) == IToken.tLPAREN) {
                int argOffset = consume().getEndOffset();
                args = balancedTokenSeq(argOffset, IToken.tRPAREN);
                end = consume(IToken.tRPAREN).getEndOffset();
            }
            StdAttribute a = new StdAttribute(scope, name.getCharImage(), args);
            list.addAttribute(setRange(a, first.getOffset(), end));
        }
        consume(IToken.tRBRACKET);
        int end = consume(IToken.tRBRACKET).getEndOffset();
        return setRange(list, offset, end);
    }

    // ------------------------------------------------------------------ expressions

    @Override
    protected IASTExpression unaryExpression(CastExprCtx ctx, ITemplateIdStrategy strat)
            throws EndOfFileException, BacktrackException {
        switch (LT(1)) {
            case CTokens.EXTENSION:
                consume();
                return castExpression(ctx, strat);
            case CTokens.REAL:
            case CTokens.IMAG: {
                IToken op = consume();
                IASTExpression operand = castExpression(CastExprCtx.eNotInBExpr, strat);
                ComplexPartExpression e = new ComplexPartExpression(op.getType() == CTokens.IMAG, operand);
                return setRange(e, op.getOffset(), calculateEndOffset(operand));
            }
            default:
                return super.unaryExpression(ctx, strat);
        }
    }

    @Override
    protected IASTExpression primaryExpression(CastExprCtx ctx, ITemplateIdStrategy strat)
            throws EndOfFileException, BacktrackException {
        switch (LT(1)) {
            case CTokens.GENERIC:
                return genericSelection();
            case CTokens.BUILTIN_OFFSETOF:
                return offsetof();
            case CTokens.BUILTIN_VA_ARG:
                return vaArg();
            case CTokens.BUILTIN_TYPES_COMPATIBLE_P:
                return typesCompatible();
            default:
                return super.primaryExpression(ctx, strat);
        }
    }

    /** An assignment-expression (no top-level comma). */
    private IASTExpression assignmentExpression() throws EndOfFileException, BacktrackException {
        IASTExpression lhs = constantExpression(); // conditional-expression
        int op = assignmentOperator(LT(1));
        if (op < 0) return lhs;
        consume();
        IASTExpression rhs = assignmentExpression();
        return buildBinaryExpression(op, lhs, rhs, calculateEndOffset(rhs));
    }

    private static int assignmentOperator(int token) {
        switch (token) {
            case IToken.tASSIGN: return IASTBinaryExpression.op_assign;
            case IToken.tSTARASSIGN: return IASTBinaryExpression.op_multiplyAssign;
            case IToken.tDIVASSIGN: return IASTBinaryExpression.op_divideAssign;
            case IToken.tMODASSIGN: return IASTBinaryExpression.op_moduloAssign;
            case IToken.tPLUSASSIGN: return IASTBinaryExpression.op_plusAssign;
            case IToken.tMINUSASSIGN: return IASTBinaryExpression.op_minusAssign;
            case IToken.tSHIFTLASSIGN: return IASTBinaryExpression.op_shiftLeftAssign;
            case IToken.tSHIFTRASSIGN: return IASTBinaryExpression.op_shiftRightAssign;
            case IToken.tAMPERASSIGN: return IASTBinaryExpression.op_binaryAndAssign;
            case IToken.tXORASSIGN: return IASTBinaryExpression.op_binaryXorAssign;
            case IToken.tBITORASSIGN: return IASTBinaryExpression.op_binaryOrAssign;
            default: return -1;
        }
    }

    private IASTTypeId requiredTypeId() throws EndOfFileException, BacktrackException {
        IASTTypeId t = typeId(DeclarationOptions.TYPEID);
        if (t == null) throwBacktrack(LA(1));
        return t;
    }

    /** {@code _Generic ( assignment-expression , association {, association} )} */
    private IASTExpression genericSelection() throws EndOfFileException, BacktrackException {
        int offset = consume().getOffset();
        consume(IToken.tLPAREN);
        GenericSelectionExpression g = new GenericSelectionExpression(assignmentExpression());
        do {
            consume(IToken.tCOMMA);
            int aOffset = LA(1).getOffset();
            IASTTypeId type = null;
            if (LT(1) == IToken.t_default) {
                consume();
            } else {
                type = typeNameBeforeColon();
            }
            consume(IToken.tCOLON);
            IASTExpression e = assignmentExpression();
            g.addAssociation(setRange(new GenericAssociation(type, e), aOffset, calculateEndOffset(e)));
        } while (LT(1) == IToken.tCOMMA);
        int end = consume(IToken.tRPAREN).getEndOffset();
        return setRange(g, offset, end);
    }

    /**
     * A type-name followed by {@code :} (in a {@code _Generic} association). CDT's {@code typeId} cannot
     * be used: its declarator parser treats a {@code :} after a declarator as a bit-field or an error.
     */
    private IASTTypeId typeNameBeforeColon() throws EndOfFileException, BacktrackException {
        int offset = LA(1).getOffset();
        Decl decl = declSpecifierSeq(DeclarationOptions.TYPEID, null);
        IASTDeclSpecifier declSpec = decl.fDeclSpec1;
        IASTDeclarator dtor = abstractDeclarator();
        IASTTypeId t = getNodeFactory().newTypeId(declSpec, dtor);
        int end = ((ASTNode) dtor).getLength() > 0 ? calculateEndOffset(dtor) : calculateEndOffset(declSpec);
        return setRange(t, offset, end);
    }

    /** An abstract declarator (C11 6.7.7): pointers, then {@code ( abstract-declarator )}, then one suffix. */
    private IASTDeclarator abstractDeclarator() throws EndOfFileException, BacktrackException {
        int start = LA(1).getOffset();
        List<IASTPointerOperator> pointers = new ArrayList<>();
        consumePointerOperators(pointers);
        int end = pointers.isEmpty() ? start : calculateEndOffset(pointers.get(pointers.size() - 1));
        List<IASTAttributeSpecifier> attrs = __attribute_decl_seq(true, false);
        end = attributesEndOffset(end, attrs);
        IASTDeclarator nested = null;
        if (LT(1) == IToken.tLPAREN) {
            int lt2 = LT(2);
            if (lt2 == IToken.tSTAR || lt2 == IToken.tLPAREN || lt2 == IToken.tLBRACKET
                    || lt2 == IGCCToken.t__attribute__) {
                consume();
                nested = abstractDeclarator();
                end = consume(IToken.tRPAREN).getEndOffset();
            }
        }
        IASTDeclarator result;
        if (LT(1) == IToken.tLBRACKET) {
            List<IASTArrayModifier> mods = new ArrayList<>();
            consumeArrayModifiers(mods);
            IASTArrayDeclarator a = getNodeFactory().newArrayDeclarator(null);
            for (IASTArrayModifier m : mods) a.addArrayModifier(m);
            end = calculateEndOffset(mods.get(mods.size() - 1));
            result = a;
        } else if (LT(1) == IToken.tLPAREN) {
            consume();
            IASTStandardFunctionDeclarator f = getNodeFactory().newFunctionDeclarator(null);
            while (LT(1) != IToken.tRPAREN) {
                if (LT(1) == IToken.tELLIPSIS) {
                    consume();
                    f.setVarArgs(true);
                } else {
                    f.addParameterDeclaration(parameterDeclaration(DeclarationOptions.PARAMETER));
                }
                if (LT(1) != IToken.tCOMMA) break;
                consume();
            }
            end = consume(IToken.tRPAREN).getEndOffset();
            result = f;
        } else {
            result = getNodeFactory().newDeclarator(null);
        }
        if (nested != null) result.setNestedDeclarator(nested);
        result.setName(getNodeFactory().newName());
        for (IASTPointerOperator p : pointers) result.addPointerOperator(p);
        addAttributeSpecifiers(attrs, result);
        ((ASTNode) result).setOffsetAndLength(start, end - start);
        return result;
    }

    /** {@code __builtin_offsetof ( type-name , member {. member | [ expr ]} )} */
    private IASTExpression offsetof() throws EndOfFileException, BacktrackException {
        int offset = consume().getOffset();
        consume(IToken.tLPAREN);
        OffsetofExpression o = new OffsetofExpression(requiredTypeId());
        consume(IToken.tCOMMA);
        o.addMember(memberName());
        while (true) {
            if (LT(1) == IToken.tDOT) {
                consume();
                o.addMember(memberName());
            } else if (LT(1) == IToken.tLBRACKET) {
                consume();
                o.addMember(expression());
                consume(IToken.tRBRACKET);
            } else {
                break;
            }
        }
        int end = consume(IToken.tRPAREN).getEndOffset();
        return setRange(o, offset, end);
    }

    private IASTName memberName() throws EndOfFileException, BacktrackException {
        IToken t = LA(1);
        if (t.getType() != IToken.tIDENTIFIER) throwBacktrack(t);
        consume();
        return setRange(new ResolvingName(t.getCharImage(), OffsetofExpression::resolveMember), t.getOffset(),
                t.getEndOffset());
    }

    /** {@code __builtin_va_arg ( assignment-expression , type-name )} */
    private IASTExpression vaArg() throws EndOfFileException, BacktrackException {
        int offset = consume().getOffset();
        consume(IToken.tLPAREN);
        IASTExpression ap = assignmentExpression();
        consume(IToken.tCOMMA);
        IASTTypeId t = requiredTypeId();
        int end = consume(IToken.tRPAREN).getEndOffset();
        return setRange(new VaArgExpression(ap, t), offset, end);
    }

    /** {@code __builtin_types_compatible_p ( type-name , type-name )} */
    private IASTExpression typesCompatible() throws EndOfFileException, BacktrackException {
        int offset = consume().getOffset();
        consume(IToken.tLPAREN);
        IASTTypeId a = requiredTypeId();
        consume(IToken.tCOMMA);
        IASTTypeId b = requiredTypeId();
        int end = consume(IToken.tRPAREN).getEndOffset();
        return setRange(new TypesCompatibleExpression(a, b), offset, end);
    }
}
