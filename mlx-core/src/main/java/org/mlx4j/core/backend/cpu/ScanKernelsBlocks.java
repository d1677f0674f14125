package org.mlx4j.core.backend.cpu;

import static org.mlx4j.core.backend.cpu.ElementAccess.F32;
import static org.mlx4j.core.backend.cpu.ElementAccess.F64;
import static org.mlx4j.core.backend.cpu.ElementAccess.I16;
import static org.mlx4j.core.backend.cpu.ElementAccess.I32;
import static org.mlx4j.core.backend.cpu.ElementAccess.I64;
import static org.mlx4j.core.backend.cpu.ElementAccess.I8;

import java.lang.foreign.MemorySegment;
import org.mlx4j.core.DType;

/**
 * Typed block transfers between strided runs of a segment and primitive Java arrays, converting
 * dtypes on the way: {@code n} elements at {@code off + i * stride} (in elements). The natural
 * pairings (float32/float16/bfloat16 with float[], float64 with double[], integers with long[])
 * have tight loops; other pairings go through {@link ElementAccess}. Shared by the scan, sort,
 * gather and scatter kernels.
 */
final class ScanKernelsBlocks {
    private ScanKernelsBlocks() {}

    static void readFloats(MemorySegment s, DType t, long off, long stride, float[] d, int at, int n) {
        switch (t) {
            case FLOAT32 -> {
                if (stride == 1) MemorySegment.copy(s, F32, off * 4, d, at, n);
                else for (int i = 0; i < n; i++) d[at + i] = s.getAtIndex(F32, off + i * stride);
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) d[at + i] = Float.float16ToFloat(s.getAtIndex(I16, off + i * stride));
            }
            case BFLOAT16 -> {
                for (int i = 0; i < n; i++) d[at + i] = Float.intBitsToFloat(s.getAtIndex(I16, off + i * stride) << 16);
            }
            default -> {
                for (int i = 0; i < n; i++) d[at + i] = (float) ElementAccess.getDouble(s, t, off + i * stride);
            }
        }
    }

    static void readDoubles(MemorySegment s, DType t, long off, long stride, double[] d, int at, int n) {
        switch (t) {
            case FLOAT64 -> {
                if (stride == 1) MemorySegment.copy(s, F64, off * 8, d, at, n);
                else for (int i = 0; i < n; i++) d[at + i] = s.getAtIndex(F64, off + i * stride);
            }
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) d[at + i] = s.getAtIndex(F32, off + i * stride);
            }
            default -> {
                for (int i = 0; i < n; i++) d[at + i] = ElementAccess.getDouble(s, t, off + i * stride);
            }
        }
    }

    /** Integers read exactly (unsigned ones zero-extended, uint64 as raw bits); floats truncate toward zero. */
    static void readLongs(MemorySegment s, DType t, long off, long stride, long[] d, int at, int n) {
        switch (t) {
            case INT64, UINT64 -> {
                if (stride == 1) MemorySegment.copy(s, I64, off * 8, d, at, n);
                else for (int i = 0; i < n; i++) d[at + i] = s.getAtIndex(I64, off + i * stride);
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) d[at + i] = s.getAtIndex(I32, off + i * stride);
            }
            case UINT32 -> {
                for (int i = 0; i < n; i++) d[at + i] = s.getAtIndex(I32, off + i * stride) & 0xffffffffL;
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) d[at + i] = s.getAtIndex(I16, off + i * stride);
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) d[at + i] = s.getAtIndex(I16, off + i * stride) & 0xffff;
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) d[at + i] = s.getAtIndex(I8, off + i * stride);
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) d[at + i] = s.getAtIndex(I8, off + i * stride) & 0xff;
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) d[at + i] = s.getAtIndex(I8, off + i * stride) != 0 ? 1 : 0;
            }
            default -> {
                for (int i = 0; i < n; i++) d[at + i] = ElementAccess.getLong(s, t, off + i * stride);
            }
        }
    }

    static void writeFloats(MemorySegment s, DType t, long off, long stride, float[] v, int at, int n) {
        switch (t) {
            case FLOAT32 -> {
                if (stride == 1) MemorySegment.copy(v, at, s, F32, off * 4, n);
                else for (int i = 0; i < n; i++) s.setAtIndex(F32, off + i * stride, v[at + i]);
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) s.setAtIndex(I16, off + i * stride, Float.floatToFloat16(v[at + i]));
            }
            case BFLOAT16 -> {
                for (int i = 0; i < n; i++) s.setAtIndex(I16, off + i * stride, HalfFloats.floatToBf16(v[at + i]));
            }
            default -> {
                for (int i = 0; i < n; i++) ElementAccess.setDouble(s, t, off + i * stride, v[at + i]);
            }
        }
    }

    static void writeDoubles(MemorySegment s, DType t, long off, long stride, double[] v, int at, int n) {
        if (t == DType.FLOAT64) {
            if (stride == 1) MemorySegment.copy(v, at, s, F64, off * 8, n);
            else for (int i = 0; i < n; i++) s.setAtIndex(F64, off + i * stride, v[at + i]);
        } else {
            for (int i = 0; i < n; i++) ElementAccess.setDouble(s, t, off + i * stride, v[at + i]);
        }
    }

    /** Integers wrap to the dtype's width; bool stores {@code v != 0}. */
    static void writeLongs(MemorySegment s, DType t, long off, long stride, long[] v, int at, int n) {
        switch (t) {
            case INT64, UINT64 -> {
                if (stride == 1) MemorySegment.copy(v, at, s, I64, off * 8, n);
                else for (int i = 0; i < n; i++) s.setAtIndex(I64, off + i * stride, v[at + i]);
            }
            case INT32, UINT32 -> {
                for (int i = 0; i < n; i++) s.setAtIndex(I32, off + i * stride, (int) v[at + i]);
            }
            case INT16, UINT16 -> {
                for (int i = 0; i < n; i++) s.setAtIndex(I16, off + i * stride, (short) v[at + i]);
            }
            case INT8, UINT8 -> {
                for (int i = 0; i < n; i++) s.setAtIndex(I8, off + i * stride, (byte) v[at + i]);
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) s.setAtIndex(I8, off + i * stride, (byte) (v[at + i] != 0 ? 1 : 0));
            }
            default -> {
                for (int i = 0; i < n; i++) ElementAccess.setLong(s, t, off + i * stride, v[at + i]);
            }
        }
    }

    /** Wraps each value to {@code t}'s width and signedness, as a C cast to that type would. */
    static void narrowLongs(long[] v, int at, int n, DType t) {
        switch (t) {
            case INT32 -> { for (int i = at; i < at + n; i++) v[i] = (int) v[i]; }
            case UINT32 -> { for (int i = at; i < at + n; i++) v[i] &= 0xffffffffL; }
            case INT16 -> { for (int i = at; i < at + n; i++) v[i] = (short) v[i]; }
            case UINT16 -> { for (int i = at; i < at + n; i++) v[i] &= 0xffff; }
            case INT8 -> { for (int i = at; i < at + n; i++) v[i] = (byte) v[i]; }
            case UINT8 -> { for (int i = at; i < at + n; i++) v[i] &= 0xff; }
            case BOOL -> { for (int i = at; i < at + n; i++) v[i] = v[i] != 0 ? 1 : 0; }
            default -> { }
        }
    }

    /** Copies {@code n} raw elements of {@code bytes} bytes each between strided runs (no conversion). */
    static void copyRaw(MemorySegment src, long srcOff, long srcStride, MemorySegment dst, long dstOff, long dstStride,
                        int n, int bytes) {
        if (srcStride == 1 && dstStride == 1) {
            MemorySegment.copy(src, srcOff * bytes, dst, dstOff * bytes, (long) n * bytes);
            return;
        }
        switch (bytes) {
            case 1 -> { for (int i = 0; i < n; i++) dst.set(I8, dstOff + i * dstStride, src.get(I8, srcOff + i * srcStride)); }
            case 2 -> { for (int i = 0; i < n; i++) dst.setAtIndex(I16, dstOff + i * dstStride, src.getAtIndex(I16, srcOff + i * srcStride)); }
            case 4 -> { for (int i = 0; i < n; i++) dst.setAtIndex(I32, dstOff + i * dstStride, src.getAtIndex(I32, srcOff + i * srcStride)); }
            default -> { for (int i = 0; i < n; i++) dst.setAtIndex(I64, dstOff + i * dstStride, src.getAtIndex(I64, srcOff + i * srcStride)); }
        }
    }

    /** {@code dst[dstOff + i] = src[base + pos[i] * stride]} for i in [0, n), as raw elements. */
    static void gatherRaw(MemorySegment src, long base, long stride, long[] pos, MemorySegment dst, long dstOff,
                          int n, int bytes) {
        switch (bytes) {
            case 1 -> { for (int i = 0; i < n; i++) dst.set(I8, dstOff + i, src.get(I8, base + pos[i] * stride)); }
            case 2 -> { for (int i = 0; i < n; i++) dst.setAtIndex(I16, dstOff + i, src.getAtIndex(I16, base + pos[i] * stride)); }
            case 4 -> { for (int i = 0; i < n; i++) dst.setAtIndex(I32, dstOff + i, src.getAtIndex(I32, base + pos[i] * stride)); }
            default -> { for (int i = 0; i < n; i++) dst.setAtIndex(I64, dstOff + i, src.getAtIndex(I64, base + pos[i] * stride)); }
        }
    }

    /** Copies one raw element. */
    static void copyElement(MemorySegment src, long srcIndex, MemorySegment dst, long dstIndex, int bytes) {
        switch (bytes) {
            case 1 -> dst.set(I8, dstIndex, src.get(I8, srcIndex));
            case 2 -> dst.setAtIndex(I16, dstIndex, src.getAtIndex(I16, srcIndex));
            case 4 -> dst.setAtIndex(I32, dstIndex, src.getAtIndex(I32, srcIndex));
            default -> dst.setAtIndex(I64, dstIndex, src.getAtIndex(I64, srcIndex));
        }
    }
}
