package dev.ferrite.ir;

import java.util.ArrayList;
import java.util.List;

/** A basic block: straight-line instructions and one terminator. */
public final class Block {
    private int id;
    private final List<Instr> instrs = new ArrayList<>();
    private final List<Block> preds = new ArrayList<>();
    private Terminator term;
    private boolean loopHead;

    public Block(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public List<Instr> instrs() {
        return instrs;
    }

    public Terminator terminator() {
        return term;
    }

    public void setTerminator(Terminator t) {
        this.term = t;
    }

    public List<Block> successors() {
        return term == null ? List.of() : term.successors();
    }

    public List<Block> predecessors() {
        return preds;
    }

    /** True when some edge into this block closes a loop (set by {@link Function#finish()}). */
    public boolean isLoopHead() {
        return loopHead;
    }

    void renumber(int newId) {
        id = newId;
    }

    void setLoopHead(boolean v) {
        loopHead = v;
    }

    @Override
    public String toString() {
        return "B" + id;
    }
}
