package dev.ferrite.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrite.frontend.cdt.AsmOperand;
import dev.ferrite.frontend.cdt.AutoTypeDeclSpecifier;
import dev.ferrite.frontend.cdt.CExtensions;
import dev.ferrite.frontend.cdt.ComplexPartExpression;
import dev.ferrite.frontend.cdt.GenericAssociation;
import dev.ferrite.frontend.cdt.GenericSelectionExpression;
import dev.ferrite.frontend.cdt.GnuAsmStatement;
import dev.ferrite.frontend.cdt.KeywordSpecifier;
import dev.ferrite.frontend.cdt.LocalLabelDeclaration;
import dev.ferrite.frontend.cdt.OffsetofExpression;
import dev.ferrite.frontend.cdt.StaticAssertDeclaration;
import dev.ferrite.frontend.cdt.StdAttribute;
import dev.ferrite.frontend.cdt.StdAttributeList;
import dev.ferrite.frontend.cdt.TypeofUnqualExpression;
import dev.ferrite.frontend.cdt.TypesCompatibleExpression;
import dev.ferrite.frontend.cdt.VaArgExpression;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTASMDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTAttribute;
import org.eclipse.cdt.core.dom.ast.IASTAttributeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTCaseStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarationStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTInitializerList;
import org.eclipse.cdt.core.dom.ast.IASTLabelStatement;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTNullStatement;
import org.eclipse.cdt.core.dom.ast.IASTPointerOperator;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IArrayType;
import org.eclipse.cdt.core.dom.ast.IBasicType;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.IField;
import org.eclipse.cdt.core.dom.ast.IFunction;
import org.eclipse.cdt.core.dom.ast.ILabel;
import org.eclipse.cdt.core.dom.ast.IPointerType;
import org.eclipse.cdt.core.dom.ast.IQualifierType;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.core.dom.ast.IVariable;
import org.eclipse.cdt.core.dom.ast.c.ICASTArrayDesignator;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignatedInitializer;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignator;
import org.eclipse.cdt.core.dom.ast.c.ICASTFieldDesignator;
import org.eclipse.cdt.core.dom.ast.gnu.c.IGCCASTArrayRangeDesignator;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;
import org.junit.jupiter.api.Test;

class CParserExtensionsTest {

    // ------------------------------------------------------------------ helpers

    private static IASTTranslationUnit parse(String code) {
        IASTTranslationUnit tu = CParser.parse("test.c", code.toCharArray());
        assertThat(CParser.problems(tu)).as("problems in: %s", code).isEmpty();
        assertExactLocations(tu, code);
        return tu;
    }

    /** Every node's offset is a file offset (no macro drift) and lies inside the text. */
    private static void assertExactLocations(IASTNode n, String code) {
        ASTNode a = (ASTNode) n;
        if (a.getLength() > 0) {
            IASTFileLocation loc = n.getFileLocation();
            assertThat(loc.getNodeOffset()).as("offset of %s", n).isEqualTo(a.getOffset());
            assertThat(loc.getNodeLength()).as("length of %s", n).isEqualTo(a.getLength());
            assertThat(a.getOffset() + a.getLength()).isLessThanOrEqualTo(code.length());
        }
        for (IASTNode c : n.getChildren()) assertExactLocations(c, code);
    }

    private static String text(IASTNode n) {
        return n.getRawSignature();
    }

    /** All nodes of a class, in pre-order (following getChildren()). */
    private static <T> List<T> find(IASTNode root, Class<T> cls) {
        List<T> out = new ArrayList<>();
        collect(root, cls, out);
        return out;
    }

    private static <T> void collect(IASTNode n, Class<T> cls, List<T> out) {
        if (cls.isInstance(n)) out.add(cls.cast(n));
        for (IASTNode c : n.getChildren()) collect(c, cls, out);
    }

    private static <T> T first(IASTNode root, Class<T> cls) {
        List<T> all = find(root, cls);
        assertThat(all).as("nodes of %s", cls.getSimpleName()).isNotEmpty();
        return all.get(0);
    }

    private static IASTDeclarator declarator(IASTTranslationUnit tu, String name) {
        for (IASTDeclarator d : find(tu, IASTDeclarator.class)) {
            if (d.getName().toString().equals(name)) return d;
        }
        throw new AssertionError("no declarator " + name);
    }

    private static IType typeOf(IASTTranslationUnit tu, String name) {
        IBinding b = declarator(tu, name).getName().resolveBinding();
        assertThat(b).isInstanceOf(IVariable.class);
        return ((IVariable) b).getType();
    }

    private static IASTDeclSpecifier declSpec(IASTTranslationUnit tu, String name) {
        return CExtensions.declSpecifierOf(declarator(tu, name));
    }

    private static boolean isBasic(IType t, IBasicType.Kind kind) {
        return t instanceof IBasicType && ((IBasicType) t).getKind() == kind;
    }

    private static void assertRange(IASTNode n, String code, String expected) {
        ASTNode a = (ASTNode) n;
        assertThat(a.getOffset()).isEqualTo(code.indexOf(expected));
        assertThat(a.getLength()).isEqualTo(expected.length());
        assertThat(text(n)).isEqualTo(expected);
    }

    // ------------------------------------------------------------------ _Generic

    @Test
    void genericSelectionKeepsControllingExpressionAndAssociations() {
        String sel = "_Generic(p, char: 1, int *: 2, default: 3)";
        String code = "int *p;\nint x = " + sel + ";\n";
        IASTTranslationUnit tu = parse(code);
        GenericSelectionExpression g = first(tu, GenericSelectionExpression.class);
        assertRange(g, code, sel);
        assertThat(text(g.getControllingExpression())).isEqualTo("p");
        GenericAssociation[] as = g.getAssociations();
        assertThat(as).hasSize(3);
        assertThat(text(as[0].getTypeId())).isEqualTo("char");
        assertThat(text(as[0].getExpression())).isEqualTo("1");
        assertThat(text(as[1].getTypeId())).isEqualTo("int *");
        assertThat(text(as[1])).isEqualTo("int *: 2");
        assertThat(as[2].isDefault()).isTrue();
        assertThat(as[2].getTypeId()).isNull();
        assertThat(g.getDefaultAssociation()).isSameAs(as[2]);
        assertThat(g.getSelectedAssociation()).isSameAs(as[1]);
        assertThat(text(g.getSelectedExpression())).isEqualTo("2");
        assertThat(g.getParent()).isInstanceOf(IASTEqualsInitializer.class);
    }

    @Test
    void genericSelectionUsesTypeAfterLvalueConversion() {
        String code = """
                const int ci = 1;
                int arr[3];
                int fn(void);
                struct s { int f; } sv;
                int a = _Generic(ci, const int: 1, int: 2, default: 0);
                int b = _Generic(arr, int *: 1, default: 0);
                int c = _Generic(fn, int (*)(void): 1, default: 0);
                int d = _Generic(sv, struct s: 1, default: 0);
                int e = _Generic(1.5, float: 1, default: 0);
                """;
        IASTTranslationUnit tu = parse(code);
        List<GenericSelectionExpression> gs = find(tu, GenericSelectionExpression.class);
        assertThat(gs).hasSize(5);
        assertThat(text(gs.get(0).getSelectedExpression())).isEqualTo("2"); // const dropped
        assertThat(text(gs.get(1).getSelectedExpression())).isEqualTo("1"); // array decays
        assertThat(text(gs.get(2).getSelectedExpression())).isEqualTo("1"); // function decays
        assertThat(text(gs.get(3).getSelectedExpression())).isEqualTo("1");
        assertThat(gs.get(4).getSelectedAssociation().isDefault()).isTrue(); // double, not float
        assertThat(gs.get(0).getControllingType()).isInstanceOf(IBasicType.class);
    }

    @Test
    void genericSelectionTypeIsSelectedExpressionType() {
        // the kernel's __unqual_scalar_typeof(x) pattern
        String code = """
                typedef unsigned char u8;
                const volatile u8 reg;
                struct page { int x; } *pg;
                typeof(_Generic((reg), char: (char)0, unsigned char: (unsigned char)0, default: (reg))) v;
                typeof(_Generic((pg), char: (char)0, default: (pg))) w;
                """;
        IASTTranslationUnit tu = parse(code);
        List<GenericSelectionExpression> gs = find(tu, GenericSelectionExpression.class);
        assertThat(text(gs.get(0).getSelectedExpression())).isEqualTo("(unsigned char)0");
        IType v = typeOf(tu, "v");
        assertThat(v).isInstanceOf(IBasicType.class); // unqualified unsigned char
        assertThat(((IBasicType) v).isUnsigned()).isTrue();
        assertThat(((IBasicType) v).getKind()).isEqualTo(IBasicType.Kind.eChar);
        assertThat(gs.get(1).getSelectedAssociation().isDefault()).isTrue();
        assertThat(typeOf(tu, "w")).isInstanceOf(IPointerType.class);
    }

    // ------------------------------------------------------------------ asm

    @Test
    void asmStatementKeepsOperandsClobbersAndQualifiers() {
        String stmt = "asm inline volatile(\"mov %1, %0\" : \"=r\"(y), \"+m\"(z) : [in] \"ir\"(x + 1) : \"cc\", \"memory\");";
        String code = "void f(int x) { int y, z = 0; " + stmt + " }";
        IASTTranslationUnit tu = parse(code);
        GnuAsmStatement asm = first(tu, GnuAsmStatement.class);
        assertRange(asm, code, stmt);
        assertThat(asm.isInline()).isTrue();
        assertThat(asm.isVolatile()).isTrue();
        assertThat(asm.isGoto()).isFalse();
        assertThat(asm.getTemplate()).isEqualTo("mov %1, %0");
        AsmOperand[] outs = asm.getOutputs();
        assertThat(outs).hasSize(2);
        assertThat(outs[0].getConstraint()).isEqualTo("=r");
        assertThat(outs[0].isOutput()).isTrue();
        assertThat(outs[0].isReadWrite()).isFalse();
        assertThat(text(outs[0].getExpression())).isEqualTo("y");
        assertThat(outs[0].getExpression()).isInstanceOf(IASTIdExpression.class);
        assertThat(outs[1].isReadWrite()).isTrue();
        assertThat(text(outs[1])).isEqualTo("\"+m\"(z)");
        AsmOperand[] ins = asm.getInputs();
        assertThat(ins).hasSize(1);
        assertThat(ins[0].getSymbolicName()).isEqualTo("in");
        assertThat(ins[0].getConstraint()).isEqualTo("ir");
        assertThat(text(ins[0].getExpression())).isEqualTo("x + 1");
        assertThat(asm.getClobbers()).containsExactly("cc", "memory");
        assertThat(asm.clobbersMemory()).isTrue();
        // operands are visited as ordinary expressions (writes/reads of the variables)
        List<String> ids = new ArrayList<>();
        asm.accept(new ASTVisitor() {
            {
                shouldVisitExpressions = true;
            }

            @Override
            public int visit(IASTExpression e) {
                if (e instanceof IASTIdExpression) ids.add(((IASTIdExpression) e).getName().toString());
                return PROCESS_CONTINUE;
            }
        });
        assertThat(ids).containsExactly("y", "z", "x");
        // the names resolve to the local variables
        IBinding y = ((IASTIdExpression) outs[0].getExpression()).getName().resolveBinding();
        assertThat(y).isInstanceOf(IVariable.class);
    }

    @Test
    void asmGotoKeepsLabelsAsJumpTargets() {
        String stmt = "asm volatile goto(\"1: jmp %l[out]\" : \"=r\"(r) : \"r\"(x) : \"memory\" : out, err);";
        String code = "int f(int x) { int r; " + stmt + " return r; out: return 1; err: return 2; }";
        IASTTranslationUnit tu = parse(code);
        GnuAsmStatement asm = first(tu, GnuAsmStatement.class);
        assertRange(asm, code, stmt);
        assertThat(asm.isGoto()).isTrue();
        assertThat(asm.getOutputs()).hasSize(1);
        assertThat(asm.getInputs()).hasSize(1);
        IASTName[] labels = asm.getGotoLabels();
        assertThat(labels).extracting(IASTName::toString).containsExactly("out", "err");
        assertThat(((ASTNode) labels[0]).getOffset()).isEqualTo(code.indexOf("out, err"));
        assertThat(text(labels[1])).isEqualTo("err");
        IBinding target = labels[0].resolveBinding();
        assertThat(target).isInstanceOf(ILabel.class);
        IASTLabelStatement outLabel = GnuAsmStatement.findLabel(labels[0]);
        assertThat(outLabel.getName().toString()).isEqualTo("out");
        assertThat(target).isSameAs(outLabel.getName().resolveBinding());
    }

    @Test
    void asmQualifiersInAnyOrderAndEmptySections() {
        String code = """
                void f(void) {
                    __asm__ __volatile__("" ::: "memory");
                    asm goto inline("jmp %l0" :::: done);
                    asm("nop");
                done:
                    ;
                }
                asm(".globl foo");
                """;
        IASTTranslationUnit tu = parse(code);
        List<GnuAsmStatement> all = find(tu, GnuAsmStatement.class);
        assertThat(all).hasSize(3);
        assertThat(all.get(0).getClobbers()).containsExactly("memory");
        assertThat(all.get(0).isVolatile()).isTrue();
        assertThat(all.get(1).isGoto()).isTrue();
        assertThat(all.get(1).isInline()).isTrue();
        assertThat(all.get(1).getGotoLabels()).hasSize(1);
        assertThat(all.get(2).isBasic()).isTrue();
        assertThat(all.get(2).getTemplate()).isEqualTo("nop");
        IASTDeclaration last = tu.getDeclarations()[1];
        assertThat(last).isInstanceOf(IASTASMDeclaration.class);
        assertThat(text(last)).isEqualTo("asm(\".globl foo\");");
    }

    // ------------------------------------------------------------------ _Static_assert

    @Test
    void staticAssertIsASkippableDeclaration() {
        String code = """
                _Static_assert(sizeof(int) == 4, "int is 32 bits");
                struct s { int a; _Static_assert(1, "in struct"); int b; };
                void f(void) { static_assert(2 > 1); int x = 0; (void)x; }
                """;
        IASTTranslationUnit tu = parse(code);
        List<StaticAssertDeclaration> all = find(tu, StaticAssertDeclaration.class);
        assertThat(all).hasSize(3);
        assertRange(all.get(0), code, "_Static_assert(sizeof(int) == 4, \"int is 32 bits\");");
        assertThat(text(all.get(0).getCondition())).isEqualTo("sizeof(int) == 4");
        assertThat(text(all.get(0).getMessage())).isEqualTo("\"int is 32 bits\"");
        assertThat(all.get(2).getMessage()).isNull();
        assertThat(all.get(2).getParent()).isInstanceOf(IASTDeclarationStatement.class);
        assertThat(tu.getDeclarations()[0]).isSameAs(all.get(0));
    }

    // ------------------------------------------------------------------ specifiers

    @Test
    void threadLocalNoreturnAndAddressSpacesAreKept() {
        String code = """
                _Thread_local int a;
                static __thread int b;
                int c;
                _Noreturn void die(void);
                static _Noreturn void die2(void);
                void _Noreturn die3(void);
                int __seg_gs *gp;
                extern __seg_fs int fsv;
                int * __seg_gs pg;
                """;
        IASTTranslationUnit tu = parse(code);
        assertThat(CExtensions.isThreadLocal(declSpec(tu, "a"))).isTrue();
        assertThat(CExtensions.isThreadLocal(declSpec(tu, "b"))).isTrue();
        assertThat(declSpec(tu, "b").getStorageClass()).isEqualTo(IASTDeclSpecifier.sc_static);
        assertThat(CExtensions.isThreadLocal(declSpec(tu, "c"))).isFalse();
        KeywordSpecifier k = CExtensions.keyword(declSpec(tu, "b"), KeywordSpecifier.Kind.THREAD_LOCAL);
        assertThat(k.getKeyword()).isEqualTo("__thread");
        assertThat(text(k)).isEqualTo("__thread");
        for (String f : new String[] {"die", "die2", "die3"}) {
            IASTDeclarator d = declarator(tu, f);
            assertThat(CExtensions.isNoreturn(CExtensions.declSpecifierOf(d), d)).as(f).isTrue();
            assertThat(CExtensions.isNoreturn(tu, (IFunction) d.getName().resolveBinding())).as(f).isTrue();
        }
        assertThat(CExtensions.addressSpace(declSpec(tu, "gp"))).isEqualTo("__seg_gs");
        assertThat(CExtensions.addressSpace(declSpec(tu, "fsv"))).isEqualTo("__seg_fs");
        IASTPointerOperator ptr = declarator(tu, "pg").getPointerOperators()[0];
        assertThat(CExtensions.addressSpace(ptr)).isEqualTo("__seg_gs");
        assertThat(text(ptr)).isEqualTo("* __seg_gs");
        assertThat(typeOf(tu, "gp")).isInstanceOf(IPointerType.class);
    }

    @Test
    void typeofUnqualDropsQualifiers() {
        String code = """
                const volatile int cv;
                const int carr[2];
                __typeof_unqual__(cv) u1;
                typeof_unqual(const int) u2;
                __typeof_unqual__(carr) u3;
                typeof(cv) q;
                """;
        IASTTranslationUnit tu = parse(code);
        assertThat(first(tu, TypeofUnqualExpression.class)).isNotNull();
        assertThat(text(first(tu, TypeofUnqualExpression.class))).isEqualTo("__typeof_unqual__(cv)");
        assertThat(isBasic(typeOf(tu, "u1"), IBasicType.Kind.eInt)).isTrue();
        assertThat(isBasic(typeOf(tu, "u2"), IBasicType.Kind.eInt)).isTrue();
        IType u3 = typeOf(tu, "u3");
        assertThat(u3).isInstanceOf(IArrayType.class);
        assertThat(((IArrayType) u3).getType()).isInstanceOf(IBasicType.class);
        assertThat(typeOf(tu, "q")).isInstanceOf(IQualifierType.class);
    }

    @Test
    void autoTypeTakesTheInitializersTypeAfterLvalueConversion() {
        String code = """
                int arr[4];
                double d;
                void f(void) {
                    __auto_type a = arr;
                    __auto_type b = d * 2;
                    const __auto_type c = 1;
                    __auto_type e = &d;
                    for (__auto_type i = 0L; i < 3; i++) { }
                }
                """;
        IASTTranslationUnit tu = parse(code);
        assertThat(declSpec(tu, "a")).isInstanceOf(AutoTypeDeclSpecifier.class);
        assertThat(((IASTSimpleDeclSpecifier) declSpec(tu, "a")).getType()).isEqualTo(IASTSimpleDeclSpecifier.t_auto);
        IType a = typeOf(tu, "a");
        assertThat(a).isInstanceOf(IPointerType.class);
        assertThat(isBasic(((IPointerType) a).getType(), IBasicType.Kind.eInt)).isTrue();
        assertThat(isBasic(typeOf(tu, "b"), IBasicType.Kind.eDouble)).isTrue();
        IType c = typeOf(tu, "c");
        assertThat(c).isInstanceOf(IQualifierType.class);
        assertThat(((IQualifierType) c).isConst()).isTrue();
        assertThat(typeOf(tu, "e")).isInstanceOf(IPointerType.class);
        IType i = typeOf(tu, "i");
        assertThat(((IBasicType) i).isLong()).isTrue();
        assertThat(((AutoTypeDeclSpecifier) declSpec(tu, "b")).getDeducedType()).isInstanceOf(IBasicType.class);
        assertThat(text(declSpec(tu, "c"))).isEqualTo("const __auto_type");
    }

    @Test
    void extendedTypesAndExtensionKeyword() {
        String code = """
                __extension__ typedef unsigned long long u64;
                unsigned __int128 wide;
                _Float128 q;
                _Float64 f64;
                __complex__ double z;
                struct s { __extension__ union { int a; float b; }; };
                int f(void) { __label__ again; int r = __extension__ ({ int t = 1; t; }); again: return r + (int)__real__ z + (int)__imag__ z; }
                """;
        IASTTranslationUnit tu = parse(code);
        IASTSimpleDeclSpecifier wide = (IASTSimpleDeclSpecifier) declSpec(tu, "wide");
        assertThat(wide.getType()).isEqualTo(IASTSimpleDeclSpecifier.t_int128);
        assertThat(wide.isUnsigned()).isTrue();
        assertThat(((IASTSimpleDeclSpecifier) declSpec(tu, "q")).getType()).isEqualTo(IASTSimpleDeclSpecifier.t_float128);
        assertThat(((IASTSimpleDeclSpecifier) declSpec(tu, "f64")).getType()).isEqualTo(IASTSimpleDeclSpecifier.t_double);
        assertThat(((IASTSimpleDeclSpecifier) declSpec(tu, "z")).isComplex()).isTrue();
        assertThat(text(tu.getDeclarations()[0])).startsWith("__extension__ typedef");
        List<ComplexPartExpression> parts = find(tu, ComplexPartExpression.class);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).isImaginaryPart()).isFalse();
        assertThat(text(parts.get(1))).isEqualTo("__imag__ z");
        assertThat(isBasic(parts.get(0).getExpressionType(), IBasicType.Kind.eDouble)).isTrue();
        LocalLabelDeclaration ll = first(tu, LocalLabelDeclaration.class);
        assertThat(ll.getNames()).extracting(IASTName::toString).containsExactly("again");
    }

    // ------------------------------------------------------------------ attributes

    @Test
    void statementAttributesBecomeAttributedNullStatements() {
        String code = """
                int f(int x) {
                    switch (x) {
                    case 1:
                        x++;
                        __attribute__((__fallthrough__));
                    case 2 ... 4:
                        x--;
                        [[fallthrough]];
                    default:
                        break;
                    }
                unused: __attribute__((unused));
                    return x;
                }
                """;
        IASTTranslationUnit tu = parse(code);
        List<IASTNullStatement> nulls = find(tu, IASTNullStatement.class);
        assertThat(nulls).hasSize(3);
        IASTNullStatement ft = nulls.get(0);
        assertThat(text(ft)).isEqualTo("__attribute__((__fallthrough__));");
        assertThat(ft.getAttributes()).extracting(a -> new String(a.getName())).containsExactly("__fallthrough__");
        assertThat(text(nulls.get(1))).isEqualTo("[[fallthrough]];");
        assertThat(nulls.get(1).getAttributeSpecifiers()[0]).isInstanceOf(StdAttributeList.class);
        IASTLabelStatement label = first(tu, IASTLabelStatement.class);
        assertThat(label.getNestedStatement()).isSameAs(nulls.get(2));
        assertThat(nulls.get(2).getAttributes()[0].getName()).isEqualTo("unused".toCharArray());
        IASTCaseStatement range = find(tu, IASTCaseStatement.class).get(1);
        assertThat(text(range)).isEqualTo("case 2 ... 4:");
    }

    @Test
    void c23AttributesAreParsedWhereGnuAttributesAre() {
        String code = """
                [[nodiscard]] int f(void);
                [[gnu::unused, deprecated("old")]] static int k;
                int *[[gnu::aligned(8)]] p;
                struct [[gnu::packed]] s { int a; };
                void g(void) { [[maybe_unused]] int local = 0; }
                int after [[maybe_unused]] = 1;
                int arr[3] [[gnu::unused]];
                int h(void) [[deprecated]];
                void prm([[maybe_unused]] int p, int q [[maybe_unused]]);
                """;
        IASTTranslationUnit tu = parse(code);
        IASTAttributeSpecifier[] specs = declSpec(tu, "k").getAttributeSpecifiers();
        assertThat(specs).hasSize(1);
        assertThat(specs[0]).isInstanceOf(StdAttributeList.class);
        IASTAttribute[] attrs = specs[0].getAttributes();
        assertThat(attrs).hasSize(2);
        assertThat(((StdAttribute) attrs[0]).getScope()).isEqualTo("gnu");
        assertThat(new String(attrs[0].getName())).isEqualTo("unused");
        assertThat(new String(attrs[1].getName())).isEqualTo("deprecated");
        assertThat(text(attrs[1])).isEqualTo("deprecated(\"old\")");
        assertThat(text(specs[0])).isEqualTo("[[gnu::unused, deprecated(\"old\")]]");
        assertThat(declarator(tu, "p").getPointerOperators()[0].getAttributes()).hasSize(1);
        IASTDeclarator after = declarator(tu, "after");
        assertThat(after.getAttributeSpecifiers()).hasSize(1);
        assertThat(text(after)).isEqualTo("after [[maybe_unused]] = 1");
        assertThat(declarator(tu, "arr").getAttributes()).extracting(a -> new String(a.getName())).containsExactly("unused");
        assertThat(((org.eclipse.cdt.core.dom.ast.IASTArrayDeclarator) declarator(tu, "arr")).getArrayModifiers()).hasSize(1);
        assertThat(declarator(tu, "h").getAttributes()).hasSize(1);
        assertThat(declarator(tu, "q").getAttributes()).hasSize(1);
    }

    // ------------------------------------------------------------------ designators

    @Test
    void nestedAndRangeDesignatorsAreDesignatorNodes() {
        String code = """
                struct in { int b; int x; };
                struct out { struct in a; int arr[5]; struct in xs[4]; };
                struct out o = { .a.b = 1, .arr[1 ... 3] = 7, .xs[3].x = 2 };
                struct in ins[4] = { [3].x = 2, [0 ... 1] = { 1, 2 } };
                """;
        IASTTranslationUnit tu = parse(code);
        List<ICASTDesignatedInitializer> inits = find(tu, ICASTDesignatedInitializer.class);
        assertThat(inits).hasSize(5);
        ICASTDesignator[] d0 = inits.get(0).getDesignators();
        assertThat(d0).hasSize(2);
        assertThat(((ICASTFieldDesignator) d0[0]).getName().toString()).isEqualTo("a");
        assertThat(((ICASTFieldDesignator) d0[1]).getName().toString()).isEqualTo("b");
        ICASTDesignator[] d1 = inits.get(1).getDesignators();
        assertThat(d1[0]).isInstanceOf(ICASTFieldDesignator.class);
        IGCCASTArrayRangeDesignator r = (IGCCASTArrayRangeDesignator) d1[1];
        assertThat(text(r.getRangeFloor())).isEqualTo("1");
        assertThat(text(r.getRangeCeiling())).isEqualTo("3");
        ICASTDesignator[] d2 = inits.get(2).getDesignators();
        assertThat(d2).hasSize(3);
        assertThat(text(((ICASTArrayDesignator) d2[1]).getSubscriptExpression())).isEqualTo("3");
        ICASTDesignator[] d3 = inits.get(3).getDesignators();
        assertThat(d3[0]).isInstanceOf(ICASTArrayDesignator.class);
        assertThat(d3[1]).isInstanceOf(ICASTFieldDesignator.class);
        assertThat(inits.get(4).getDesignators()[0]).isInstanceOf(IGCCASTArrayRangeDesignator.class);
        assertThat(inits.get(4).getOperand()).isInstanceOf(IASTInitializerList.class);
    }

    // ------------------------------------------------------------------ builtins

    @Test
    void builtinsTakingTypesAreNodes() {
        String code = """
                typedef __builtin_va_list va_list;
                struct in { int v[4]; };
                struct out { long pad; struct in inner; };
                unsigned long off = __builtin_offsetof(struct out, inner.v[2]);
                int same = __builtin_types_compatible_p(const int, int);
                int diff = __builtin_types_compatible_p(int, long);
                int sum(int n, ...) {
                    va_list ap;
                    __builtin_va_start(ap, n);
                    int x = __builtin_va_arg(ap, int);
                    __builtin_va_end(ap);
                    return x;
                }
                """;
        IASTTranslationUnit tu = parse(code);
        OffsetofExpression off = first(tu, OffsetofExpression.class);
        assertThat(text(off)).isEqualTo("__builtin_offsetof(struct out, inner.v[2])");
        assertThat(text(off.getTypeId())).isEqualTo("struct out");
        IASTNode[] members = off.getMembers();
        assertThat(members).hasSize(3);
        assertThat(members[0]).isInstanceOf(IASTName.class);
        assertThat(text(members[1])).isEqualTo("v");
        assertThat(members[2]).isInstanceOf(IASTExpression.class);
        IBinding inner = ((IASTName) members[0]).resolveBinding();
        assertThat(inner).isInstanceOf(IField.class);
        assertThat(((IField) ((IASTName) members[1]).resolveBinding()).getName()).isEqualTo("v");
        assertThat(((IBasicType) off.getExpressionType()).isUnsigned()).isTrue();

        List<TypesCompatibleExpression> tc = find(tu, TypesCompatibleExpression.class);
        assertThat(tc.get(0).isCompatible()).isTrue();
        assertThat(tc.get(1).isCompatible()).isFalse();

        VaArgExpression va = first(tu, VaArgExpression.class);
        assertThat(text(va)).isEqualTo("__builtin_va_arg(ap, int)");
        assertThat(text(va.getVaList())).isEqualTo("ap");
        assertThat(isBasic(va.getExpressionType(), IBasicType.Kind.eInt)).isTrue();
    }

    @Test
    void labelAtEndOfBlockAndDeclarationAfterLabel() {
        String code = "void f(int x) { if (x) goto out; x++; out: }\nvoid g(void) { l: int y = 1; (void)y; }";
        IASTTranslationUnit tu = parse(code);
        List<IASTLabelStatement> labels = find(tu, IASTLabelStatement.class);
        assertThat(labels).hasSize(2);
        assertThat(text(labels.get(0))).isEqualTo("out:");
        assertThat(labels.get(0).getNestedStatement()).isInstanceOf(IASTNullStatement.class);
        assertThat(labels.get(1).getNestedStatement()).isInstanceOf(IASTDeclarationStatement.class);
    }

    @Test
    void brokenInputLeavesProblemNodesWithoutThrowing() {
        String code = "int ok;\nint bad = ;\nint g = _Generic(;\nint ok2;\n"
                + "void f(void) { asm goto(:::); int ok3; __builtin_offsetof(; }\n";
        IASTTranslationUnit tu = CParser.parse("bad.c", code.toCharArray());
        assertThat(CParser.problems(tu)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(find(tu, IASTSimpleDeclaration.class)).extracting(d -> text(d))
                .contains("int ok;", "int ok2;", "int ok3;");
    }

    @Test
    void statementsAreNotMistakenForDeclarations() {
        String code = "typedef int T; int a, b; void f(void) { T * b; a * b; (void)a; }";
        IASTTranslationUnit tu = parse(code);
        List<IASTStatement> body = List.of(((org.eclipse.cdt.core.dom.ast.IASTCompoundStatement)
                ((org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition) tu.getDeclarations()[2]).getBody()).getStatements());
        assertThat(body.get(0)).isInstanceOf(IASTDeclarationStatement.class);
        assertThat(body.get(1)).isInstanceOf(org.eclipse.cdt.core.dom.ast.IASTExpressionStatement.class);
    }
}
