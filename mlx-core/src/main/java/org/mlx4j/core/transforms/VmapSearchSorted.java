package org.mlx4j.core.transforms;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.primitives.SearchSorted;

/**
 * The batched form of {@link SearchSorted}: with only the values mapped, the same primitive over the batched
 * values; with the sorted array mapped too, a count per example of its elements that go before each value.
 */
final class VmapSearchSorted {
    private VmapSearchSorted() {}

    /** {@code in[0]} the sorted array, {@code in[1]} the values; mapped inputs carry the batch on axis 0. */
    static Array batched(SearchSorted s, Array[] in, boolean[] isMapped, int batch) {
        Array a = in[0], v = in[1];
        if (!isMapped[0]) {
            int[] shape = v.shape();
            return Handles.make(s, shape, DType.INT32, a, v);
        }
        if (!isMapped[1]) v = Mx.broadcastTo(Mx.expandDims(v, 0), prepend(batch, v.shape()));
        int n = a.shape(1);
        int[] aShape = new int[v.ndim() + 1];
        java.util.Arrays.fill(aShape, 1);
        aShape[0] = batch;
        aShape[aShape.length - 1] = n;
        Array sorted = Mx.reshape(a, aShape); // [B, 1..., n] against values [B, ..., 1]
        Array x = Mx.expandDims(v, v.ndim());
        Array before = s.right()
                ? Mx.logicalOr(Mx.lessEqual(sorted, x), Mx.logicalAnd(Mx.isnan(sorted), Mx.isnan(x)))
                : Mx.logicalOr(Mx.less(sorted, x), Mx.logicalAnd(Mx.logicalNot(Mx.isnan(sorted)), Mx.isnan(x)));
        return Mx.sum(before, new int[] {-1}, false).astype(DType.INT32);
    }

    private static int[] prepend(int b, int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = b;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }
}
