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
    private final Map<String, FunctionDecl> decls = new LinkedHashMap<>();
    private final Map<String, Global> globals = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final java.util.Set<String> headerDefined = new java.util.HashSet<>();
    private LazyLowering lazy;
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
