package org.mlx4j.nn;

/**
 * 1-d transposed convolution (the gradient of a convolution with respect to its input) of channels-last input {@code [N, L, C_in]}, as MLX's {@code nn.ConvTranspose1d}: {@code weight}
 * {@code [C_out, kernel..., C_in / groups]} drawn from {@code U(-s, s)} with
 * {@code s = 1 / sqrt(C_in * kernel size^1)}, {@code bias} {@code [C_out]} zeros.
 */
public class ConvTranspose1d extends ConvLayer {
    /**
     * The layer with a stride, padding and bias.
     *
     * @param inChannels the input channels
     * @param outChannels the output channels
     * @param kernelSize the kernel size along every spatial axis
     * @param stride the stride
     * @param padding the zero padding on both sides of every spatial axis
     * @param bias whether the layer has a bias
     */
    public ConvTranspose1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias) {
        this(inChannels, outChannels, kernelSize, stride, padding, 1, 1, bias);
    }

    /**
     * The layer with every setting.
     *
     * @param inChannels the input channels
     * @param outChannels the output channels
     * @param kernelSize the kernel size along every spatial axis
     * @param stride the stride
     * @param padding the zero padding on both sides of every spatial axis
     * @param dilation the kernel dilation
     * @param groups the channel groups, dividing both channel counts
     * @param bias whether the layer has a bias
     * @throws IllegalArgumentException if a size is not positive or {@code groups} does not divide the channels
     */
    public ConvTranspose1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                 boolean bias) {
        super(1, true, inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias);
    }
}
