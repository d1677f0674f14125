package org.mlx4j.nn;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

/**
 * What the convolution layers share, as MLX's: {@code weight} {@code [C_out, kernel..., C_in / groups]} drawn from
 * {@code U(-s, s)} with {@code s = 1 / sqrt(C_in * kernel size^d)}, {@code bias} {@code [C_out]} zeros, and a
 * forward pass through {@code Mx.conv*} or {@code Mx.convTranspose*} with the same stride, padding and dilation
 * along every spatial axis.
 */
abstract class ConvLayer extends Module implements UnaryLayer {
    private final int spatialAxes;
    private final boolean transposed;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;

    ConvLayer(int spatialAxes, boolean transposed, int inChannels, int outChannels, int kernelSize, int stride,
              int padding, int dilation, int groups, boolean bias) {
        String name = getClass().getSimpleName();
        Layers.checkPositive(name, "inChannels", inChannels);
        Layers.checkPositive(name, "outChannels", outChannels);
        Layers.checkPositive(name, "kernelSize", kernelSize);
        Layers.checkPositive(name, "groups", groups);
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(name + ": groups " + groups + " must divide inChannels " + inChannels
                    + " and outChannels " + outChannels);
        }
        this.spatialAxes = spatialAxes;
        this.transposed = transposed;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        int[] shape = new int[spatialAxes + 2];
        java.util.Arrays.fill(shape, kernelSize);
        shape[0] = outChannels;
        shape[spatialAxes + 1] = inChannels / groups;
        double scale = Math.sqrt(1.0 / (inChannels * Math.pow(kernelSize, spatialAxes)));
        register("weight", Random.uniform(-scale, scale, shape, DType.FLOAT32, null));
        if (bias) register("bias", Mx.zeros(new int[] {outChannels}, DType.FLOAT32));
    }

    private int[] each(int value) {
        int[] out = new int[spatialAxes];
        java.util.Arrays.fill(out, value);
        return out;
    }

    @Override
    public Array forward(Array x) {
        Array w = array("weight");
        Array y = switch (spatialAxes) {
            case 1 -> transposed ? Mx.convTranspose1d(x, w, stride, padding, dilation, groups)
                    : Mx.conv1d(x, w, stride, padding, dilation, groups);
            case 2 -> transposed ? Mx.convTranspose2d(x, w, each(stride), each(padding), each(dilation), groups)
                    : Mx.conv2d(x, w, each(stride), each(padding), each(dilation), groups);
            default -> transposed ? Mx.convTranspose3d(x, w, each(stride), each(padding), each(dilation), groups)
                    : Mx.conv3d(x, w, each(stride), each(padding), each(dilation), groups);
        };
        return has("bias") ? y.add(array("bias")) : y;
    }

    @Override
    protected String describe() {
        return "kernel_size=" + array("weight").shape(1) + ", stride=" + stride + ", padding=" + padding + ", dilation="
                + dilation + ", groups=" + groups + ", bias=" + has("bias");
    }
}
