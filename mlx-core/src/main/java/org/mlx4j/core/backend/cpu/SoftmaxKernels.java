package org.mlx4j.core.backend.cpu;

import static org.mlx4j.core.backend.cpu.ElementAccess.F32;
import static org.mlx4j.core.backend.cpu.ElementAccess.F64;
import static org.mlx4j.core.backend.cpu.ElementAccess.I16;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.DType;

/**
 * Softmax and logsumexp along the last axis, numerically stable (the row max is subtracted
 * before exponentiating). Each row is widened into a per-thread float32 buffer (float64 for
 * float64 input), computed there with vector lanes and converted back, so float16 and bfloat16
 * accumulate in float32 as MLX does. Rows are spread across threads.
 */
public final class SoftmaxKernels {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

    private SoftmaxKernels() {}

    /**
     * Softmax along the last axis. {@code out} is row-major contiguous with {@code in}'s shape and
     * dtype (float16, bfloat16, float32 or float64); {@code in} may have any strides. A row whose
     * max is infinite or NaN gives NaN (as exp(x - max) does); -inf entries of a finite row give 0.
     */
    public static void softmax(StridedView in, StridedView out) {
        String what = "softmax";
        check(what, in, out);
        if (!Arrays.equals(in.shape(), out.shape()) || in.dtype() != out.dtype()) {
            throw new IllegalArgumentException(what + ": output must have the input's shape and dtype, got "
                    + out + " for " + in);
        }
        forEachRow(in, out, true);
    }

    /**
     * log(sum(exp(x))) along the last axis into {@code out}, row-major contiguous with the last axis
     * of extent 1 and a floating dtype. A row of -inf (or an empty row) gives -inf, a +inf entry
     * gives +inf, and NaN propagates.
     */
    public static void logsumexp(StridedView in, StridedView out) {
        String what = "logsumexp";
        check(what, in, out);
        int[] expected = in.shape().clone();
        expected[expected.length - 1] = 1;
        if (!Arrays.equals(expected, out.shape()) || !out.dtype().isFloating()) {
            throw new IllegalArgumentException(what + ": output must be a floating array of shape "
                    + Arrays.toString(expected) + ", got " + out);
        }
        forEachRow(in, out, false);
    }

    private static void check(String what, StridedView in, StridedView out) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        if (!in.dtype().isFloating()) {
            throw new IllegalArgumentException(what + ": input must be float16, bfloat16, float32 or float64, got "
                    + in.dtype().mlxName());
        }
        if (in.ndim() == 0) throw new IllegalArgumentException(what + ": input must have at least one axis");
        if (!out.isRowContiguous()) {
            throw new IllegalArgumentException(what + ": output must be row-major contiguous, got " + out);
        }
    }

    private static void forEachRow(StridedView in, StridedView out, boolean softmax) {
        int nd = in.ndim();
        int d = in.shape()[nd - 1];
        long rows = in.size() / Math.max(1, d);
        if (d == 0) rows = StridedView.sizeOf(Arrays.copyOf(in.shape(), nd - 1));
        if (rows == 0 || (softmax && d == 0)) return;
        long[] lead = new long[nd - 1];
        long[] leadIn = Arrays.copyOf(in.strides(), nd - 1);
        for (int i = 0; i < nd - 1; i++) lead[i] = in.shape()[i];
        long[] leadOut = new long[nd - 1];
        long step = softmax ? d : 1;
        for (int i = nd - 2; i >= 0; i--) {
            leadOut[i] = step;
            step *= lead[i];
        }
        long stride = in.strides()[nd - 1];
        DType t = in.dtype();
        Parallel.forRange(rows, Math.max(1, Parallel.DEFAULT_GRAIN / Math.max(1, 8L * d)), (lo, hi) -> {
            ReduceScratch sc = ReduceScratch.get();
            ReduceOdometer o = new ReduceOdometer(lead, leadIn, leadOut);
            o.seek(lo);
            for (long r = lo; r < hi; r++) {
                long src = in.offset() + o.a;
                long dst = out.offset() + o.b;
                if (t == DType.FLOAT64) {
                    double[] x = sc.rowD(d);
                    if (stride == 1) MemorySegment.copy(in.segment(), F64, src * 8, x, 0, d);
                    else for (int i = 0; i < d; i++) x[i] = in.segment().getAtIndex(F64, src + i * stride);
                    if (softmax) {
                        softmaxRow(x, d);
                        MemorySegment.copy(x, 0, out.segment(), F64, dst * 8, d);
                    } else {
                        ElementAccess.setDouble(out.segment(), out.dtype(), dst, logsumexpRow(x, d));
                    }
                } else {
                    float[] x = sc.rowF(d);
                    load(in.segment(), t, src, stride, x, d);
                    if (softmax) {
                        softmaxRow(x, d);
                        store(x, out.segment(), t, dst, d);
                    } else {
                        ElementAccess.setDouble(out.segment(), out.dtype(), dst, logsumexpRow(x, d));
                    }
                }
                o.next();
            }
        });
    }

    private static void load(MemorySegment s, DType t, long off, long stride, float[] x, int d) {
        switch (t) {
            case FLOAT32 -> {
                if (stride == 1) MemorySegment.copy(s, F32, off * 4, x, 0, d);
                else for (int i = 0; i < d; i++) x[i] = s.getAtIndex(F32, off + i * stride);
            }
            case FLOAT16 -> { for (int i = 0; i < d; i++) x[i] = Float.float16ToFloat(s.getAtIndex(I16, off + i * stride)); }
            default -> { for (int i = 0; i < d; i++) x[i] = HalfFloats.bf16ToFloat(s.getAtIndex(I16, off + i * stride)); }
        }
    }

    private static void store(float[] x, MemorySegment s, DType t, long off, int d) {
        switch (t) {
            case FLOAT32 -> MemorySegment.copy(x, 0, s, F32, off * 4, d);
            case FLOAT16 -> { for (int i = 0; i < d; i++) s.setAtIndex(I16, off + i, Float.floatToFloat16(x[i])); }
            default -> { for (int i = 0; i < d; i++) s.setAtIndex(I16, off + i, HalfFloats.floatToBf16(x[i])); }
        }
    }

    // ---- float32 rows ----

    /** NaN-propagating max of x[0, d). */
    static float max(float[] x, int d) {
        FloatVector a = FloatVector.broadcast(FS, Float.NEGATIVE_INFINITY);
        int ub = FS.loopBound(d);
        int i = 0;
        for (; i < ub; i += FS.length()) a = a.max(FloatVector.fromArray(FS, x, i));
        float m = a.reduceLanes(VectorOperators.MAX);
        for (; i < d; i++) m = Math.max(m, x[i]);
        return m;
    }

    /** x = exp(x - m) in place; returns the float32 sum of the exponentials. */
    private static float expShift(float[] x, int d, float m, boolean keep) {
        FloatVector mv = FloatVector.broadcast(FS, m);
        FloatVector s0 = FloatVector.zero(FS), s1 = s0;
        int vl = FS.length();
        int i = 0;
        for (int ub = d - d % (2 * vl); i < ub; i += 2 * vl) {
            FloatVector e0 = FloatVector.fromArray(FS, x, i).sub(mv).lanewise(VectorOperators.EXP);
            FloatVector e1 = FloatVector.fromArray(FS, x, i + vl).sub(mv).lanewise(VectorOperators.EXP);
            if (keep) {
                e0.intoArray(x, i);
                e1.intoArray(x, i + vl);
            }
            s0 = s0.add(e0);
            s1 = s1.add(e1);
        }
        float sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < d; i++) {
            float e = (float) Math.exp(x[i] - m);
            if (keep) x[i] = e;
            sum += e;
        }
        return sum;
    }

    static void softmaxRow(float[] x, int d) {
        float m = max(x, d);
        float inv = 1f / expShift(x, d, m, true);
        FloatVector iv = FloatVector.broadcast(FS, inv);
        int ub = FS.loopBound(d);
        int i = 0;
        for (; i < ub; i += FS.length()) FloatVector.fromArray(FS, x, i).mul(iv).intoArray(x, i);
        for (; i < d; i++) x[i] *= inv;
    }

    static float logsumexpRow(float[] x, int d) {
        if (d == 0) return Float.NEGATIVE_INFINITY;
        float m = max(x, d);
        if (Float.isNaN(m) || Float.isInfinite(m)) return m;
        return m + (float) Math.log(expShift(x, d, m, false));
    }

    // ---- float64 rows ----

    static double max(double[] x, int d) {
        DoubleVector a = DoubleVector.broadcast(DS, Double.NEGATIVE_INFINITY);
        int ub = DS.loopBound(d);
        int i = 0;
        for (; i < ub; i += DS.length()) a = a.max(DoubleVector.fromArray(DS, x, i));
        double m = a.reduceLanes(VectorOperators.MAX);
        for (; i < d; i++) m = Math.max(m, x[i]);
        return m;
    }

    private static double expShift(double[] x, int d, double m, boolean keep) {
        DoubleVector mv = DoubleVector.broadcast(DS, m);
        DoubleVector s0 = DoubleVector.zero(DS), s1 = s0;
        int vl = DS.length();
        int i = 0;
        for (int ub = d - d % (2 * vl); i < ub; i += 2 * vl) {
            DoubleVector e0 = DoubleVector.fromArray(DS, x, i).sub(mv).lanewise(VectorOperators.EXP);
            DoubleVector e1 = DoubleVector.fromArray(DS, x, i + vl).sub(mv).lanewise(VectorOperators.EXP);
            if (keep) {
                e0.intoArray(x, i);
                e1.intoArray(x, i + vl);
            }
            s0 = s0.add(e0);
            s1 = s1.add(e1);
        }
        double sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < d; i++) {
            double e = Math.exp(x[i] - m);
            if (keep) x[i] = e;
            sum += e;
        }
        return sum;
    }

    static void softmaxRow(double[] x, int d) {
        double m = max(x, d);
        double inv = 1 / expShift(x, d, m, true);
        DoubleVector iv = DoubleVector.broadcast(DS, inv);
        int ub = DS.loopBound(d);
        int i = 0;
        for (; i < ub; i += DS.length()) DoubleVector.fromArray(DS, x, i).mul(iv).intoArray(x, i);
        for (; i < d; i++) x[i] *= inv;
    }

    static double logsumexpRow(double[] x, int d) {
        if (d == 0) return Double.NEGATIVE_INFINITY;
        double m = max(x, d);
        if (Double.isNaN(m) || Double.isInfinite(m)) return m;
        return m + Math.log(expShift(x, d, m, false));
    }
}
