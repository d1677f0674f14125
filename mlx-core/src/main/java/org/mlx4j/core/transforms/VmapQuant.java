package org.mlx4j.core.transforms;

import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.primitives.QuantMatmul;

/**
 * The batched quantized matrix product. When only {@code x} is mapped and the quantized matrix is a
 * single one, the batch axis is one more leading axis of {@code x} (the matrix is shared, not repeated).
 * Otherwise every operand gets the batch axis, and the one with fewer leading axes gets unit axes after
 * it, so the product's batch broadcasting lines the examples up.
 */
final class VmapQuant {
    private VmapQuant() {}

    static Array matmul(QuantMatmul q, Array[] in, boolean[] isMapped, int batch, int[] perExampleShape) {
        boolean weightsMapped = false;
        for (int i = 1; i < in.length; i++) weightsMapped |= isMapped[i];
        Array biases = in.length > 3 ? in[3] : null;
        if (!weightsMapped && in[1].ndim() == 2) return product(q, in[0], in[1], in[2], biases);
        Array[] b = new Array[in.length];
        for (int i = 0; i < in.length; i++) b[i] = isMapped[i] ? in[i] : Vmap.withBatch(in[i], batch);
        if (b[0].ndim() == 2) b[0] = Mx.expandDims(b[0], 1);
        int xLead = b[0].ndim() - 3, wLead = b[1].ndim() - 3;
        if (xLead < wLead) b[0] = withUnitAxes(b[0], wLead - xLead);
        for (int i = 1; i < b.length && wLead < xLead; i++) b[i] = withUnitAxes(b[i], xLead - wLead);
        Array r = product(q, b[0], b[1], b[2], b.length > 3 ? b[3] : null);
        return Mx.reshape(r, VmapIndexing.prepend(batch, perExampleShape));
    }

    private static Array product(QuantMatmul q, Array x, Array wq, Array scales, Array biases) {
        return Mx.quantizedMatmul(x, wq, scales, biases, q.transpose(), q.groupSize(), q.bits(), q.mode().mlxName());
    }

    /** {@code a} with {@code count} unit axes inserted after its batch axis. */
    private static Array withUnitAxes(Array a, int count) {
        int[] axes = new int[count];
        for (int i = 0; i < count; i++) axes[i] = i + 1;
        return Mx.expandDims(a, axes);
    }
}
