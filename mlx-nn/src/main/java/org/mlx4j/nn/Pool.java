package org.mlx4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * Max or average pooling over the spatial axes of channels-last input {@code [N, spatial..., C]}, as MLX's
 * {@code _Pool}: the input is padded on both sides of each spatial axis (with -inf for max pooling, 0 for average
 * pooling, so padding counts in the average as in MLX), then each output position reduces its window.
 */
abstract class Pool extends Module implements UnaryLayer {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final boolean max;

    Pool(boolean max, int[] kernel, int[] stride, int[] padding) {
        String name = getClass().getSimpleName();
        if (kernel.length != stride.length || kernel.length != padding.length) {
            throw new IllegalArgumentException(name + ": kernel, stride and padding need " + kernel.length + " values each");
        }
        for (int i = 0; i < kernel.length; i++) {
            if (kernel[i] <= 0) throw new IllegalArgumentException(name + ": 'kernel_size' must be positive but got " + Arrays.toString(kernel));
            if (stride[i] <= 0) throw new IllegalArgumentException(name + ": 'stride' must be positive but got " + Arrays.toString(stride));
            if (padding[i] < 0) throw new IllegalArgumentException(name + ": 'padding' must be non-negative but got " + Arrays.toString(padding));
        }
        this.max = max;
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
    }

    static int[] repeat(int value, int n) {
        int[] out = new int[n];
        Arrays.fill(out, value);
        return out;
    }

    @Override
    public Array forward(Array x) {
        int d = kernel.length;
        if (x.ndim() != d + 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected [N, " + d + " spatial axes, C], got "
                    + Arrays.toString(x.shape()));
        }
        if (Arrays.stream(padding).anyMatch(p -> p > 0)) {
            int[][] width = new int[d + 2][2];
            for (int i = 0; i < d; i++) width[1 + i] = new int[] {padding[i], padding[i]};
            x = Mx.pad(x, width, "constant", max ? Double.NEGATIVE_INFINITY : 0.0);
        }
        int[] shape = x.shape();
        int[] out = new int[d];
        for (int i = 0; i < d; i++) {
            out[i] = (shape[1 + i] - kernel[i]) / stride[i] + 1;
            if (out[i] <= 0) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": window " + Arrays.toString(kernel)
                        + " is larger than the padded input " + Arrays.toString(shape));
            }
        }
        List<Array> windows = new ArrayList<>();
        int[] offset = new int[d];
        do {
            int[] start = new int[d + 2], stop = shape.clone(), steps = repeat(1, d + 2);
            for (int i = 0; i < d; i++) {
                start[1 + i] = offset[i];
                stop[1 + i] = offset[i] + stride[i] * (out[i] - 1) + 1;
                steps[1 + i] = stride[i];
            }
            windows.add(Mx.slice(x, start, stop, steps));
        } while (next(offset));
        Array stacked = Mx.stack(windows, 0);
        return max ? Mx.max(stacked, 0) : Mx.mean(stacked, 0);
    }

    private boolean next(int[] offset) {
        for (int i = offset.length - 1; i >= 0; i--) {
            if (++offset[i] < kernel[i]) return true;
            offset[i] = 0;
        }
        return false;
    }

    @Override
    protected String describe() {
        return "kernel_size=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride) + ", padding="
                + Arrays.toString(padding);
    }
}
