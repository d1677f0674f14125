package org.mlx4j.nn;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

/**
 * A linear layer with a quantized weight, as MLX's {@code nn.QuantizedLinear}: {@code weight} (packed UINT32),
 * {@code scales} and {@code biases} in MLX's affine format, and an optional float {@code bias}; the layer computes
 * {@code quantizedMatmul(x, weight, scales, biases, transpose = true) + bias}. All its parameters, the bias included, are frozen
 * (not trained), and stay frozen through {@link #unfreeze()}, as in MLX; checkpoints of mlx-community models load into it
 * unchanged.
 */
public class QuantizedLinear extends Module implements UnaryLayer {
    private final int groupSize;
    private final int bits;

    /**
     * A layer with a random weight (drawn as {@link Linear}'s, then quantized).
     *
     * @param inDims the input features, a multiple of {@code groupSize}
     * @param outDims the output features
     * @param bias whether the layer has a bias
     * @param groupSize the quantization group size (32, 64 or 128)
     * @param bits the bits per weight (2, 3, 4, 5, 6 or 8)
     */
    public QuantizedLinear(int inDims, int outDims, boolean bias, int groupSize, int bits) {
        this(Random.uniform(-Math.sqrt(1.0 / inDims), Math.sqrt(1.0 / inDims), new int[] {outDims, inDims}, DType.FLOAT32, null),
                bias ? Mx.zeros(new int[] {outDims}, DType.FLOAT32) : null, groupSize, bits);
    }

    private QuantizedLinear(Array weight, Array bias, int groupSize, int bits) {
        this.groupSize = groupSize;
        this.bits = bits;
        List<Array> q = Mx.quantize(weight, groupSize, bits);
        register("weight", q.get(0));
        register("scales", q.get(1));
        register("biases", q.get(2));
        if (bias != null) register("bias", bias);
        freeze();
    }

    /**
     * The quantized form of a linear layer: its weight quantized, its bias kept. MLX:
     * {@code QuantizedLinear.from_linear}.
     *
     * @param linear the layer
     * @param groupSize the quantization group size
     * @param bits the bits per weight
     * @return the quantized layer
     */
    public static QuantizedLinear from(Linear linear, int groupSize, int bits) {
        return new QuantizedLinear(linear.array("weight"), linear.has("bias") ? linear.array("bias") : null, groupSize, bits);
    }

    @Override
    public Array forward(Array x) {
        Array y = Mx.quantizedMatmul(x, array("weight"), array("scales"), array("biases"), true, groupSize, bits);
        return has("bias") ? y.add(array("bias")) : y;
    }

    @Override
    protected List<String> alwaysFrozen() { return has("bias") ? List.of("weight", "scales", "biases", "bias") : List.of("weight", "scales", "biases"); }

    @Override
    protected String describe() {
        int[] s = array("scales").shape();
        return "input_dims=" + s[s.length - 1] * groupSize + ", output_dims=" + s[0] + ", bias=" + has("bias")
                + ", group_size=" + groupSize + ", bits=" + bits;
    }
}
