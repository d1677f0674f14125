package org.mlx4j.nn;

import java.util.Arrays;
import java.util.Set;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * Upsamples the spatial axes of channels-last input {@code [N, spatial..., C]} (1 to 3 spatial axes), as MLX's
 * {@code nn.Upsample}: {@code "nearest"}, {@code "linear"} (bilinear, trilinear) or {@code "cubic"} (Keys' kernel
 * with {@code a = -0.75}, as PyTorch and OpenCV) interpolation, the output size along each axis
 * {@code floor(scale * size)}. With {@code alignCorners} the corner samples of input and output coincide;
 * otherwise their centres are aligned. Linear and cubic interpolation run axis by axis (the kernels are
 * separable). No parameters.
 */
public class Upsample extends Module implements UnaryLayer {
    private final double[] scale;
    private final String mode;
    private final boolean alignCorners;

    /**
     * Nearest-neighbour upsampling by the same factor along every spatial axis.
     *
     * @param scale the factor
     */
    public Upsample(double scale) { this(new double[] {scale}, "nearest", false); }

    /**
     * Upsampling.
     *
     * @param scale one factor for every spatial axis, or one per axis
     * @param mode {@code "nearest"}, {@code "linear"} or {@code "cubic"}
     * @param alignCorners whether corner samples coincide (linear and cubic only)
     * @throws IllegalArgumentException for another mode or a factor that is not positive
     */
    public Upsample(double[] scale, String mode, boolean alignCorners) {
        if (!Set.of("nearest", "linear", "cubic").contains(mode)) {
            throw new IllegalArgumentException("Upsample: mode must be \"nearest\", \"linear\" or \"cubic\", got \"" + mode + "\"");
        }
        for (double s : scale) if (!(s > 0)) throw new IllegalArgumentException("Upsample: scale factors must be positive, got " + Arrays.toString(scale));
        this.scale = scale.clone();
        this.mode = mode;
        this.alignCorners = alignCorners;
    }

    @Override
    public Array forward(Array x) {
        int dims = x.ndim() - 2;
        if (dims < 1 || dims > 3 || (scale.length != 1 && scale.length != dims)) {
            throw new IllegalArgumentException("Upsample: expected [N, 1 to 3 spatial axes, C] with " + scale.length
                    + " scale factor(s), got " + Arrays.toString(x.shape()));
        }
        for (int d = 0; d < dims; d++) {
            double s = scale.length == 1 ? scale[0] : scale[d];
            x = switch (mode) {
                case "nearest" -> {
                    int[] idx = nearest(x.shape(1 + d), s);
                    yield Mx.take(x, Mx.array(idx, idx.length), 1 + d);
                }
                case "linear" -> interpolate(x, 1 + d, s, false);
                default -> interpolate(x, 1 + d, s, true);
            };
        }
        return x;
    }

    /** The nearest source index of each output position, as MLX computes it. */
    static int[] nearest(int n, double scale) {
        int m = (int) (scale * n);
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            double v = m > n ? Math.rint((i + 0.5) * ((double) n / m) - 0.5) : i * ((double) n / m);
            idx[i] = (int) Math.min(n - 1, Math.max(0, Math.floor(v + (m > n ? 0 : 1e-9))));
        }
        return idx;
    }

    /** The source coordinate of each output position. */
    private double[] coordinates(int n, double scale) {
        int m = (int) (scale * n);
        double[] c = new double[m];
        for (int i = 0; i < m; i++) {
            if (alignCorners) c[i] = m == 1 ? 0 : i * ((n - 1.0) / (m - 1));
            else {
                double step = 1 / scale, start = ((m - 1) * step - n + 1) / 2;
                c[i] = i * step - start;
            }
        }
        return c;
    }

    private Array interpolate(Array x, int axis, double scale, boolean cubic) {
        int n = x.shape(axis);
        double[] c = coordinates(n, scale);
        int m = c.length;
        int taps = cubic ? 4 : 2;
        int[][] idx = new int[taps][m];
        double[][] w = new double[taps][m];
        for (int i = 0; i < m; i++) {
            if (cubic) {
                double l1 = Math.floor(c[i]);
                for (int t = 0; t < 4; t++) {
                    double grid = l1 - 1 + t; // l2, l1, r1, r2
                    double dist = Math.abs(c[i] - grid);
                    w[t][i] = t == 1 || t == 2 ? keysNear(dist) : keysFar(dist);
                    idx[t][i] = (int) Math.min(n - 1, Math.max(0, grid));
                }
            } else {
                double v = Math.min(n - 1, Math.max(0, c[i]));
                double lo = Math.floor(v);
                idx[0][i] = (int) lo;
                idx[1][i] = (int) Math.ceil(v);
                w[1][i] = v - lo;
                w[0][i] = 1 - w[1][i];
            }
        }
        int[] weightShape = new int[x.ndim()];
        Arrays.fill(weightShape, 1);
        weightShape[axis] = m;
        Array out = null;
        for (int t = 0; t < taps; t++) {
            Array sample = Mx.take(x, Mx.array(idx[t], m), axis);
            // float64 inputs get float64 weights (rounding them to float32 would cost 1e-8 relative error)
            DType weightType = x.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
            Array weight = Mx.array(w[t], weightType, weightShape).astype(x.dtype().isFloating() ? x.dtype() : DType.FLOAT32);
            Array term = sample.multiply(weight);
            out = out == null ? term : out.add(term);
        }
        return out;
    }

    private static final double A = -0.75;

    private static double keysNear(double x) { return ((A + 2) * x - (A + 3)) * x * x + 1; }

    private static double keysFar(double x) { return (((x - 5) * x + 8) * x - 4) * A; }

    @Override
    protected String describe() {
        return "scale_factor=" + Arrays.toString(scale) + ", mode=" + mode + ", align_corners=" + alignCorners;
    }
}
