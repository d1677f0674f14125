package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.DType;

/**
 * A few rows of {@code x} times {@code W.T} with {@code W [N, K]} in bfloat16 or float16, rows contiguous
 * (a half-precision model's decode step: {@code x @ W.T} with the weight as stored), reading each 2-byte
 * weight once: a vector of halves is widened to float32 in registers (bfloat16: a shift; float16:
 * {@link BinaryHalf#f16ToF32}) and multiplied into one float32 sum per row of {@code x}; the sums are
 * rounded to the output's dtype once, as the float32 product the general path computes would be. Rows
 * of {@code W} go to {@link Parallel}.
 */
final class HalfMatvec {
    private HalfMatvec() {}

    /** The most rows of {@code x} this path takes; more rows are a matrix product, for GEMM. */
    static final int MAX_ROWS = 8;

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    /** Half as wide as {@link #FS}: one vector of halves widens to one vector of floats. */
    private static final VectorSpecies<Short> HS = VectorSpecies.of(short.class, VectorShape.forBitSize(FS.vectorBitSize() / 2));
    private static final int LANES = FS.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final ValueLayout.OfShort H = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(NATIVE);

    /**
     * {@code out = a @ b} when this path applies: {@code out} bfloat16 or float16 with one matrix of at most
     * {@link #MAX_ROWS} rows, and {@code b} the transpose of a row-major {@code W} (its {@code K} axis of
     * stride 1). Returns false, doing nothing, otherwise.
     */
    static boolean tryMatmul(StridedView a, StridedView b, StridedView out) {
        DType t = out.dtype();
        int nd = out.ndim();
        if (t != DType.BFLOAT16 && t != DType.FLOAT16 || nd < 2 || a.dtype() != t || b.dtype() != t) return false;
        int m = out.shape()[nd - 2], n = out.shape()[nd - 1], k = a.shape()[nd - 1];
        if (m > MAX_ROWS || out.size() != (long) m * n || k < LANES) return false;
        long kStride = b.strides()[nd - 2], rowStride = n == 1 ? k : b.strides()[nd - 1];
        if (kStride != 1 || rowStride < k) return false;
        float[][] xs = new float[m][k];
        long as0 = a.strides()[nd - 2], as1 = a.strides()[nd - 1];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < k; c++) xs[i][c] = toFloat(a.segment().getAtIndex(H, a.offset() + i * as0 + c * as1), t);
        }
        run(b.segment(), b.offset(), rowStride, n, k, t == DType.BFLOAT16, xs, out);
        return true;
    }

    private static void run(MemorySegment w, long w0, long rowStride, int n, int k, boolean bf16, float[][] xs, StridedView out) {
        int m = xs.length;
        boolean outBf16 = out.dtype() == DType.BFLOAT16;
        long o0 = out.offset(), os0 = out.strides()[out.ndim() - 2], os1 = out.strides()[out.ndim() - 1];
        MemorySegment o = out.segment();
        Parallel.forRange(n, Math.max(1, Parallel.DEFAULT_GRAIN / k), (j0, j1) -> {
            for (long j = j0; j < j1; j++) {
                long row = 2 * (w0 + j * rowStride);
                for (int i = 0; i < m; i++) {
                    float v = bf16 ? dotBf16(w, row, k, xs[i]) : dotF16(w, row, k, xs[i]);
                    o.setAtIndex(H, o0 + i * os0 + j * os1, outBf16 ? HalfFloats.floatToBf16(v) : HalfFloats.floatToF16(v));
                }
            }
        });
    }

    /** The bfloat16 row at byte {@code row} dotted with {@code x}. */
    private static float dotBf16(MemorySegment w, long row, int k, float[] x) {
        FloatVector a0 = FloatVector.zero(FS), a1 = a0;
        int c = 0;
        for (; c + 2 * LANES <= k; c += 2 * LANES) {
            a0 = widenBf16(w, row + 2L * c).fma(FloatVector.fromArray(FS, x, c), a0);
            a1 = widenBf16(w, row + 2L * (c + LANES)).fma(FloatVector.fromArray(FS, x, c + LANES), a1);
        }
        float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; c < k; c++) s += HalfFloats.bf16ToFloat(w.get(H, row + 2L * c)) * x[c];
        return s;
    }

    /** The float16 row at byte {@code row} dotted with {@code x}. */
    private static float dotF16(MemorySegment w, long row, int k, float[] x) {
        FloatVector a0 = FloatVector.zero(FS), a1 = a0;
        int c = 0;
        for (; c + 2 * LANES <= k; c += 2 * LANES) {
            a0 = BinaryHalf.f16ToF32(halves(w, row + 2L * c)).fma(FloatVector.fromArray(FS, x, c), a0);
            a1 = BinaryHalf.f16ToF32(halves(w, row + 2L * (c + LANES))).fma(FloatVector.fromArray(FS, x, c + LANES), a1);
        }
        float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; c < k; c++) s += Float.float16ToFloat(w.get(H, row + 2L * c)) * x[c];
        return s;
    }

    private static FloatVector widenBf16(MemorySegment w, long at) {
        return halves(w, at).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    /** The halves at byte {@code at}, zero-extended into the lanes of an int vector. */
    private static IntVector halves(MemorySegment w, long at) {
        return (IntVector) ShortVector.fromMemorySegment(HS, w, at, NATIVE).convertShape(VectorOperators.ZERO_EXTEND_S2I, IS, 0);
    }

    private static float toFloat(short h, DType t) {
        return t == DType.BFLOAT16 ? HalfFloats.bf16ToFloat(h) : HalfFloats.f16ToFloat(h);
    }
}
