package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.primitives.QuantMatmul;
import org.mlx4j.core.primitives.QuantMode;

/**
 * {@code x @ W.T} (transposed) or {@code x @ W} with a quantized {@code W}, per batch (the batches of
 * {@code x} and {@code W} are equal, or {@code W} has one). Transposed, each output is a row of {@code W}
 * dotted with a row of {@code x}: affine 2/4/8-bit rows go through {@link QuantMatvecAffine} straight
 * from the packed words, other rows are dequantized once into a scratch row and dotted with every row
 * of {@code x}. Not transposed, the columns are split into group-aligned blocks, and each row of
 * {@code W} is dequantized per block and added, times {@code x[m, k]}, into the block's accumulators.
 * Rows and column blocks are shared out with {@link Parallel}.
 */
final class QuantMatmulKernels {
    private QuantMatmulKernels() {}

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final long GRAIN = 1 << 15;

    static void run(QuantMatmul q, StridedView x, StridedView w, StridedView scales, StridedView biases, StridedView out) {
        QuantWeights wt = QuantWeights.of(w, scales, biases, q.groupSize(), q.bits(), q.mode());
        int k = x.shape()[x.ndim() - 1], m = x.ndim() > 1 ? x.shape()[x.ndim() - 2] : 1;
        int wRows = w.shape()[w.ndim() - 2];
        int n = q.transpose() ? wRows : wt.cols();
        if (out.size() == 0) return;
        if (k == 0) {
            out.segment().asSlice(out.byteOffset(), 4 * out.size()).fill((byte) 0);
            return;
        }
        long xBatches = x.size() / ((long) m * k), wBatches = wt.rows() / wRows, batches = out.size() / ((long) m * n);
        for (long b = 0; b < batches; b++) {
            float[][] xs = rows(x, (xBatches == 1 ? 0 : b) * m, m, k);
            long wRow0 = (wBatches == 1 ? 0 : b) * wRows, outBase = out.byteOffset() + 4L * b * m * n;
            if (q.transpose()) transposed(wt, wRow0, xs, k, n, out.segment(), outBase);
            else plain(wt, wRow0, xs, k, n, out.segment(), outBase);
        }
    }

    private static float[][] rows(StridedView x, long row0, int m, int k) {
        float[][] xs = new float[m][k];
        for (int i = 0; i < m; i++) {
            MemorySegment.copy(x.segment(), QuantWeights.F32, x.byteOffset() + 4L * (row0 + i) * k, xs[i], 0, k);
        }
        return xs;
    }

    private static void transposed(QuantWeights w, long wRow0, float[][] xs, int k, int n, MemorySegment out, long outBase) {
        int m = xs.length;
        boolean fast = w.mode() == QuantMode.AFFINE && QuantMatvecAffine.applies(w.bits(), w.groupSize());
        QuantMatvecAffine.Prepared[] prepared = new QuantMatvecAffine.Prepared[fast ? m : 0];
        for (int i = 0; i < prepared.length; i++) prepared[i] = QuantMatvecAffine.prepare(xs[i], k, w.bits(), w.groupSize());
        Parallel.forRange(n, Math.max(1, GRAIN / Math.max(1, (long) k * m)), (n0, n1) -> {
            float[] row = fast ? null : new float[k];
            for (long j = n0; j < n1; j++) {
                if (!fast) w.dequantize(wRow0 + j, 0, k, row);
                for (int i = 0; i < m; i++) {
                    float v = fast ? QuantMatvecAffine.dot(w, wRow0 + j, prepared[i]) : dot(xs[i], row, k);
                    out.set(QuantWeights.F32, outBase + 4L * ((long) i * n + j), v);
                }
            }
        });
    }

    private static void plain(QuantWeights w, long wRow0, float[][] xs, int k, int n, MemorySegment out, long outBase) {
        int m = xs.length, gs = w.groupSize();
        Parallel.forRange(w.groups(), Math.max(1, GRAIN / Math.max(1, (long) k * gs * m)), (g0, g1) -> {
            int c0 = (int) g0 * gs, width = (int) (g1 - g0) * gs;
            float[] row = new float[width];
            float[][] acc = new float[m][width];
            for (int kk = 0; kk < k; kk++) {
                w.dequantize(wRow0 + kk, c0, c0 + width, row);
                for (int i = 0; i < m; i++) {
                    float a = xs[i][kk];
                    axpy(a, row, acc[i], width);
                }
            }
            for (int i = 0; i < m; i++) {
                MemorySegment.copy(acc[i], 0, out, QuantWeights.F32, outBase + 4L * ((long) i * n + c0), width);
            }
        });
    }

    static float dot(float[] a, float[] b, int len) {
        FloatVector acc = FloatVector.zero(FS);
        int i = 0;
        for (int up = FS.loopBound(len); i < up; i += FS.length()) {
            acc = FloatVector.fromArray(FS, a, i).fma(FloatVector.fromArray(FS, b, i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) s += a[i] * b[i];
        return s;
    }

    private static void axpy(float a, float[] x, float[] y, int len) {
        int i = 0;
        FloatVector av = FloatVector.broadcast(FS, a);
        for (int up = FS.loopBound(len); i < up; i += FS.length()) {
            FloatVector.fromArray(FS, x, i).fma(av, FloatVector.fromArray(FS, y, i)).intoArray(y, i);
        }
        for (; i < len; i++) y[i] += a * x[i];
    }
}
