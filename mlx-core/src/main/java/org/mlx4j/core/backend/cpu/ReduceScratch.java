package org.mlx4j.core.backend.cpu;

import static org.mlx4j.core.backend.cpu.ElementAccess.F32;
import static org.mlx4j.core.backend.cpu.ElementAccess.F64;
import static org.mlx4j.core.backend.cpu.ElementAccess.I16;
import static org.mlx4j.core.backend.cpu.ElementAccess.I32;
import static org.mlx4j.core.backend.cpu.ElementAccess.I64;
import static org.mlx4j.core.backend.cpu.ElementAccess.I8;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.mlx4j.core.DType;

/**
 * Per-thread buffers of the reduction kernels, and the loaders that convert a strided run of any
 * dtype into a contiguous native buffer of a wide type (float32, float64 or int64), so that the
 * vector kernels only ever see contiguous float/double/long data. Kernels do not nest, so one set
 * of buffers per thread suffices.
 */
final class ReduceScratch {
    /** Elements per conversion piece (and the widest column tile). */
    static final int PIECE = 1024;

    private static final ThreadLocal<ReduceScratch> LOCAL = ThreadLocal.withInitial(ReduceScratch::new);

    /** Conversion buffer of {@link #PIECE} 8-byte elements (freed with the thread). */
    final MemorySegment buf = Arena.ofAuto().allocate(PIECE * 8L, 64);
    final float[] colF = new float[PIECE];
    final double[] colD = new double[PIECE];
    final long[] colL = new long[PIECE];
    final int[] colI = new int[PIECE];
    private float[] rowF = new float[0];
    private double[] rowD = new double[0];

    static ReduceScratch get() { return LOCAL.get(); }

    /** A float row buffer of at least {@code n} elements. */
    float[] rowF(int n) {
        if (rowF.length < n) rowF = new float[Math.max(n, rowF.length * 2)];
        return rowF;
    }

    /** A double row buffer of at least {@code n} elements. */
    double[] rowD(int n) {
        if (rowD.length < n) rowD = new double[Math.max(n, rowD.length * 2)];
        return rowD;
    }

    /** Writes {@code n <= PIECE} elements of {@code t} (float kinds) at {@code off + i*stride} into buf as float32. */
    MemorySegment loadFloats(MemorySegment s, DType t, long off, long stride, int n) {
        MemorySegment d = buf;
        switch (t) {
            case FLOAT32 -> {
                if (stride == 1) MemorySegment.copy(s, off * 4, d, 0, n * 4L);
                else for (int i = 0; i < n; i++) d.setAtIndex(F32, i, s.getAtIndex(F32, off + i * stride));
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) d.setAtIndex(F32, i, Float.float16ToFloat(s.getAtIndex(I16, off + i * stride)));
            }
            case BFLOAT16 -> {
                for (int i = 0; i < n; i++) d.setAtIndex(I32, i, (s.getAtIndex(I16, off + i * stride) & 0xffff) << 16);
            }
            default -> throw new IllegalArgumentException("not a float32-accumulated dtype: " + t.mlxName());
        }
        return d;
    }

    /** Writes {@code n <= PIECE} float64 elements at {@code off + i*stride} into buf. */
    MemorySegment loadDoubles(MemorySegment s, long off, long stride, int n) {
        MemorySegment d = buf;
        if (stride == 1) MemorySegment.copy(s, off * 8, d, 0, n * 8L);
        else for (int i = 0; i < n; i++) d.setAtIndex(F64, i, s.getAtIndex(F64, off + i * stride));
        return d;
    }

    /**
     * Writes {@code n <= PIECE} integer or bool elements at {@code off + i*stride} into buf as int64,
     * sign- or zero-extended as the dtype says (uint64 is copied bit for bit).
     */
    MemorySegment loadLongs(MemorySegment s, DType t, long off, long stride, int n) {
        MemorySegment d = buf;
        switch (t) {
            case BOOL -> { for (int i = 0; i < n; i++) d.setAtIndex(I64, i, s.getAtIndex(I8, off + i * stride) != 0 ? 1 : 0); }
            case UINT8 -> { for (int i = 0; i < n; i++) d.setAtIndex(I64, i, s.getAtIndex(I8, off + i * stride) & 0xffL); }
            case INT8 -> { for (int i = 0; i < n; i++) d.setAtIndex(I64, i, s.getAtIndex(I8, off + i * stride)); }
            case UINT16 -> { for (int i = 0; i < n; i++) d.setAtIndex(I64, i, s.getAtIndex(I16, off + i * stride) & 0xffffL); }
            case INT16 -> { for (int i = 0; i < n; i++) d.setAtIndex(I64, i, s.getAtIndex(I16, off + i * stride)); }
            case UINT32 -> { for (int i = 0; i < n; i++) d.setAtIndex(I64, i, s.getAtIndex(I32, off + i * stride) & 0xffffffffL); }
            case INT32 -> { for (int i = 0; i < n; i++) d.setAtIndex(I64, i, s.getAtIndex(I32, off + i * stride)); }
            case INT64, UINT64 -> {
                if (stride == 1) MemorySegment.copy(s, off * 8, d, 0, n * 8L);
                else for (int i = 0; i < n; i++) d.setAtIndex(I64, i, s.getAtIndex(I64, off + i * stride));
            }
            default -> throw new IllegalArgumentException("not an integer dtype: " + t.mlxName());
        }
        return d;
    }
}
