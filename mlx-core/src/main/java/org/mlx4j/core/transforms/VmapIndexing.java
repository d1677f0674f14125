package org.mlx4j.core.transforms;

import org.mlx4j.core.graph.Handles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.primitives.Gather;
import org.mlx4j.core.primitives.Scatter;
import org.mlx4j.core.primitives.Take;

/**
 * Batched forms of the indexing primitives, as MLX's vmap rules build them: a mapped source gets the
 * batch axis as one more indexed axis, whose index array is an arange over the batch broadcast against
 * the other indices. Each rule builds a fixed number of nodes, whatever the batch size.
 *
 * <p>Every rule takes the node's inputs as {@code in} with {@code mapped[i]} telling whether input i
 * carries the batch on axis 0 (otherwise it is the unbatched value), and returns the output with the
 * batch on axis 0.
 */
final class VmapIndexing {
    private VmapIndexing() {}

    /** Gather(src, idx...): output {@code [N] + B + sliceSizes}. */
    static Array gather(Gather g, Array[] in, boolean[] mapped, int batch, int[] outShape) {
        Array src = in[0];
        int[] b = indexShape(in, mapped, 1);
        List<Array> indices = batchedIndices(in, mapped, 1, batch);
        if (!mapped[0]) return Handles.make(g, prepend(batch, outShape), src.dtype(), inputs(src, null, indices));
        indices.addFirst(batchIndex(batch, b));
        Gather q = new Gather(prepend(0, shift(g.axes())), prepend(1, g.sliceSizes()));
        int[] shape = concat(prepend(batch, b), prepend(1, g.sliceSizes()));
        return Handles.make(q, shape, src.dtype(), inputs(src, null, indices)).reshape(prepend(batch, outShape));
    }

    /** Scatter(dst, updates, idx...): output {@code [N] + dst.shape}. */
    static Array scatter(Scatter s, Array[] in, boolean[] mapped, int batch) {
        Array dst = mapped[0] ? in[0] : Vmap.withBatch(in[0], batch);
        Array updates = mapped[1] ? in[1] : Vmap.withBatch(in[1], batch);
        int[] b = indexShape(in, mapped, 2);
        List<Array> indices = batchedIndices(in, mapped, 2, batch);
        indices.addFirst(batchIndex(batch, b));
        // updates [N] + B + slice gain the batch axis' slice extent 1 after B
        int[] us = updates.shape();
        int[] withBatchSlice = new int[us.length + 1];
        System.arraycopy(us, 0, withBatchSlice, 0, 1 + b.length);
        withBatchSlice[1 + b.length] = 1;
        System.arraycopy(us, 1 + b.length, withBatchSlice, 2 + b.length, us.length - 1 - b.length);
        Scatter q = new Scatter(s.op(), prepend(0, shift(s.axes())));
        return Handles.make(q, dst.shape(), dst.dtype(), inputs(dst, updates.reshape(withBatchSlice), indices));
    }

    /** Take(src, idx) along {@code axis}: per example {@code src[:axis] + idx + src[axis+1:]}. */
    static Array take(Take t, Array[] in, boolean[] mapped, int batch) {
        Array src = in[0], idx = in[1];
        int ax = t.axis();
        if (!mapped[1]) return Mx.take(src, idx, ax + 1); // the batch leads the source's axes already
        if (!mapped[0]) return Mx.moveAxis(Mx.take(src, idx, ax), ax, 0); // the batch leads the index axes
        // both mapped: a gather over (batch, axis) with slices of one element along both
        int[] s = src.shape(), is = idx.shape();
        int ib = is.length - 1, sd = s.length - 1; // per-example index rank and source rank
        int[] b = Arrays.copyOfRange(is, 1, is.length);
        int[] slice = s.clone();
        slice[0] = 1;
        slice[ax + 1] = 1;
        Gather q = new Gather(new int[] {0, ax + 1}, slice);
        Array gathered = Handles.make(q, concat(is, slice), src.dtype(), src, batchIndex(batch, b), idx);
        // [N] + I + [1] + s[:ax] + [1] + s[ax+1:] -> [N] + I + s[:ax] + s[ax+1:] -> [N] + s[:ax] + I + s[ax+1:]
        int[] squeezed = new int[1 + ib + sd - 1];
        squeezed[0] = batch;
        System.arraycopy(b, 0, squeezed, 1, ib);
        for (int d = 0, k = 1 + ib; d < sd; d++) if (d != ax) squeezed[k++] = s[d + 1];
        int[] perm = new int[squeezed.length];
        int k = 1;
        for (int d = 0; d < ax; d++) perm[k++] = 1 + ib + d;
        for (int d = 0; d < ib; d++) perm[k++] = 1 + d;
        for (int d = ax + 1; d < sd; d++) perm[k++] = 1 + ib + d - 1;
        return Mx.transpose(gathered.reshape(squeezed), perm);
    }

    /** The per-example broadcast shape {@code B} of the index arrays {@code in[from..]} (all of one shape). */
    private static int[] indexShape(Array[] in, boolean[] mapped, int from) {
        if (in.length <= from) return new int[0];
        int[] s = in[from].shape();
        return mapped[from] ? Arrays.copyOfRange(s, 1, s.length) : s;
    }

    /** The index arrays {@code in[from..]}, each with the batch on axis 0 (a view where it was unmapped). */
    private static List<Array> batchedIndices(Array[] in, boolean[] mapped, int from, int batch) {
        List<Array> out = new ArrayList<>();
        for (int i = from; i < in.length; i++) out.add(mapped[i] ? in[i] : Vmap.withBatch(in[i], batch));
        return out;
    }

    /** {@code arange(batch)} along axis 0, broadcast to {@code [batch] + b}: the index of the batch axis. */
    private static Array batchIndex(int batch, int[] b) {
        int[] column = new int[b.length + 1];
        Arrays.fill(column, 1);
        column[0] = batch;
        return Mx.broadcastTo(Mx.arange(batch).reshape(column), prepend(batch, b));
    }

    private static Array[] inputs(Array first, Array second, List<Array> indices) {
        List<Array> all = new ArrayList<>();
        all.add(first);
        if (second != null) all.add(second);
        all.addAll(indices);
        return all.toArray(new Array[0]);
    }

    static int[] prepend(int v, int[] s) {
        int[] r = new int[s.length + 1];
        r[0] = v;
        System.arraycopy(s, 0, r, 1, s.length);
        return r;
    }

    static int[] shift(int[] axes) {
        int[] r = new int[axes.length];
        for (int i = 0; i < axes.length; i++) r[i] = axes[i] + 1;
        return r;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
