package dev.ferrite.ir;

/** A struct or union member with its byte offset (bit-fields: the offset of their storage unit). */
public record Field(String name, CType type, long offset, int bitWidth) {
    @Override
    public String toString() {
        return name;
    }
}
