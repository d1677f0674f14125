package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.mlx4j.core.DType;

/**
 * Element type conversion of contiguous runs, as MLX's {@code astype}:
 * <ul>
 * <li>to BOOL: {@code x != 0} (a complex value is true when either part is non-zero, NaN is true);</li>
 * <li>from BOOL: 0 or 1;</li>
 * <li>integer to integer: two's-complement wrap to the target width (int64 and uint64 keep their bits);</li>
 * <li>float to signed integer: truncation toward zero with Java's cast rules, so NaN gives 0 and
 *     out-of-range values saturate at the int32 (for int8, int16 and int32, which then wrap to the
 *     target width) or int64 bounds; C leaves those cases undefined;</li>
 * <li>float to unsigned integer: truncation toward zero through int64, then wrap (-1.0 gives 255
 *     for uint8); uint64 takes values of 2^63 and more exactly;</li>
 * <li>integer to float: correctly rounded (to nearest, ties to even) from the exact integer,
 *     uint64 included; float64 and integers to float16/bfloat16 round once, not via float32;</li>
 * <li>complex to real: the real part; real to complex: imaginary part 0.</li>
 * </ul>
 * Float and double carrier blocks are stored by {@code CopyWriteFloat} / {@code CopyWriteDouble},
 * generated from one template.
 */
final class CopyConvert {
    private CopyConvert() {}

    /** Elements per carrier block in the generic path. */
    private static final int BLOCK = 512;

    private static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /** Converts {@code n} consecutive elements of type {@code from} at byte {@code sb} to {@code to} at {@code db}. */
    static void convert(DType from, MemorySegment src, long sb, DType to, MemorySegment dst, long db, long n) {
        if (n <= 0) return;
        if (from == to) {
            MemorySegment.copy(src, sb, dst, db, n * from.size());
            return;
        }
        switch (from) {
            case FLOAT32 -> {
                switch (to) {
                    case FLOAT16 -> { CopyVectorConversions.f32ToF16(src, sb, dst, db, n); return; }
                    case BFLOAT16 -> { CopyVectorConversions.f32ToBf16(src, sb, dst, db, n); return; }
                    case FLOAT64 -> { CopyVectorConversions.f32ToF64(src, sb, dst, db, n); return; }
                    case INT32 -> { CopyVectorConversions.f32ToI32(src, sb, dst, db, n); return; }
                    default -> { }
                }
            }
            case FLOAT16 -> {
                if (to == DType.FLOAT32) { CopyVectorConversions.f16ToF32(src, sb, dst, db, n); return; }
            }
            case BFLOAT16 -> {
                if (to == DType.FLOAT32) { CopyVectorConversions.bf16ToF32(src, sb, dst, db, n); return; }
            }
            case FLOAT64 -> {
                if (to == DType.FLOAT32) { CopyVectorConversions.f64ToF32(src, sb, dst, db, n); return; }
            }
            case INT32 -> {
                if (to == DType.FLOAT32) { CopyVectorConversions.i32ToF32(src, sb, dst, db, n); return; }
            }
            default -> { }
        }
        generic(from, src, sb, to, dst, db, n);
    }

    /** Converts through a carrier block: long for integers and bool, double for float64, float otherwise. */
    private static void generic(DType from, MemorySegment src, long sb, DType to, MemorySegment dst, long db, long n) {
        int len = (int) Math.min(BLOCK, n);
        int fs = from.size(), ts = to.size();
        if (from == DType.COMPLEX64 && to == DType.BOOL) {
            for (long i = 0; i < n; i++) {
                boolean nz = src.get(F32, sb + 8 * i) != 0 || src.get(F32, sb + 8 * i + 4) != 0;
                dst.set(I8, db + i, (byte) (nz ? 1 : 0));
            }
        } else if (from == DType.BOOL || from.isInteger()) {
            long[] buf = new long[len];
            for (long b = 0; b < n; b += BLOCK) {
                int m = (int) Math.min(BLOCK, n - b);
                readLongs(from, src, sb + b * fs, buf, m);
                writeLongs(to, from == DType.UINT64, buf, m, dst, db + b * ts);
            }
        } else if (from == DType.FLOAT64) {
            double[] buf = new double[len];
            for (long b = 0; b < n; b += BLOCK) {
                int m = (int) Math.min(BLOCK, n - b);
                for (int k = 0; k < m; k++) buf[k] = src.get(F64, sb + (b + k) * 8);
                CopyWriteDouble.write(to, buf, m, dst, db + b * ts);
            }
        } else {
            float[] buf = new float[len];
            for (long b = 0; b < n; b += BLOCK) {
                int m = (int) Math.min(BLOCK, n - b);
                readFloats(from, src, sb + b * fs, buf, m);
                CopyWriteFloat.write(to, buf, m, dst, db + b * ts);
            }
        }
    }

    private static void readLongs(DType from, MemorySegment s, long off, long[] buf, int m) {
        switch (from) {
            case BOOL -> { for (int k = 0; k < m; k++) buf[k] = s.get(I8, off + k) != 0 ? 1 : 0; }
            case UINT8 -> { for (int k = 0; k < m; k++) buf[k] = s.get(I8, off + k) & 0xff; }
            case INT8 -> { for (int k = 0; k < m; k++) buf[k] = s.get(I8, off + k); }
            case UINT16 -> { for (int k = 0; k < m; k++) buf[k] = s.get(I16, off + 2L * k) & 0xffff; }
            case INT16 -> { for (int k = 0; k < m; k++) buf[k] = s.get(I16, off + 2L * k); }
            case UINT32 -> { for (int k = 0; k < m; k++) buf[k] = s.get(I32, off + 4L * k) & 0xffffffffL; }
            case INT32 -> { for (int k = 0; k < m; k++) buf[k] = s.get(I32, off + 4L * k); }
            case UINT64, INT64 -> { for (int k = 0; k < m; k++) buf[k] = s.get(I64, off + 8L * k); }
            default -> throw new IllegalStateException(from.mlxName());
        }
    }

    private static void readFloats(DType from, MemorySegment s, long off, float[] buf, int m) {
        switch (from) {
            case FLOAT16 -> { for (int k = 0; k < m; k++) buf[k] = HalfFloats.f16ToFloat(s.get(I16, off + 2L * k)); }
            case BFLOAT16 -> { for (int k = 0; k < m; k++) buf[k] = HalfFloats.bf16ToFloat(s.get(I16, off + 2L * k)); }
            case FLOAT32 -> { for (int k = 0; k < m; k++) buf[k] = s.get(F32, off + 4L * k); }
            case COMPLEX64 -> { for (int k = 0; k < m; k++) buf[k] = s.get(F32, off + 8L * k); }
            default -> throw new IllegalStateException(from.mlxName());
        }
    }

    static void writeLongs(DType to, boolean unsigned, long[] buf, int m, MemorySegment d, long off) {
        switch (to) {
            case BOOL -> { for (int k = 0; k < m; k++) d.set(I8, off + k, (byte) (buf[k] != 0 ? 1 : 0)); }
            case UINT8, INT8 -> { for (int k = 0; k < m; k++) d.set(I8, off + k, (byte) buf[k]); }
            case UINT16, INT16 -> { for (int k = 0; k < m; k++) d.set(I16, off + 2L * k, (short) buf[k]); }
            case UINT32, INT32 -> { for (int k = 0; k < m; k++) d.set(I32, off + 4L * k, (int) buf[k]); }
            case UINT64, INT64 -> { for (int k = 0; k < m; k++) d.set(I64, off + 8L * k, buf[k]); }
            case FLOAT16 -> {
                for (int k = 0; k < m; k++) d.set(I16, off + 2L * k, HalfFloats.floatToF16(toFloatOdd(buf[k], unsigned)));
            }
            case BFLOAT16 -> {
                for (int k = 0; k < m; k++) d.set(I16, off + 2L * k, HalfFloats.floatToBf16(toFloatOdd(buf[k], unsigned)));
            }
            case FLOAT32 -> { for (int k = 0; k < m; k++) d.set(F32, off + 4L * k, toFloat(buf[k], unsigned)); }
            case FLOAT64 -> { for (int k = 0; k < m; k++) d.set(F64, off + 8L * k, toDouble(buf[k], unsigned)); }
            case COMPLEX64 -> {
                for (int k = 0; k < m; k++) {
                    d.set(F32, off + 8L * k, toFloat(buf[k], unsigned));
                    d.set(F32, off + 8L * k + 4, 0f);
                }
            }
        }
    }

    /** float or double to uint64: values of 2^63 and more keep their top bit; smaller ones go through int64. */
    static long toUnsigned64(double v) {
        if (v >= 0x1p63) return (long) (v - 0x1p63) ^ Long.MIN_VALUE;
        return (long) v;
    }

    /** Correctly rounded integer to float; {@code unsigned} reads {@code v} as uint64. */
    static float toFloat(long v, boolean unsigned) {
        if (!unsigned || v >= 0) return v;
        return 2f * (float) ((v >>> 1) | (v & 1)); // the sticky low bit keeps ties honest
    }

    /** Correctly rounded integer to double; {@code unsigned} reads {@code v} as uint64. */
    static double toDouble(long v, boolean unsigned) {
        if (!unsigned || v >= 0) return v;
        return 2.0 * (double) ((v >>> 1) | (v & 1));
    }

    /**
     * Rounds to float with round-to-odd: an inexact result gets an odd last bit. Rounding that float
     * again to a format at least two bits narrower (float16, bfloat16) then equals one correct rounding.
     */
    static float toFloatOdd(double d) {
        float f = (float) d;
        if ((double) f == d || Float.isInfinite(f) || Double.isNaN(d)) return f;
        if ((Float.floatToRawIntBits(f) & 1) == 0) f = (double) f < d ? Math.nextUp(f) : Math.nextDown(f);
        return f;
    }

    /** Round-to-odd of an integer (uint64 when {@code unsigned}), see {@link #toFloatOdd(double)}. */
    static float toFloatOdd(long v, boolean unsigned) {
        if (unsigned && v < 0) return 2f * toFloatOdd((v >>> 1) | (v & 1), false);
        float f = v;
        boolean above; // f > v
        if (f == 0x1p63f) above = true; // no int64 equals 2^63
        else {
            long back = (long) f;
            if (back == v) return f;
            above = back > v;
        }
        if ((Float.floatToRawIntBits(f) & 1) == 0) f = above ? Math.nextDown(f) : Math.nextUp(f);
        return f;
    }
}
