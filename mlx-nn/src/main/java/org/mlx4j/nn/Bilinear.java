package org.mlx4j.nn;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

/**
 * {@code y[o] = sum over i, j of x1[i] W[o, j, i] x2[j] + b[o]}, as MLX's {@code mlx.nn.Bilinear}: {@code weight}
 * {@code [out, in2, in1]} and {@code bias} {@code [out]}, drawn from {@code U(-1/sqrt(in1), 1/sqrt(in1))}.
 */
public class Bilinear extends Module {
    /**
     * A bilinear layer.
     *
     * @param in1 the features of the first input
     * @param in2 the features of the second input
     * @param out the output features
     * @param bias whether the layer has a bias
     * @throws IllegalArgumentException if a size is not positive
     */
    public Bilinear(int in1, int in2, int out, boolean bias) {
        Layers.checkPositive("Bilinear", "in1", in1);
        Layers.checkPositive("Bilinear", "in2", in2);
        Layers.checkPositive("Bilinear", "out", out);
        double scale = Math.sqrt(1.0 / in1);
        register("weight", Random.uniform(-scale, scale, new int[] {out, in2, in1}, DType.FLOAT32, null));
        if (bias) register("bias", Random.uniform(-scale, scale, new int[] {out}, DType.FLOAT32, null));
    }

    /**
     * Applies the layer to a pair of inputs with the same leading axes.
     *
     * @param x1 the first input, {@code [..., in1]}
     * @param x2 the second input, {@code [..., in2]}
     * @return {@code [..., out]}
     * @throws IllegalArgumentException if the last axes do not match the layer
     */
    public Array forward(Array x1, Array x2) {
        int[] w = array("weight").shape();
        int out = w[0], in2 = w[1], in1 = w[2];
        if (x1.shape(-1) != in1 || x2.shape(-1) != in2) {
            throw new IllegalArgumentException("Bilinear: expected inputs [..., " + in1 + "] and [..., " + in2 + "], got "
                    + java.util.Arrays.toString(x1.shape()) + " and " + java.util.Arrays.toString(x2.shape()));
        }
        int[] lead = java.util.Arrays.copyOf(x1.shape(), x1.ndim() - 1);
        Array a = x1.reshape(-1, in1);
        Array b = x2.reshape(-1, 1, in2);
        Array y = Mx.matmul(a, array("weight").reshape(out * in2, in1).T()); // [n, out * in2]
        y = Mx.swapAxes(y.reshape(-1, out, in2), -2, -1); // [n, in2, out]
        y = Mx.squeeze(Mx.matmul(b, y), 1); // [n, out]
        int[] shape = java.util.Arrays.copyOf(lead, lead.length + 1);
        shape[lead.length] = out;
        y = y.reshape(shape);
        return has("bias") ? y.add(array("bias")) : y;
    }

    @Override
    protected String describe() {
        int[] w = array("weight").shape();
        return "input1_dims=" + w[2] + ", input2_dims=" + w[1] + ", output_dims=" + w[0] + ", bias=" + has("bias");
    }
}
