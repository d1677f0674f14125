package org.mlx4j.core.backend.cpu;

import static org.mlx4j.core.backend.cpu.ElementAccess.F32;
import static org.mlx4j.core.backend.cpu.ElementAccess.F64;
import static org.mlx4j.core.backend.cpu.ElementAccess.I16;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;
import org.mlx4j.core.DType;

/**
 * Softmax and logsumexp along the last axis, numerically stable (the row max is subtracted
 * before exponentiating). Each row is widened into a per-thread float32 buffer (float64 for
 * float64 input), computed there with vector lanes by {@code SoftmaxRowsFloat} / {@code SoftmaxRowsDouble}
 * (generated from one template) and converted back, so float16 and bfloat16 accumulate in float32
 * as MLX does. Rows are spread across threads.
 */
public final class SoftmaxKernels {
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
                        SoftmaxRowsDouble.softmaxRow(x, d);
                        MemorySegment.copy(x, 0, out.segment(), F64, dst * 8, d);
                    } else {
                        ElementAccess.setDouble(out.segment(), out.dtype(), dst, SoftmaxRowsDouble.logsumexpRow(x, d));
                    }
                } else {
                    float[] x = sc.rowF(d);
                    load(in.segment(), t, src, stride, x, d);
                    if (softmax) {
                        SoftmaxRowsFloat.softmaxRow(x, d);
                        store(x, out.segment(), t, dst, d);
                    } else {
                        ElementAccess.setDouble(out.segment(), out.dtype(), dst, SoftmaxRowsFloat.logsumexpRow(x, d));
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
}
