package org.mlx4j.nn;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

/**
 * 2-d transposed convolution (the gradient of a convolution with respect to its input) over channels-last input [N, H, W, C_in], as MLX's {@code nn.ConvTranspose2d}: {@code weight} {@code [C_out, kernel..., C_in]} drawn
 * from {@code U(-s, s)} with {@code s = 1 / sqrt(C_in * kernel size^2)}, {@code bias} {@code [C_out]} zeros.
 */
public class ConvTranspose2d extends Module implements UnaryLayer {
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;

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
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias) {
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
     * @param groups the channel groups, dividing {@code inChannels}
     * @param bias whether the layer has a bias
     * @throws IllegalArgumentException if a size is not positive or {@code groups} does not divide the channels
     */
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                 boolean bias) {
        Layers.checkPositive("ConvTranspose2d", "inChannels", inChannels);
        Layers.checkPositive("ConvTranspose2d", "outChannels", outChannels);
        Layers.checkPositive("ConvTranspose2d", "kernelSize", kernelSize);
        Layers.checkPositive("ConvTranspose2d", "groups", groups);
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("ConvTranspose2d: groups " + groups + " must divide inChannels " + inChannels
                    + " and outChannels " + outChannels);
        }
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        double scale = Math.sqrt(1.0 / (inChannels * Math.pow(kernelSize, 2)));
        register("weight", Random.uniform(-scale, scale, new int[] {outChannels, kernelSize, kernelSize, inChannels / groups}, DType.FLOAT32, null));
        if (bias) register("bias", Mx.zeros(new int[] {outChannels}, DType.FLOAT32));
    }

    @Override
    public Array forward(Array x) {
        Array y = Mx.convTranspose2d(x, array("weight"), new int[] {stride, stride}, new int[] {padding, padding}, new int[] {dilation, dilation}, groups);
        return has("bias") ? y.add(array("bias")) : y;
    }

    @Override
    protected String describe() {
        int[] w = array("weight").shape();
        return "kernel_size=" + w[1] + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation
                + ", groups=" + groups + ", bias=" + has("bias");
    }
}
