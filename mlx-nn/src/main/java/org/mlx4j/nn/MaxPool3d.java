package org.mlx4j.nn;

/**
 * 3-d maximum pooling of [N, D, H, W, C] input, as MLX's {@code nn.MaxPool3d}: each output is the maximum of a window of
 * {@code kernelSize} positions taken every {@code stride} positions, after negative infinity padding on both sides.
 */
public class MaxPool3d extends Pool {
    /**
     * Pooling with the same size, stride and padding along every spatial axis.
     *
     * @param kernelSize the window size
     * @param stride the step between windows
     * @param padding the padding on each side
     * @throws IllegalArgumentException if a size or stride is not positive or the padding is negative
     */
    public MaxPool3d(int kernelSize, int stride, int padding) {
        this(repeat(kernelSize, 3), repeat(stride, 3), repeat(padding, 3));
    }

    /**
     * Non-overlapping windows (the stride is the window size, MLX's default), no padding.
     *
     * @param kernelSize the window size
     */
    public MaxPool3d(int kernelSize) { this(kernelSize, kernelSize, 0); }

    /**
     * Pooling with per-axis sizes.
     *
     * @param kernelSize the window size per spatial axis
     * @param stride the step per spatial axis
     * @param padding the padding per spatial axis, on each side
     * @throws IllegalArgumentException if an array does not have 3 values or a value is out of range
     */
    public MaxPool3d(int[] kernelSize, int[] stride, int[] padding) {
        super(true, check(kernelSize), check(stride), check(padding));
    }

    private static int[] check(int[] values) {
        if (values.length != 3) {
            throw new IllegalArgumentException("MaxPool3d: expected 3 values per setting, got " + java.util.Arrays.toString(values));
        }
        return values;
    }
}
