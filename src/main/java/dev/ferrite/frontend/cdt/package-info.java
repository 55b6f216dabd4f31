/**
 * Ferrite's extension of Eclipse CDT's GNU C parser for real preprocessed GNU C (Linux, glibc).
 *
 * <h2>Plumbing</h2>
 * {@link dev.ferrite.frontend.CParser#parse(String, char[])} uses {@link dev.ferrite.frontend.cdt.FerriteCLanguage}
 * (CDT's {@code GCCLanguage} with {@link dev.ferrite.frontend.cdt.FerriteScannerConfiguration}, which defines
 * extra keywords and <em>no macros</em>, and {@link dev.ferrite.frontend.cdt.FerriteCParser}, a subclass of
 * CDT's {@code GNUCSourceParser}). Because nothing is macro-expanded, {@code ASTNode.getOffset()} equals
 * {@code getFileLocation().getNodeOffset()} for every node: offsets are offsets into the parsed text.
 *
 * <h2>Nodes for the IR lowering</h2>
 * All custom nodes are ordinary CDT nodes: they have parents, exact ranges, {@code getChildren()}, and
 * {@code accept(ASTVisitor)} visits them ({@code visit(IASTExpression)} / {@code visit(IASTStatement)} /
 * {@code visit(IASTDeclaration)} as their interface says) and then their children.
 * <dl>
 * <dt>{@link dev.ferrite.frontend.cdt.GenericSelectionExpression} ({@code IASTExpression})</dt>
 * <dd>{@code getControllingExpression()} (not evaluated), {@code getAssociations()}
 * ({@link dev.ferrite.frontend.cdt.GenericAssociation}: {@code getTypeId()} / {@code getType()}, null for
 * {@code default}; {@code getExpression()}), {@code getControllingType()} (after lvalue conversion),
 * {@code getSelectedAssociation()} / {@code getSelectedExpression()} (lower only this one);
 * {@code getExpressionType()}, {@code isLValue()} are the selected expression's.</dd>
 * <dt>{@link dev.ferrite.frontend.cdt.GnuAsmStatement} ({@code IASTStatement}, inside functions)</dt>
 * <dd>{@code isVolatile()/isInline()/isGoto()}, {@code getTemplate()}, {@code getOutputs()} and
 * {@code getInputs()} ({@link dev.ferrite.frontend.cdt.AsmOperand}: {@code getConstraint()},
 * {@code getSymbolicName()}, {@code getExpression()}; outputs are writes of their lvalue, and also reads
 * when {@code isReadWrite()} ({@code +}); inputs are reads), {@code getClobbers()},
 * {@code clobbersMemory()}, {@code getGotoLabels()} ({@code IASTName}s resolving to the {@code ILabel};
 * {@code GnuAsmStatement.findLabel(name)} gives the label statement). File-scope {@code asm(...)} stays
 * a CDT {@code IASTASMDeclaration}.</dd>
 * <dt>{@link dev.ferrite.frontend.cdt.StaticAssertDeclaration} ({@code IASTDeclaration})</dt>
 * <dd>Skip it. At block scope it is wrapped in an {@code IASTDeclarationStatement}; it also occurs among
 * struct members.</dd>
 * <dt>{@link dev.ferrite.frontend.cdt.LocalLabelDeclaration} ({@code IASTDeclaration})</dt>
 * <dd>{@code __label__ a;}: skip.</dd>
 * <dt>{@link dev.ferrite.frontend.cdt.OffsetofExpression}, {@link dev.ferrite.frontend.cdt.TypesCompatibleExpression}</dt>
 * <dd>Integer constants ({@code size_t} / {@code int}); not evaluated at run time.</dd>
 * <dt>{@link dev.ferrite.frontend.cdt.VaArgExpression}</dt>
 * <dd>Reads and advances {@code getVaList()}; type is {@code getTypeId()}'s.</dd>
 * <dt>{@link dev.ferrite.frontend.cdt.ComplexPartExpression}</dt>
 * <dd>{@code __real__ e} / {@code __imag__ e}.</dd>
 * <dt>{@link dev.ferrite.frontend.cdt.AutoTypeDeclSpecifier}</dt>
 * <dd>{@code __auto_type}: {@code IVariable.getType()} and {@code CVisitor.createType(declarator)} give the
 * deduced type; {@code getDeducedType()} too.</dd>
 * <dt>{@link dev.ferrite.frontend.cdt.TypeofUnqualExpression}, {@link dev.ferrite.frontend.cdt.AtomicTypeExpression}</dt>
 * <dd>{@code getDeclTypeExpression()} of a {@code t_typeof} declaration specifier for
 * {@code __typeof_unqual__(...)} and {@code _Atomic(T)}; never evaluated.</dd>
 * <dt>{@link dev.ferrite.frontend.cdt.KeywordSpecifier}</dt>
 * <dd>{@code _Thread_local}/{@code __thread}, {@code _Noreturn}, {@code __seg_gs}/{@code __seg_fs},
 * {@code _Atomic} as attribute specifiers of the declaration specifier or pointer; query with
 * {@link dev.ferrite.frontend.cdt.CExtensions}.</dd>
 * <dt>{@link dev.ferrite.frontend.cdt.StdAttributeList}</dt>
 * <dd>C23 {@code [[...]]}. Statement attributes ({@code __attribute__((fallthrough));},
 * {@code [[fallthrough]];}) are {@code IASTNullStatement}s carrying the attributes.</dd>
 * </dl>
 */
package dev.ferrite.frontend.cdt;
