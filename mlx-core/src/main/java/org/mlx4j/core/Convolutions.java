package org.mlx4j.core;

import java.util.Arrays;
import org.mlx4j.core.primitives.Convolution;

/**
 * Convolution op builders, MLX's {@code conv1d} ... {@code conv_general} and {@code convolve}: argument
 * checks with MLX's rules, then one {@link Convolution} node. Every form is {@code conv_general}:
 * transposed convolutions dilate the input by the stride and flip the kernel.
 */
final class Convolutions {
    private Convolutions() {}

    /** conv1d/conv2d/conv3d: symmetric padding, no input dilation. */
    static Array conv(String op, int dims, Array input, Array weight, int[] stride, int[] padding, int[] dilation, int groups) {
        int[] pad = nonNegative(op, "padding", spread(op, "padding", padding, dims));
        return general(op, dims, input, weight, stride, pad, pad, dilation, ones(dims), groups, false);
    }

    /** conv_transpose1d/2d/3d: the gradient of conv with respect to its input, as MLX forms it. */
    static Array convTranspose(String op, int dims, Array input, Array weight, int[] stride, int[] padding, int[] dilation,
                               int[] outputPadding, int groups) {
        checkRanks(op, dims, input, weight);
        int[] pad = nonNegative(op, "padding", spread(op, "padding", padding, dims));
        int[] dil = positive(op, "dilation", spread(op, "dilation", dilation, dims));
        int[] outPad = nonNegative(op, "output_padding", spread(op, "output_padding", outputPadding, dims));
        int[] lo = new int[dims], hi = new int[dims];
        for (int i = 0; i < dims; i++) {
            int span = dil[i] * (weight.shape(i + 1) - 1);
            lo[i] = span - pad[i];
            hi[i] = span - pad[i] + outPad[i];
        }
        return general(op, dims, input, weight, ones(dims), lo, hi, dil, stride, groups, true);
    }

    /** conv_general with the number of spatial axes taken from the input. */
    static Array general(Array input, Array weight, int[] stride, int[] paddingLo, int[] paddingHi, int[] kernelDilation,
                         int[] inputDilation, int groups, boolean flip) {
        int dims = input.ndim() - 2;
        if (dims < 1 || dims > 3) {
            throw new IllegalArgumentException("conv_general: the input must have 3 to 5 dimensions ([N, spatial..., C_in],"
                    + " 1 to 3 spatial axes), got shape " + Shapes.str(input.shape()));
        }
        return general("conv_general", dims, input, weight, stride, paddingLo, paddingHi, kernelDilation, inputDilation, groups, flip);
    }

    private static Array general(String op, int dims, Array input, Array weight, int[] stride, int[] paddingLo, int[] paddingHi,
                                 int[] kernelDilation, int[] inputDilation, int groups, boolean flip) {
        checkRanks(op, dims, input, weight);
        DType t = DType.promote(input.dtype(), weight.dtype());
        if (!input.dtype().isFloating() || !t.isFloating()) {
            throw new IllegalArgumentException(op + ": the input must be floating (float16, bfloat16, float32, float64) and"
                    + " promote with the weight to a floating type, got input " + input.dtype().mlxName() + " and weight " + weight.dtype().mlxName());
        }
        int[] in = input.shape(), w = weight.shape();
        int c = in[dims + 1];
        if (groups < 1) throw new IllegalArgumentException(op + ": groups must be at least 1, got " + groups);
        if (c % groups != 0 || c != groups * w[dims + 1]) {
            throw new IllegalArgumentException(op + ": the input has " + c + " channels (shape " + Shapes.str(in)
                    + "), which must equal groups (" + groups + ") times the weight's last axis (shape " + Shapes.str(w) + ")");
        }
        if (w[0] % groups != 0) {
            throw new IllegalArgumentException(op + ": the weight's " + w[0] + " output channels (shape " + Shapes.str(w)
                    + ") must be divisible by groups (" + groups + ")");
        }
        Convolution p = new Convolution(positive(op, "stride", spread(op, "stride", stride, dims)),
                spread(op, "padding", paddingLo, dims), spread(op, "padding", paddingHi, dims),
                positive(op, "kernel dilation", spread(op, "kernel dilation", kernelDilation, dims)),
                positive(op, "input dilation", spread(op, "input dilation", inputDilation, dims)), groups, flip);
        if (p.outputShape(in, w) == null) {
            throw new IllegalArgumentException(op + ": the spatial axes of input " + Shapes.str(in) + " (dilated by "
                    + Arrays.toString(p.inputDilation()) + ", padded by " + Arrays.toString(p.paddingLo()) + " and "
                    + Arrays.toString(p.paddingHi()) + ") are smaller than the weight " + Shapes.str(w) + " dilated by "
                    + Arrays.toString(p.kernelDilation()));
        }
        return p.apply(Ops.astype(input, t), Ops.astype(weight, t));
    }

    /** numpy's convolve of two 1-d arrays; mode "full", "same" (the longer one's length, centred) or "valid". */
    static Array convolve(Array a, Array v, String mode) {
        if (a.ndim() != 1 || v.ndim() != 1) {
            throw new IllegalArgumentException("convolve: the inputs must be 1-d, got shapes " + Shapes.str(a.shape())
                    + " and " + Shapes.str(v.shape()));
        }
        if (a.size() == 0 || v.size() == 0) {
            throw new IllegalArgumentException("convolve: the inputs cannot be empty, got shapes " + Shapes.str(a.shape())
                    + " and " + Shapes.str(v.shape()));
        }
        Array in = a, wt = v;
        if (v.size() > a.size()) {
            in = v;
            wt = a;
        }
        int n = wt.shape(0);
        int lo, hi;
        switch (mode) {
            case "full" -> lo = hi = n - 1;
            case "valid" -> lo = hi = 0;
            case "same" -> {
                lo = n / 2;
                hi = n - 1 - lo;
            }
            case null, default -> throw new IllegalArgumentException("convolve: mode must be \"full\", \"same\" or \"valid\", got "
                    + (mode == null ? "null" : "\"" + mode + "\""));
        }
        Array out = general("convolve", 1, in.reshape(1, in.shape(0), 1), wt.reshape(1, n, 1), new int[] {1},
                new int[] {lo}, new int[] {hi}, new int[] {1}, new int[] {1}, 1, true);
        return out.reshape(out.shape(1));
    }

    private static void checkRanks(String op, int dims, Array input, Array weight) {
        if (input.ndim() != dims + 2) {
            throw new IllegalArgumentException(op + ": the input must have " + (dims + 2) + " dimensions ([N, "
                    + spatial(dims) + "C_in]), got shape " + Shapes.str(input.shape()));
        }
        if (weight.ndim() != dims + 2) {
            throw new IllegalArgumentException(op + ": the weight must have " + (dims + 2) + " dimensions ([C_out, "
                    + spatial(dims) + "C_in / groups]), got shape " + Shapes.str(weight.shape()));
        }
    }

    private static String spatial(int dims) {
        return switch (dims) {
            case 1 -> "L, ";
            case 2 -> "H, W, ";
            default -> "D, H, W, ";
        };
    }

    /** One value per spatial axis: {@code values} itself, or its single entry repeated. */
    private static int[] spread(String op, String what, int[] values, int dims) {
        if (values == null) throw new IllegalArgumentException(op + ": " + what + " is null");
        if (values.length == dims) return values.clone();
        if (values.length == 1) {
            int[] r = new int[dims];
            Arrays.fill(r, values[0]);
            return r;
        }
        throw new IllegalArgumentException(op + ": " + what + " needs 1 or " + dims + " values (one per spatial axis), got "
                + Arrays.toString(values));
    }

    private static int[] positive(String op, String what, int[] values) {
        for (int v : values) {
            if (v < 1) throw new IllegalArgumentException(op + ": " + what + " must be at least 1, got " + Arrays.toString(values));
        }
        return values;
    }

    private static int[] nonNegative(String op, String what, int[] values) {
        for (int v : values) {
            if (v < 0) throw new IllegalArgumentException(op + ": " + what + " cannot be negative, got " + Arrays.toString(values));
        }
        return values;
    }

    static int[] ones(int dims) {
        int[] r = new int[dims];
        Arrays.fill(r, 1);
        return r;
    }
}
