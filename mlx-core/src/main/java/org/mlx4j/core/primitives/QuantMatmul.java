package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;

/**
 * Matrix product with a quantized matrix: inputs {@code x} (FLOAT32, {@code [..., M, K]} or {@code [K]}),
 * {@code wq} (UINT32, packed rows), {@code scales} (FLOAT32 for affine, UINT8 for the float modes) and,
 * for affine, {@code biases} (FLOAT32); the output is FLOAT32. With {@code transpose} it is
 * {@code x @ W.T} for the dequantized {@code W [..., N, K]}, otherwise {@code x @ W} for {@code W [..., K, N]}.
 * The leading axes of {@code x} and {@code W} are equal, or {@code W} has none.
 *
 * <p>The product is linear in {@code x} and, jointly, in {@code (scales, biases)} (the dequantized matrix
 * is {@code scales * codes + biases}), so both derivatives are products again; the packed codes have none.
 */
public record QuantMatmul(int groupSize, int bits, QuantMode mode, boolean transpose) implements Primitive {

    private Array product(Array x, Array wq, Array scales, Array biases, boolean transposed) {
        return quantizedMatmul(x, wq, scales, biases, transposed, groupSize, bits, mode.mlxName());
    }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array x = primals.get(0), wq = primals.get(1), scales = primals.get(2), ct = cotangents.get(0);
        Array biases = mode.hasBiases() ? primals.get(3) : null;
        Array[] grads = new Array[argnums.length];
        Array dense = null;
        for (int i = 0; i < argnums.length; i++) {
            switch (argnums[i]) {
                case 0 -> grads[i] = product(ct, wq, scales, biases, !transpose);
                case 1 -> throw new IllegalArgumentException("quantizedMatmul: the packed weights (UINT32 codes) have no gradient;"
                        + " differentiate with respect to x, or to scales and biases in affine mode");
                default -> {
                    if (!mode.hasBiases()) {
                        throw new IllegalArgumentException("quantizedMatmul: the " + mode.mlxName()
                                + " scales (UINT8 exponents) have no gradient; differentiate with respect to x");
                    }
                    if (dense == null) dense = denseWeightGradient(x, ct, wq.ndim());
                    Array groups = groupsOf(dense);
                    grads[i] = argnums[i] == 2
                            ? sum(multiply(groups, groupsOf(astype(QuantCodes.unpack(wq, bits), DType.FLOAT32))), -1)
                            : sum(groups, -1);
                }
            }
        }
        return List.of(grads);
    }

    /** The gradient with respect to the dequantized matrix, in its layout ({@code [..., N, K]} when transposed). */
    private Array denseWeightGradient(Array x, Array ct, int wNdim) {
        Array x2 = x.ndim() == 1 ? reshape(x, 1, x.shape(0)) : x;
        Array ct2 = ct.ndim() == 1 ? reshape(ct, 1, ct.shape(0)) : ct;
        Array g = transpose ? matmul(swapAxes(ct2, -1, -2), x2) : matmul(swapAxes(x2, -1, -2), ct2);
        int lead = g.ndim() - wNdim;
        if (lead > 0) {
            int[] axes = new int[lead];
            for (int i = 0; i < lead; i++) axes[i] = i;
            g = sum(g, axes);
        }
        return g;
    }

    /** {@code [..., rows, cols]} as {@code [..., rows, cols / groupSize, groupSize]}. */
    private Array groupsOf(Array a) {
        int[] s = a.shape();
        int[] g = java.util.Arrays.copyOf(s, s.length + 1);
        g[s.length - 1] = s[s.length - 1] / groupSize;
        g[s.length] = groupSize;
        return reshape(a, g);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array x = primals.get(0), wq = primals.get(1), scales = primals.get(2);
        Array biases = mode.hasBiases() ? primals.get(3) : null;
        Array tx = tangents.get(0);
        Array result = tx == null ? null : product(tx, wq, scales, biases, transpose);
        if (mode.hasBiases() && (tangents.get(2) != null || tangents.get(3) != null)) {
            Array ts = Tangents.orZeros(tangents.get(2), scales), tb = Tangents.orZeros(tangents.get(3), biases);
            result = Tangents.add(result, product(x, wq, ts, tb, transpose));
        }
        return Tangents.one(result);
    }
}
