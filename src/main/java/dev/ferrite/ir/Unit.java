package dev.ferrite.ir;

import dev.ferrite.frontend.SourcePos;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One translation unit in IR form: the functions its main file defines (lowered eagerly), the
 * functions its headers define (lowered only when asked for), globals and function declarations.
 */
public final class Unit {
    /** Lowers a function defined in a header, on demand. */
    public interface LazyLowering {
        Function lower(String name);
    }

    /** A function whose lowering failed; the rest of the unit is still usable. */
    public record Problem(String function, SourcePos pos, String message) {
    }

    private final String path;
    private final String mainFile;
    private final List<Function> functions = new ArrayList<>();
    private final Map<String, Function> byName = new HashMap<>();
    /** The first main-file function of each name (calls resolve through it once per call and state). */
    private final Map<String, Function> firstMainByName = new HashMap<>();
    private final Map<String, FunctionDecl> decls = new LinkedHashMap<>();
    private final Map<String, Global> globals = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final java.util.Set<String> headerDefined = new java.util.HashSet<>();
    private LazyLowering lazy;
    /** Set once the parsed tree is let go: header functions not lowered by then have no body here. */
    private boolean released;
    private int mainFunctionCount;

    public Unit(String path, String mainFile) {
        this.path = path;
        this.mainFile = mainFile;
    }

    /** The file given on the command line (a .c or .i). */
    public String path() {
        return path;
    }

    /** The source file this unit was compiled from (from the first line marker for .i files). */
    public String mainFile() {
        return mainFile;
    }

    /** Functions defined in the main file, in source order. */
    public List<Function> functions() {
        return Collections.unmodifiableList(functions);
    }

    public void addFunction(Function f) {
        functions.add(f);
        byName.put(f.name(), f);
        firstMainByName.putIfAbsent(f.name(), f);
    }

    /** The first function of that name the main file defines, or null. */
    public Function mainFunction(String name) {
        return firstMainByName.get(name);
    }

    /** A function defined in this unit, lowered on demand if a header defines it; null if not defined here. */
    public Function function(String name) {
        Function f = byName.get(name);
        if (f == null && lazy != null && !byName.containsKey(name)) {
            f = lazy.lower(name);
            byName.put(name, f);
        }
        return f;
    }

    /** Whether this unit has a body for the function (in the main file or a header). */
    public boolean defines(String name) {
        Function f = byName.get(name);
        return f != null || headerDefined.contains(name);
    }

    /**
     * Lowers every header function the main file's functions reach (calls and addresses, transitively,
     * in the order the analysis asks for them) and those the globals' initializers or aliases name, then
     * lets go of the lowering and with it the parsed tree and text: a run keeps every unit until its
     * analysis, and the tree is most of a unit's memory. Header functions not lowered by then stay
     * known as defined ({@link #defines}) but have no body ({@link #function} gives null).
     */
    public void lowerReachableAndRelease() {
        if (lazy == null) return;
        lowerReachable(new ArrayList<>(functions));
        List<Function> named = new ArrayList<>();
        for (Global g : globals.values()) {
            for (Global.Init i : g.inits()) {
                if (i.value() instanceof Operand.FuncRef r) addHeaderFunction(r.name(), named);
            }
        }
        for (FunctionDecl d : decls.values()) {
            for (Attr a : d.attrs()) {
                if (a.name().equals("alias") && a.strArg(0) != null) addHeaderFunction(a.strArg(0), named);
            }
        }
        lowerReachable(named);
        lazy = null;
        released = true;
    }

    private void addHeaderFunction(String name, List<Function> out) {
        if (isMainFunction(name) || !defines(name)) return;
        Function h = function(name);
        if (h != null) out.add(h);
    }

    /** Depth first from the given functions, as {@code analysis.Program} walks a unit's functions. */
    private void lowerReachable(List<Function> from) {
        java.util.Deque<Function> work = new java.util.ArrayDeque<>(from);
        java.util.Set<Function> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.addAll(from);
        while (!work.isEmpty()) {
            Function f = work.pop();
            for (String callee : References.functions(f)) {
                if (isMainFunction(callee) || !defines(callee)) continue;
                Function h = function(callee);
                if (h != null && seen.add(h)) work.push(h);
            }
        }
    }

    private boolean isMainFunction(String name) {
        return firstMainByName.containsKey(name);
    }

    /** True when the header defines the function but it was not lowered before the tree was released. */
    public boolean bodyReleased(String name) {
        return released && headerDefined.contains(name) && !byName.containsKey(name);
    }

    public void setLazyLowering(LazyLowering l, List<String> headerFunctions) {
        this.lazy = l;
        headerDefined.clear();
        headerDefined.addAll(headerFunctions);
    }

    public Map<String, FunctionDecl> decls() {
        return decls;
    }

    public FunctionDecl decl(String name) {
        return decls.get(name);
    }

    public Map<String, Global> globals() {
        return globals;
    }

    public List<Problem> problems() {
        return problems;
    }

    public int mainFunctionCount() {
        return mainFunctionCount;
    }

    public void setMainFunctionCount(int n) {
        mainFunctionCount = n;
    }
}
