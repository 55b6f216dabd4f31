package dev.ferrite.ir;

import dev.ferrite.frontend.SourcePos;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A function lowered to a control-flow graph. */
public final class Function {
    private final FunctionDecl decl;
    private final String file;
    private final SourcePos pos;
    private final SourcePos endPos;
    private final List<Var> params;
    private final List<Var> vars;
    private final List<Block> blocks = new ArrayList<>();
    private final Block entry;
    private final Map<Var, Global> staticLocals;

    public Function(FunctionDecl decl, String file, SourcePos pos, SourcePos endPos, List<Var> params, List<Var> vars,
                    Block entry, List<Block> allBlocks, Map<Var, Global> staticLocals) {
        this.decl = decl;
        this.file = file;
        this.pos = pos;
        this.endPos = endPos;
        this.params = List.copyOf(params);
        this.vars = List.copyOf(vars);
        this.entry = entry;
        this.staticLocals = staticLocals;
        finish(allBlocks);
    }

    public String name() {
        return decl.name();
    }

    public FunctionDecl decl() {
        return decl;
    }

    /** The original source file the body is written in. */
    public String file() {
        return file;
    }

    public SourcePos pos() {
        return pos;
    }

    /** The closing brace: where locals go out of scope and leaks at the end of the function are reported. */
    public SourcePos endPos() {
        return endPos;
    }

    public List<Var> params() {
        return params;
    }

    /** Every local, parameter and temporary. */
    public List<Var> vars() {
        return vars;
    }

    public Block entry() {
        return entry;
    }

    /** Blocks reachable from the entry, in reverse post-order. */
    public List<Block> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    /** {@code static} locals of this function, which live in static storage. */
    public Map<Var, Global> staticLocals() {
        return staticLocals;
    }

    public int instructionCount() {
        int n = 0;
        for (Block b : blocks) n += b.instrs().size() + 1;
        return n;
    }

    /** Keeps the reachable blocks in reverse post-order, renumbers them, fills predecessors and loop heads. */
    private void finish(List<Block> all) {
        Map<Block, Integer> state = new IdentityHashMap<>(); // 1 = on stack, 2 = done
        List<Block> post = new ArrayList<>();
        Set<Block> loopHeads = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        // each frame keeps its block's successors: asking again at every step is quadratic for a big switch
        stack.push(new Object[] {entry, 0, entry.successors()});
        state.put(entry, 1);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Block b = (Block) top[0];
            int i = (Integer) top[1];
            @SuppressWarnings("unchecked")
            List<Block> succ = (List<Block>) top[2];
            if (i < succ.size()) {
                top[1] = i + 1;
                // Last successor first: a loop's exit is then numbered after its body, so an analysis
                // that works in this order finishes a loop before it looks past it.
                Block s = succ.get(succ.size() - 1 - i);
                Integer st = state.get(s);
                if (st == null) {
                    state.put(s, 1);
                    stack.push(new Object[] {s, 0, s.successors()});
                } else if (st == 1) {
                    loopHeads.add(s);
                }
            } else {
                state.put(b, 2);
                post.add(b);
                stack.pop();
            }
        }
        Collections.reverse(post);
        Set<Block> reachable = new HashSet<>(post);
        for (Block b : all) b.predecessors().clear();
        int id = 0;
        for (Block b : post) {
            blocks.add(b);
            b.setLoopHead(loopHeads.contains(b));
        }
        for (Block b : post) {
            // b is added to each successor once (a branch may name one block twice), without searching
            // the successor's predecessors: the exit of a big switch has thousands
            Set<Block> done = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Block s : b.successors()) {
                if (reachable.contains(s) && done.add(s)) s.predecessors().add(b);
            }
        }
        for (Block b : blocks) b.renumber(id++);
    }

    private Map<Block, java.util.Set<Var>> liveIn;

    /** Register variables whose value may still be read at the start of the block (computed once). */
    public java.util.Set<Var> liveIn(Block b) {
        if (liveIn == null) liveIn = Liveness.compute(this);
        java.util.Set<Var> s = liveIn.get(b);
        return s == null ? java.util.Set.of() : s;
    }

    @Override
    public String toString() {
        return name();
    }
}
