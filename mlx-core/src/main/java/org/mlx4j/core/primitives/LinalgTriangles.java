package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import org.mlx4j.core.Array;

/** Triangles and diagonals of the last two axes, as graphs of ordinary ops (so they differentiate and vmap). */
public final class LinalgTriangles {
    private LinalgTriangles() {}

    /** {@code x} with the elements above diagonal {@code k} zeroed (NumPy's tril). */
    public static Array tril(Array x, int k) {
        int rows = x.shape(-2), cols = x.shape(-1);
        Array keep = lessEqual(expandDims(arange(cols), 0), add(expandDims(arange(rows), 1), array(k)));
        return multiply(x, astype(keep, x.dtype()));
    }

    /** {@code x} with the elements below diagonal {@code k} zeroed (NumPy's triu). */
    public static Array triu(Array x, int k) {
        int rows = x.shape(-2), cols = x.shape(-1);
        Array keep = greaterEqual(expandDims(arange(cols), 0), add(expandDims(arange(rows), 1), array(k)));
        return multiply(x, astype(keep, x.dtype()));
    }

    /** The last two axes swapped. */
    public static Array mT(Array x) { return swapAxes(x, -1, -2); }

    /** The main diagonal of each (square or not) matrix, {@code min(m, n)} long. */
    public static Array diagonal(Array x) {
        int rows = x.shape(-2), cols = x.shape(-1), k = Math.min(rows, cols);
        return sum(multiply(leading(x, k, k), eye(k, k, 0, x.dtype())), -1);
    }

    /** Each vector as the diagonal of a square matrix. */
    public static Array diagonalMatrix(Array v) {
        return multiply(expandDims(v, -1), eye(v.shape(-1), v.shape(-1), 0, v.dtype()));
    }

    /** The leading {@code rows x cols} block of each matrix. */
    public static Array leading(Array x, int rows, int cols) {
        int[] start = new int[x.ndim()], stop = x.shape(), step = new int[x.ndim()];
        java.util.Arrays.fill(step, 1);
        stop[stop.length - 2] = rows;
        stop[stop.length - 1] = cols;
        return slice(x, start, stop, step);
    }
}
