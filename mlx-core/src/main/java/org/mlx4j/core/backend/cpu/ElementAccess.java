package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.mlx4j.core.DType;

/**
 * Scalar reads and writes of any dtype at an element index, for the generic (slow) kernel paths,
 * conversions and tests. Fast paths use the Vector API directly instead.
 * COMPLEX64 elements read and write their real part here; see {@link #getImag}.
 */
public final class ElementAccess {
    private ElementAccess() {}

    static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /** The element at {@code index} (in elements) as a double; unsigned types read unsigned. */
    public static double getDouble(MemorySegment s, DType t, long index) {
        return switch (t) {
            case BOOL -> s.getAtIndex(I8, index) != 0 ? 1 : 0;
            case UINT8 -> s.getAtIndex(I8, index) & 0xff;
            case UINT16 -> s.getAtIndex(I16, index) & 0xffff;
            case UINT32 -> Integer.toUnsignedLong(s.getAtIndex(I32, index));
            case UINT64 -> unsignedToDouble(s.getAtIndex(I64, index));
            case INT8 -> s.getAtIndex(I8, index);
            case INT16 -> s.getAtIndex(I16, index);
            case INT32 -> s.getAtIndex(I32, index);
            case INT64 -> s.getAtIndex(I64, index);
            case FLOAT16 -> HalfFloats.f16ToFloat(s.getAtIndex(I16, index));
            case BFLOAT16 -> HalfFloats.bf16ToFloat(s.getAtIndex(I16, index));
            case FLOAT32 -> s.getAtIndex(F32, index);
            case FLOAT64 -> s.getAtIndex(F64, index);
            case COMPLEX64 -> s.getAtIndex(F32, 2 * index);
        };
    }

    /** Imaginary part of a COMPLEX64 element (0 for every other type). */
    public static float getImag(MemorySegment s, DType t, long index) {
        return t == DType.COMPLEX64 ? s.getAtIndex(F32, 2 * index + 1) : 0f;
    }

    /** The element at {@code index} as a long (floats truncate toward zero, as a C cast does). */
    public static long getLong(MemorySegment s, DType t, long index) {
        return switch (t) {
            case BOOL -> s.getAtIndex(I8, index) != 0 ? 1 : 0;
            case UINT8 -> s.getAtIndex(I8, index) & 0xff;
            case UINT16 -> s.getAtIndex(I16, index) & 0xffff;
            case UINT32 -> Integer.toUnsignedLong(s.getAtIndex(I32, index));
            case UINT64, INT64 -> s.getAtIndex(I64, index);
            case INT8 -> s.getAtIndex(I8, index);
            case INT16 -> s.getAtIndex(I16, index);
            case INT32 -> s.getAtIndex(I32, index);
            default -> (long) getDouble(s, t, index);
        };
    }

    /** Stores {@code v} converted to {@code t} (floats to integers truncate toward zero; bool is v != 0). */
    public static void setDouble(MemorySegment s, DType t, long index, double v) {
        switch (t) {
            case BOOL -> s.setAtIndex(I8, index, (byte) (v != 0 ? 1 : 0));
            case UINT8, INT8 -> s.setAtIndex(I8, index, (byte) (long) v);
            case UINT16, INT16 -> s.setAtIndex(I16, index, (short) (long) v);
            case UINT32, INT32 -> s.setAtIndex(I32, index, (int) (long) v);
            case INT64 -> s.setAtIndex(I64, index, (long) v);
            case UINT64 -> s.setAtIndex(I64, index, doubleToUnsigned(v));
            case FLOAT16 -> s.setAtIndex(I16, index, HalfFloats.floatToF16((float) v));
            case BFLOAT16 -> s.setAtIndex(I16, index, HalfFloats.floatToBf16((float) v));
            case FLOAT32 -> s.setAtIndex(F32, index, (float) v);
            case FLOAT64 -> s.setAtIndex(F64, index, v);
            case COMPLEX64 -> {
                s.setAtIndex(F32, 2 * index, (float) v);
                s.setAtIndex(F32, 2 * index + 1, 0f);
            }
        }
    }

    /** Stores a COMPLEX64 element. */
    public static void setComplex(MemorySegment s, long index, float re, float im) {
        s.setAtIndex(F32, 2 * index, re);
        s.setAtIndex(F32, 2 * index + 1, im);
    }

    /** Stores {@code v} converted to {@code t}, exactly for every integer type. */
    public static void setLong(MemorySegment s, DType t, long index, long v) {
        switch (t) {
            case BOOL -> s.setAtIndex(I8, index, (byte) (v != 0 ? 1 : 0));
            case UINT8, INT8 -> s.setAtIndex(I8, index, (byte) v);
            case UINT16, INT16 -> s.setAtIndex(I16, index, (short) v);
            case UINT32, INT32 -> s.setAtIndex(I32, index, (int) v);
            case UINT64, INT64 -> s.setAtIndex(I64, index, v);
            default -> setDouble(s, t, index, v);
        }
    }

    static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    static long doubleToUnsigned(double v) {
        if (v < 0x1p63) return (long) v;
        return (long) (v - 0x1p63) ^ Long.MIN_VALUE;
    }
}
