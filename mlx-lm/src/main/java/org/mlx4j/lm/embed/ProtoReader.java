package org.mlx4j.lm.embed;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over protocol-buffer wire format (varints, fixed 32/64-bit values, length-delimited fields) in a
 * memory segment: enough to walk an ONNX {@code ModelProto} without its generated classes.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final MemorySegment data;
    private long position;
    private int tag;

    ProtoReader(MemorySegment data) {
        this.data = data;
    }

    /** Moves to the next field; false at the end of the message. */
    boolean next() {
        if (position >= data.byteSize()) return false;
        tag = (int) readVarint();
        return true;
    }

    int field() { return tag >>> 3; }

    int wireType() { return tag & 7; }

    long varint() {
        expect(VARINT);
        return readVarint();
    }

    /** The current length-delimited field's bytes, as a slice of the underlying segment (no copy). */
    MemorySegment bytes() {
        expect(LENGTH_DELIMITED);
        long length = readVarint();
        if (length < 0 || position + length > data.byteSize()) {
            throw new IllegalArgumentException("ONNX: truncated field " + field() + " (" + length + " bytes at offset "
                    + position + " of " + data.byteSize() + ")");
        }
        MemorySegment slice = data.asSlice(position, length);
        position += length;
        return slice;
    }

    ProtoReader message() { return new ProtoReader(bytes()); }

    String string() { return new String(bytes().toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8); }

    float fixed32Float() {
        expect(FIXED32);
        float v = data.get(ValueLayout.JAVA_FLOAT_UNALIGNED, position);
        position += 4;
        return v;
    }

    /** Appends the current field's integers to {@code out}: one varint, or a packed run of them. */
    void varints(LongList out) {
        if (wireType() == LENGTH_DELIMITED) {
            ProtoReader packed = new ProtoReader(bytes());
            while (packed.position < packed.data.byteSize()) out.add(packed.readVarint());
        } else {
            out.add(varint());
        }
    }

    /** Skips the current field's value. */
    void skip() {
        switch (wireType()) {
            case VARINT -> readVarint();
            case FIXED64 -> position += 8;
            case LENGTH_DELIMITED -> bytes();
            case FIXED32 -> position += 4;
            default -> throw new IllegalArgumentException("ONNX: unsupported protobuf wire type " + wireType()
                    + " (field " + field() + ") at offset " + position);
        }
    }

    private void expect(int wireType) {
        if (wireType() != wireType) {
            throw new IllegalArgumentException("ONNX: field " + field() + " has wire type " + wireType() + ", expected "
                    + wireType);
        }
    }

    private long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= data.byteSize()) throw new IllegalArgumentException("ONNX: truncated varint at " + position);
            byte b = data.get(ValueLayout.JAVA_BYTE, position++);
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) return result;
        }
        throw new IllegalArgumentException("ONNX: malformed varint at offset " + position);
    }

    /** A growable list of longs. */
    static final class LongList {
        private long[] values = new long[8];
        private int size;

        void add(long v) {
            if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        long[] toArray() { return java.util.Arrays.copyOf(values, size); }
    }
}
