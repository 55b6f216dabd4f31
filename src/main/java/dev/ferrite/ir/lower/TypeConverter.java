package dev.ferrite.ir.lower;

import dev.ferrite.ir.CType;
import dev.ferrite.ir.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.IASTAttribute;
import org.eclipse.cdt.core.dom.ast.IASTAttributeOwner;
import org.eclipse.cdt.core.dom.ast.IASTAttributeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTCompositeTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFieldDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IArrayType;
import org.eclipse.cdt.core.dom.ast.IBasicType;
import org.eclipse.cdt.core.dom.ast.ICompositeType;
import org.eclipse.cdt.core.dom.ast.IEnumeration;
import org.eclipse.cdt.core.dom.ast.IFunctionType;
import org.eclipse.cdt.core.dom.ast.IPointerType;
import org.eclipse.cdt.core.dom.ast.IQualifierType;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.core.dom.ast.ITypedef;
import org.eclipse.cdt.core.dom.ast.IValue;
import org.eclipse.cdt.core.dom.ast.c.ICArrayType;

/** Converts CDT types to {@link CType}, computing struct layouts under LP64 (packed and aligned honoured). */
final class TypeConverter {
    private final Map<IType, CType> cache = new IdentityHashMap<>();
    private final Map<ICompositeType, CType.Struct> structs = new IdentityHashMap<>();
    final ConstEval consts = new ConstEval(this);

    CType convert(IType t) {
        if (t == null) return CType.INT;
        CType c = cache.get(t);
        if (c != null) return c;
        c = doConvert(t);
        cache.put(t, c);
        return c;
    }

    private CType doConvert(IType t) {
        if (t instanceof ITypedef td) return convert(td.getType());
        if (t instanceof IQualifierType q) return convert(q.getType());
        if (t instanceof org.eclipse.cdt.core.dom.ast.c.ICQualifierType q) return convert(q.getType());
        if (t instanceof IBasicType b) return basic(b);
        if (t instanceof IPointerType p) return new CType.Ptr(convert(p.getType()));
        if (t instanceof IArrayType a) {
            CType elem = convert(a.getType());
            long len = -1;
            IValue v = a.getSize();
            if (v != null && v.numberValue() != null) len = v.numberValue().longValue();
            boolean vla = a instanceof ICArrayType ca && ca.isVariableLength();
            if (len < 0 && !vla && a instanceof org.eclipse.cdt.internal.core.dom.parser.c.CArrayType ca
                    && ca.getArraySizeExpression() != null) {
                // A dimension CDT does not fold because it leaves sizeof to the target
                // (`unsigned long rdseed[32 / sizeof(long)]`): our own evaluator, as for every constant.
                Long n = consts.eval(ca.getArraySizeExpression());
                if (n != null && n >= 0) len = n;
            }
            return new CType.Array(elem, vla ? -1 : len, vla);
        }
        if (t instanceof ICompositeType ct) return struct(ct);
        if (t instanceof IEnumeration) return CType.UINT;
        if (t instanceof IFunctionType f) {
            List<CType> ps = new ArrayList<>();
            for (IType p : f.getParameterTypes()) ps.add(CType.decay(convert(p)));
            if (ps.size() == 1 && ps.get(0) instanceof CType.Void) ps.clear();
            return new CType.Func(convert(f.getReturnType()), ps, f.takesVarArgs());
        }
        return CType.INT; // problem types: the analysis treats the value as an unknown integer
    }

    private static CType basic(IBasicType b) {
        boolean uns = b.isUnsigned();
        switch (b.getKind()) {
            case eVoid:
                return CType.VOID;
            case eBoolean:
                return CType.BOOL;
            case eChar:
                return uns ? CType.UCHAR : CType.CHAR;
            case eChar16:
                return CType.USHORT;
            case eChar32:
            case eWChar:
                return CType.INT;
            case eFloat:
                return b.isComplex() ? CType.DOUBLE : CType.FLOAT;
            case eDouble:
                if (b.isLong()) return CType.LDOUBLE;
                return b.isComplex() ? new CType.Float(16, "complex double") : CType.DOUBLE;
            case eFloat128:
            case eDecimal128:
                return CType.LDOUBLE;
            case eInt128:
                return uns ? new CType.Int(16, false, "unsigned __int128") : CType.INT128;
            case eInt:
            case eUnspecified:
            default:
                if (b.isShort()) return uns ? CType.USHORT : CType.SHORT;
                if (b.isLongLong()) return uns ? CType.ULLONG : CType.LLONG;
                if (b.isLong()) return uns ? CType.ULONG : CType.LONG;
                return uns ? CType.UINT : CType.INT;
        }
    }

    /**
     * Records the struct and union definitions of the unit by tag, so that a reference through a
     * forward declaration or a prototype-scope tag finds its layout without CDT searching the unit.
     */
    void registerDefinitions(org.eclipse.cdt.core.dom.ast.IASTDeclaration[] decls) {
        for (org.eclipse.cdt.core.dom.ast.IASTDeclaration d : decls) {
            if (d instanceof IASTSimpleDeclaration sd) registerSpec(sd.getDeclSpecifier());
        }
    }

    private void registerSpec(org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier spec) {
        if (!(spec instanceof IASTCompositeTypeSpecifier cs)) return;
        String name = cs.getName().toString();
        if (!name.isEmpty()) definitions.putIfAbsent(cs.getKey() + ":" + name, cs);
        for (org.eclipse.cdt.core.dom.ast.IASTDeclaration m : cs.getMembers()) {
            if (m instanceof IASTSimpleDeclaration sd) registerSpec(sd.getDeclSpecifier());
        }
    }

    private final Map<String, IASTCompositeTypeSpecifier> definitions = new java.util.HashMap<>();
    private final Map<String, CType.Struct> byTag = new java.util.HashMap<>();

    CType.Struct struct(ICompositeType ct) {
        CType.Struct s = structs.get(ct);
        if (s != null) return s;
        String name = ct.getName();
        if (name != null && !name.isEmpty()) {
            String tag = ct.getKey() + ":" + name;
            CType.Struct known = byTag.get(tag);
            if (known != null) {
                structs.put(ct, known);
                cache.put(ct, known);
                return known;
            }
            IASTCompositeTypeSpecifier def = definitions.get(tag);
            s = new CType.Struct(name, ct.getKey() == ICompositeType.k_union);
            structs.put(ct, s);
            cache.put(ct, s);
            byTag.put(tag, s);
            if (def != null && def.getName().resolveBinding() instanceof ICompositeType defType) {
                structs.put(defType, s);
                cache.put(defType, s);
                layout(defType, s);
            } else if (specifierOf(ct) != null) {
                layout(ct, s); // defined in a block scope
            }
            return s;
        }
        s = new CType.Struct(name == null || name.isEmpty() ? "<anonymous>" : name, ct.getKey() == ICompositeType.k_union);
        structs.put(ct, s);
        cache.put(ct, s);
        layout(ct, s);
        return s;
    }

    /** Structs whose layout is being computed: a field holding one of them by value would close a cycle. */
    private final java.util.Set<CType.Struct> layingOut = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private void layout(ICompositeType ct, CType.Struct s) {
        layingOut.add(s);
        try {
            layoutFields(ct, s);
        } finally {
            layingOut.remove(s);
        }
    }

    /**
     * {@code t}, unless it holds (directly or as array elements) a struct still being laid out: C forbids
     * that (the struct is incomplete there), but two definitions of one tag in broken code make CDT
     * accept it, and a struct that contains itself by value would send every walk over fields into
     * endless recursion. Such a field gets an incomplete struct of the same name instead.
     */
    private CType notCyclic(CType t) {
        if (t instanceof CType.Array a) {
            CType e = notCyclic(a.elem());
            return e == a.elem() ? t : new CType.Array(e, a.length(), a.vla());
        }
        if (t instanceof CType.Struct st && layingOut.contains(st)) return new CType.Struct(st.name(), st.isUnion());
        return t;
    }

    private void layoutFields(ICompositeType ct, CType.Struct s) {
        org.eclipse.cdt.core.dom.ast.IField[] fs;
        try {
            fs = ct.getFields();
        } catch (RuntimeException e) {
            return;
        }
        IASTCompositeTypeSpecifier spec = specifierOf(ct);
        if (spec == null && fs.length == 0) return; // incomplete type: size unknown
        boolean packed = spec != null && hasAttr(spec, "packed", null);
        long structAlign = spec != null ? alignedAttr(spec) : 0;
        List<Field> out = new ArrayList<>();
        long offset = 0;
        long bitPos = 0; // next free bit within the struct, for bit-fields
        long maxAlign = 1;
        long maxSize = 0;
        for (org.eclipse.cdt.core.dom.ast.IField f : fs) {
            CType ft = notCyclic(convert(f.getType()));
            int bits = -1;
            long fieldAlign = 0;
            IASTDeclarator d = declaratorOf(f);
            if (d instanceof IASTFieldDeclarator fd && fd.getBitFieldSize() != null) {
                bits = (int) consts.evalOr(fd.getBitFieldSize(), 0);
            }
            if (d != null) {
                readGuard(s, f.getName(), d);
                fieldAlign = alignedAttr(d);
                IASTNode parent = d.getParent();
                if (parent instanceof IASTSimpleDeclaration sd) {
                    fieldAlign = Math.max(fieldAlign, alignedAttr(sd.getDeclSpecifier()));
                    if (hasAttr(sd.getDeclSpecifier(), "packed", null) || hasAttr(d, "packed", null)) fieldAlign = Math.max(fieldAlign, 1);
                }
            }
            long size = Math.max(0, ft.size());
            long align = packed ? 1 : CType.alignOf(ft);
            if (fieldAlign > 0) align = Math.max(packed ? 1 : align, fieldAlign);
            if (s.isUnion()) {
                out.add(new Field(f.getName(), ft, 0, bits));
                maxSize = Math.max(maxSize, bits >= 0 ? (bits + 7) / 8 : size);
                maxAlign = Math.max(maxAlign, align);
                continue;
            }
            if (bits >= 0) {
                long unitBits = Math.max(8, size * 8);
                if (bits == 0) {
                    bitPos = (bitPos + unitBits - 1) / unitBits * unitBits;
                    continue;
                }
                if (!packed && (bitPos % unitBits) + bits > unitBits) bitPos = (bitPos + unitBits - 1) / unitBits * unitBits;
                long storage = packed ? bitPos / 8 : (bitPos / unitBits) * (unitBits / 8);
                out.add(new Field(f.getName(), ft, storage, bits));
                bitPos += bits;
                offset = (bitPos + 7) / 8;
                maxAlign = Math.max(maxAlign, align);
                continue;
            }
            offset = Math.max(offset, (bitPos + 7) / 8);
            offset = alignUp(offset, align);
            out.add(new Field(f.getName(), ft, offset, -1));
            offset += size;
            bitPos = offset * 8;
            maxAlign = Math.max(maxAlign, align);
        }
        if (structAlign > 0) maxAlign = Math.max(maxAlign, structAlign);
        long total = s.isUnion() ? maxSize : Math.max(offset, (bitPos + 7) / 8);
        total = alignUp(total, maxAlign);
        s.define(out, total);
    }

    private static long alignUp(long v, long a) {
        return a <= 1 ? v : (v + a - 1) / a * a;
    }

    private static final java.lang.reflect.Field DEFINITION;

    static {
        java.lang.reflect.Field f;
        try {
            f = org.eclipse.cdt.internal.core.dom.parser.c.CStructure.class.getDeclaredField("definition");
            f.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            f = null;
        }
        DEFINITION = f;
    }

    /** The definition CDT already knows for this binding, without asking it to search the unit. */
    private static IASTCompositeTypeSpecifier specifierOf(ICompositeType ct) {
        if (ct instanceof org.eclipse.cdt.internal.core.dom.parser.c.CStructure cs) {
            IASTName def;
            try {
                def = DEFINITION != null ? (IASTName) DEFINITION.get(cs) : cs.getDefinition() instanceof IASTName n ? n : null;
            } catch (IllegalAccessException e) {
                def = null;
            }
            if (def != null && def.getParent() instanceof IASTCompositeTypeSpecifier spec) return spec;
        }
        return null;
    }

    private static IASTDeclarator declaratorOf(org.eclipse.cdt.core.dom.ast.IField f) {
        if (f instanceof org.eclipse.cdt.internal.core.dom.parser.c.ICInternalBinding ib) {
            IASTNode n = ib.getPhysicalNode();
            if (n instanceof IASTName name && name.getParent() instanceof IASTDeclarator d) return d;
        }
        return null;
    }

    /** Clang's guarded_by / pt_guarded_by on a field (the kernel's __guarded_by, __pt_guarded_by). */
    private static void readGuard(CType.Struct s, String field, IASTDeclarator d) {
        List<dev.ferrite.ir.Attr> as = new ArrayList<>(Lowering.attrs(d));
        if (d.getParent() instanceof IASTSimpleDeclaration sd) as.addAll(Lowering.attrs(sd.getDeclSpecifier()));
        for (dev.ferrite.ir.Attr a : as) {
            boolean pt = a.name().equals("pt_guarded_by");
            if ((pt || a.name().equals("guarded_by")) && !a.args().isEmpty()) s.guard(field, new CType.Struct.Guard(a.strArg(0), pt));
        }
    }

    static boolean hasAttr(IASTNode owner, String name, List<IASTAttribute> out) {
        if (!(owner instanceof IASTAttributeOwner ao)) return false;
        for (IASTAttributeSpecifier spec : ao.getAttributeSpecifiers()) {
            if (!(spec instanceof org.eclipse.cdt.core.dom.ast.IASTAttributeList list)) continue;
            for (IASTAttribute a : list.getAttributes()) {
                if (dev.ferrite.ir.Attr.normalize(String.valueOf(a.getName())).equals(name)) {
                    if (out != null) out.add(a);
                    else return true;
                }
            }
        }
        return out != null && !out.isEmpty();
    }

    private static long alignedAttr(IASTNode owner) {
        List<IASTAttribute> as = new ArrayList<>();
        if (!hasAttr(owner, "aligned", as)) return 0;
        long best = 0;
        for (IASTAttribute a : as) {
            if (a.getArgumentClause() == null) {
                best = Math.max(best, 16);
                continue;
            }
            Long v = ConstEval.parseIntTokens(a.getArgumentClause());
            best = Math.max(best, v == null ? 8 : v);
        }
        return best;
    }
}
