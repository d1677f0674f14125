package org.mlx4j.core.backend.cpu;

import org.mlx4j.core.DType;
import org.mlx4j.core.primitives.FastAttention;
import org.mlx4j.core.primitives.FastLayerNorm;
import org.mlx4j.core.primitives.FastPrimitive;
import org.mlx4j.core.primitives.FastRmsNorm;
import org.mlx4j.core.primitives.FastRope;

/**
 * Runs a {@link FastPrimitive} as one kernel: float64 outputs on {@code FastRowsDouble}, float32, float16
 * and bfloat16 on {@code FastRowsFloat} (both generated from one template), with the rope offsets and
 * frequencies and the attention inputs unpacked from the primitive's layout.
 */
public final class FastKernels {
    private FastKernels() {}

    /** Whether the kernel reads input {@code i} through its strides (the others come row-major). */
    public static boolean readsStrided(FastPrimitive f, int i) {
        return switch (f) {
            case FastRope r -> i == 1;
            case FastAttention a -> a.hasMask() && i == 3;
            case FastRmsNorm r -> false;
            case FastLayerNorm n -> false;
        };
    }

    /** Computes {@code f} over {@code in} (laid out as {@link #readsStrided} says) into the row-major {@code out}. */
    public static void run(FastPrimitive f, StridedView[] in, StridedView out) {
        boolean wide = out.dtype() == DType.FLOAT64;
        switch (f) {
            case FastRmsNorm r -> {
                StridedView w = in.length > 1 ? in[1] : null;
                if (wide) FastRowsDouble.rmsNorm(in[0], w, r.eps(), out);
                else FastRowsFloat.rmsNorm(in[0], w, r.eps(), out);
            }
            case FastLayerNorm n -> {
                StridedView w = n.hasWeight() ? in[1] : null;
                StridedView b = n.hasBias() ? in[n.hasWeight() ? 2 : 1] : null;
                if (wide) FastRowsDouble.layerNorm(in[0], w, b, n.eps(), out);
                else FastRowsFloat.layerNorm(in[0], w, b, n.eps(), out);
            }
            case FastRope r -> {
                long[] offsets = offsets(in[1]);
                double[] invFreqs = inverseFrequencies(r, r.hasFreqs() ? in[2] : null);
                if (wide) FastRowsDouble.rope(in[0], offsets, invFreqs, r.dims(), r.traditional(), r.scale(), r.forward(), out);
                else FastRowsFloat.rope(in[0], offsets, invFreqs, r.dims(), r.traditional(), r.scale(), r.forward(), out);
            }
            case FastAttention a -> {
                StridedView mask = a.hasMask() ? in[3] : null;
                StridedView sinks = a.hasSinks() ? in[in.length - 1] : null;
                double lowest = FastAttention.lowest(out.dtype());
                if (wide) FastRowsDouble.attention(in[0], in[1], in[2], mask, sinks, a.scale(), a.causal(), lowest, out);
                else FastRowsFloat.attention(in[0], in[1], in[2], mask, sinks, a.scale(), a.causal(), lowest, out);
            }
        }
    }

    /** The integer offsets of a rope (one, or one per batch entry), read through the view's strides. */
    private static long[] offsets(StridedView v) {
        long[] r = new long[Math.toIntExact(v.size())];
        long stride = v.ndim() == 0 ? 0 : v.strides()[0];
        for (int i = 0; i < r.length; i++) r[i] = ElementAccess.getLong(v.segment(), v.dtype(), v.offset() + i * stride);
        return r;
    }

    /** 1 / freqs[i] with custom frequencies, else {@code exp(-i * log(base) / (dims / 2))} as MLX computes it. */
    private static double[] inverseFrequencies(FastRope r, StridedView freqs) {
        int half = r.dims() / 2;
        double[] inv = new double[half];
        for (int i = 0; i < half; i++) {
            inv[i] = freqs == null
                    ? Math.exp(-i * (Math.log(r.base()) / half))
                    : 1 / ElementAccess.getDouble(freqs.segment(), freqs.dtype(), freqs.offset() + i);
        }
        return inv;
    }
}
