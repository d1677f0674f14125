package org.mlx4j.core.backend.cpu;

import static org.mlx4j.core.backend.cpu.ElementAccess.F32;
import static org.mlx4j.core.backend.cpu.ElementAccess.F64;
import static org.mlx4j.core.backend.cpu.ElementAccess.I16;
import static org.mlx4j.core.backend.cpu.ElementAccess.I32;
import static org.mlx4j.core.backend.cpu.ElementAccess.I64;
import static org.mlx4j.core.backend.cpu.ElementAccess.I8;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
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

    private static final ByteOrder NO = ByteOrder.nativeOrder();
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    /** As many 16-bit lanes as {@link #IS} has int lanes. */
    private static final VectorSpecies<Short> HS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(IS.vectorBitSize() / 2));

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
                int i = stride == 1 ? widenF16(s, off, d, n) : 0;
                for (; i < n; i++) d.setAtIndex(F32, i, Float.float16ToFloat(s.getAtIndex(I16, off + i * stride)));
            }
            case BFLOAT16 -> {
                int i = stride == 1 ? widenBf16(s, off, d, n) : 0;
                for (; i < n; i++) d.setAtIndex(I32, i, (s.getAtIndex(I16, off + i * stride) & 0xffff) << 16);
            }
            default -> throw new IllegalArgumentException("not a float32-accumulated dtype: " + t.mlxName());
        }
        return d;
    }

    /**
     * float16 to float32 in vector lanes for the leading whole vectors of {@code n} contiguous
     * elements; returns how many were converted. Moving the exponent and mantissa bits into place
     * and multiplying by 2^112 rebiases normal numbers and renormalises subnormal ones exactly;
     * infinities and NaNs get the all-ones exponent explicitly.
     */
    private static int widenF16(MemorySegment s, long off, MemorySegment d, int n) {
        int i = 0;
        for (int ub = HS.loopBound(n); i < ub; i += HS.length()) {
            IntVector x = (IntVector) ShortVector.fromMemorySegment(HS, s, (off + i) * 2, NO)
                    .convertShape(VectorOperators.S2I, IS, 0);
            IntVector em = x.and(0x7fff).lanewise(VectorOperators.LSHL, 13);
            IntVector scaled = em.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
            VectorMask<Integer> special = x.and(0x7c00).compare(VectorOperators.EQ, 0x7c00);
            IntVector sign = x.and(0x8000).lanewise(VectorOperators.LSHL, 16);
            scaled.blend(em.or(0x7f800000), special).or(sign).intoMemorySegment(d, i * 4L, NO);
        }
        return i;
    }

    /** bfloat16 to float32 (the upper half of the float's bits) in vector lanes; returns how many. */
    private static int widenBf16(MemorySegment s, long off, MemorySegment d, int n) {
        int i = 0;
        for (int ub = HS.loopBound(n); i < ub; i += HS.length()) {
            ((IntVector) ShortVector.fromMemorySegment(HS, s, (off + i) * 2, NO).convertShape(VectorOperators.S2I, IS, 0))
                    .lanewise(VectorOperators.LSHL, 16).intoMemorySegment(d, i * 4L, NO);
        }
        return i;
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
