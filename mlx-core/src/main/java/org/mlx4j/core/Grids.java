package org.mlx4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** NumPy's and MLX's {@code meshgrid}. */
final class Grids {
    private Grids() {}

    /**
     * Coordinate arrays from 1-d coordinate vectors (others are flattened): with {@code "xy"} indexing the
     * first two output axes are exchanged (Cartesian), with {@code "ij"} they are not (matrix); {@code sparse}
     * leaves each output with extent 1 on the other axes instead of broadcasting it.
     */
    static List<Array> meshgrid(List<Array> arrays, boolean sparse, String indexing) {
        boolean xy;
        if ("xy".equals(indexing)) xy = true;
        else if ("ij".equals(indexing)) xy = false;
        else throw new IllegalArgumentException("meshgrid: indexing must be 'xy' or 'ij', got " + indexing);
        int n = arrays.size();
        int[] lengths = new int[n];
        List<Array> flat = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Array a = ShapeOps.reshape(arrays.get(i), -1);
            flat.add(a);
            lengths[i] = a.shape(0);
        }
        int[] shape = lengths.clone();
        if (xy && n >= 2) {
            shape[0] = lengths[1];
            shape[1] = lengths[0];
        }
        List<Array> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int pos = xy && n >= 2 && i < 2 ? 1 - i : i;
            int[] s = new int[n];
            Arrays.fill(s, 1);
            s[pos] = lengths[i];
            Array g = ShapeOps.reshape(flat.get(i), s);
            out.add(sparse ? g : ShapeOps.broadcastTo(g, shape));
        }
        return out;
    }
}
