package dev.ferrite.analysis;

import dev.ferrite.frontend.SourcePos;

/**
 * The lifetime state of an object that must be released: heap memory, a FILE, a file descriptor.
 * {@code family} names its allocator family ("malloc", "kmalloc", "file", "fd", ...); it decides the
 * messages and which CWE a leak or a double release gets.
 */
public record Resource(String family, Status status, SourcePos allocPos, String allocFn, SourcePos freePos, String freeFn,
                       boolean fromInput) {
    public enum Status {
        /** Live and owned by this function (or by whoever it returns it to). */
        ALLOCATED,
        /** Released: any further use or release is a bug. */
        FREED,
        /** Handed to code we cannot see (stored in unknown memory, passed to an unknown function). */
        ESCAPED,
        /** Owned by a device (devm_*): released automatically, must not be released by hand. */
        MANAGED
    }

    public Resource withStatus(Status s, SourcePos pos, String fn) {
        return new Resource(family, s, allocPos, allocFn, s == Status.FREED ? pos : freePos, s == Status.FREED ? fn : freeFn, fromInput);
    }

    public boolean isFile() {
        return family.equals("file") || family.equals("fd");
    }
}
