package org.mlx4j.nn;

/**
 * 2-d average pooling of [N, H, W, C] input, as MLX's {@code nn.AvgPool2d}: each output is the average of a window of
 * {@code kernelSize} positions taken every {@code stride} positions, after zero padding on both sides.
 */
public class AvgPool2d extends Pool {
    /**
     * Pooling with the same size, stride and padding along every spatial axis.
     *
     * @param kernelSize the window size
     * @param stride the step between windows
     * @param padding the padding on each side
     * @throws IllegalArgumentException if a size or stride is not positive or the padding is negative
     */
    public AvgPool2d(int kernelSize, int stride, int padding) {
        this(repeat(kernelSize, 2), repeat(stride, 2), repeat(padding, 2));
    }

    /**
     * Non-overlapping windows (the stride is the window size, MLX's default), no padding.
     *
     * @param kernelSize the window size
     */
    public AvgPool2d(int kernelSize) { this(kernelSize, kernelSize, 0); }

    /**
     * Pooling with per-axis sizes.
     *
     * @param kernelSize the window size per spatial axis
     * @param stride the step per spatial axis
     * @param padding the padding per spatial axis, on each side
     * @throws IllegalArgumentException if an array does not have 2 values or a value is out of range
     */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding) {
        super(false, check(kernelSize), check(stride), check(padding));
    }

    private static int[] check(int[] values) {
        if (values.length != 2) {
            throw new IllegalArgumentException("AvgPool2d: expected 2 values per setting, got " + java.util.Arrays.toString(values));
        }
        return values;
    }
}
