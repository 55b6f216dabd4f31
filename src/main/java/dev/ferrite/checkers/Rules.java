package dev.ferrite.checkers;

import dev.ferrite.report.Rule;

/** The warning IDs of the memory-safety checkers; stable, they appear as {@code -Wferrite-<id>} and in SARIF. */
public final class Rules {
    private Rules() {
    }

    public static final Rule USE_AFTER_FREE = new Rule("use-after-free", 416, "use after free",
            "Memory is read, written or passed on after it was released; Rust's borrow checker rejects any use of a moved or dropped value.");
    public static final Rule DOUBLE_FREE = new Rule("double-free", 415, "double free",
            "An object is released twice (also: kfree of memory a device owns through devm_*); in Rust, drop runs exactly once.");
    public static final Rule FREE_NON_HEAP = new Rule("free-nonheap", 590, "free of memory not on the heap",
            "free() of a stack, static or string-literal address; Rust only drops what it owns.");
    public static final Rule FREE_OFFSET = new Rule("free-not-at-start", 761, "free of a pointer not at the start of its buffer",
            "The pointer released is not the one the allocator returned.");
    public static final Rule NULL_DEREF = new Rule("null-dereference", 476, "NULL pointer dereference",
            "A pointer that is NULL (or an ERR_PTR) on some path is dereferenced; Rust has no null references, Option must be checked.");
    public static final Rule NULL_RETURN = new Rule("null-return-dereference", 690, "unchecked NULL from a function that may fail",
            "The result of an allocator or other function that may return NULL is dereferenced without a check.");
    public static final Rule LEAK = new Rule("leak", 401, "memory leak",
            "Allocated memory is neither released nor handed on before the last reference to it is lost; Rust drops it for you.");
    public static final Rule HANDLE_LEAK = new Rule("handle-leak", 775, "file or descriptor never closed",
            "A FILE or file descriptor is not closed on some path.");
    public static final Rule DOUBLE_CLOSE = new Rule("double-close", 675, "resource closed twice",
            "A FILE or file descriptor is closed twice.");
    public static final Rule MISSING_RELEASE = new Rule("missing-release", 772, "resource not released",
            "What a driver acquires (an IRQ, a registration, an enabled clock, a mapping...) is not released on an error path, "
                    + "or by the callback that undoes it (remove, module exit); in Rust, the Registration's Drop does it.");
    public static final Rule UNINIT = new Rule("uninitialized", 457, "use of uninitialized value",
            "A value is used before anything was written to it; Rust requires every variable to be initialized before use.");
    public static final Rule UNINIT_DISCLOSED = new Rule("uninitialized-disclosure", 908, "uninitialized memory copied out",
            "Bytes that were never written (fields left unset, padding) are copied to user space or another untrusted reader: "
                    + "an information leak. Rust will not let a partly initialized value be read.");

    // Bounds (issue 4): one checker class per rule; see Bounds for what they share.
    public static final Rule STACK_OVERFLOW = new Rule("stack-buffer-overflow", 121, "out-of-bounds write on the stack",
            "A write past the end of a local array or stack block; Rust checks every index and slice.");
    public static final Rule STATIC_OVERFLOW = new Rule("static-buffer-overflow", 787, "out-of-bounds write to static storage",
            "A write past the end of a global or static array; Rust checks every index and slice.");
    public static final Rule HEAP_OVERFLOW = new Rule("heap-buffer-overflow", 122, "out-of-bounds write on the heap",
            "A write past the end of an allocated buffer; Rust checks every index and slice.");
    public static final Rule UNDERWRITE = new Rule("buffer-underwrite", 124, "write before the start of a buffer",
            "A write at a negative offset from the start of an object.");
    public static final Rule OVERREAD = new Rule("buffer-overread", 126, "read past the end of a buffer",
            "A read past the end of an object (also a string without its terminator inside the object).");
    public static final Rule UNDERREAD = new Rule("buffer-underread", 127, "read before the start of a buffer",
            "A read at a negative offset from the start of an object.");
    public static final Rule ALLOC_TOO_SMALL = new Rule("allocation-too-small", 131, "allocation too small for what is stored in it",
            "A buffer allocated for a string's length without room for its terminator, or otherwise smaller than the data copied into it.");
    public static final Rule SIZEOF_POINTER = new Rule("sizeof-pointer", 467, "sizeof of a pointer where the object was meant",
            "An allocation sized with sizeof of a pointer is used for data of another size.");
    public static final Rule POINTER_SUBTRACTION = new Rule("pointer-subtraction", 469, "subtraction of pointers into different objects",
            "The difference of pointers into two different objects means nothing; Rust has no pointer arithmetic across objects.");
}
