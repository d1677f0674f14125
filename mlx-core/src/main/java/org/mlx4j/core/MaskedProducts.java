package org.mlx4j.core;

import java.util.Arrays;

/**
 * MLX's matmul variants that select or mask parts of the product ({@code block_masked_mm}, {@code gather_mm},
 * {@code segmented_mm}), built from take, broadcasting multiplies and matmul, so their gradients, jvps and
 * vmaps are those of the ops they are made of.
 */
final class MaskedProducts {
    private MaskedProducts() {}

    /**
     * MLX: {@code mx.block_masked_mm}. Blocks of {@code blockSize x blockSize} of {@code a}, {@code b} and the
     * output are kept or zeroed (BOOL masks) or scaled (floating masks) by one mask element each; a mask has
     * the batch shape then {@code ceil(rows / blockSize), ceil(cols / blockSize)}. Null masks mask nothing.
     */
    static Array blockMaskedMm(Array a, Array b, int blockSize, Array maskOut, Array maskLhs, Array maskRhs) {
        String op = "blockMaskedMm";
        if (blockSize != 32 && blockSize != 64) {
            throw new IllegalArgumentException(op + ": blockSize must be 32 or 64 (as MLX), got " + blockSize);
        }
        if (a.ndim() < 2 || b.ndim() < 2) {
            throw new IllegalArgumentException(op + ": a and b need at least 2 dimensions, got shapes " + Shapes.str(a.shape())
                    + " and " + Shapes.str(b.shape()));
        }
        DType t = DType.promote(a.dtype(), b.dtype());
        if (!t.isFloating()) {
            throw new IllegalArgumentException(op + ": only floating point types are supported, got " + a.dtype().mlxName()
                    + " and " + b.dtype().mlxName());
        }
        int m = a.shape(-2), k = a.shape(-1), n = b.shape(-1);
        if (maskLhs != null) a = Mx.multiply(a, expand(op, "maskLhs", maskLhs, blockSize, m, k, t));
        if (maskRhs != null) b = Mx.multiply(b, expand(op, "maskRhs", maskRhs, blockSize, k, n, t));
        Array out = Mx.matmul(a, b);
        if (maskOut != null) out = Mx.multiply(out, expand(op, "maskOut", maskOut, blockSize, m, n, t));
        return out;
    }

    /** A block mask of shape {@code (..., ceil(rows/bs), ceil(cols/bs))} repeated to {@code (..., rows, cols)} in dtype t. */
    private static Array expand(String op, String name, Array mask, int bs, int rows, int cols, DType t) {
        int tr = (rows + bs - 1) / bs, tc = (cols + bs - 1) / bs;
        if (mask.ndim() < 2 || mask.shape(-2) != tr || mask.shape(-1) != tc) {
            throw new IllegalArgumentException(op + ": " + name + " must end with the block counts (" + tr + ", " + tc
                    + ") for " + rows + " x " + cols + " blocked by " + bs + ", got shape " + Shapes.str(mask.shape()));
        }
        if (mask.dtype() != DType.BOOL && !mask.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": " + name + " must be BOOL or floating, got " + mask.dtype().mlxName());
        }
        int[] s = mask.shape();
        int nb = s.length - 2;
        int[] blocks = Arrays.copyOf(s, nb + 4);
        blocks[nb] = tr;
        blocks[nb + 1] = 1;
        blocks[nb + 2] = tc;
        blocks[nb + 3] = 1;
        int[] tiled = blocks.clone();
        tiled[nb + 1] = bs;
        tiled[nb + 3] = bs;
        int[] full = Arrays.copyOf(s, nb + 2);
        full[nb] = tr * bs;
        full[nb + 1] = tc * bs;
        Array x = Mx.reshape(Mx.broadcastTo(Mx.reshape(Mx.astype(mask, t), blocks), tiled), full);
        if (full[nb] == rows && full[nb + 1] == cols) return x;
        int[] start = new int[nb + 2], stop = full.clone(), step = new int[nb + 2];
        Arrays.fill(step, 1);
        stop[nb] = rows;
        stop[nb + 1] = cols;
        return Mx.slice(x, start, stop, step);
    }

    /**
     * MLX: {@code mx.gather_mm}: {@code a[lhs] @ b[rhs]} where the indices select matrices by their flat index
     * over the batch axes (all but the last two) of {@code a} and {@code b}. A null index array stands for
     * every matrix in order (the batch axes as they are). The result has the broadcast shape of the indices,
     * then {@code M, N}. {@code sortedIndices} is a hint (the result is the same).
     */
    static Array gatherMm(Array a, Array b, Array lhsIndices, Array rhsIndices, boolean sortedIndices) {
        String op = "gatherMm";
        if (a.ndim() < 2 || b.ndim() < 2) {
            throw new IllegalArgumentException(op + ": a and b need at least 2 dimensions, got shapes " + Shapes.str(a.shape())
                    + " and " + Shapes.str(b.shape()));
        }
        return Mx.matmul(select(op, "lhsIndices", a, lhsIndices), select(op, "rhsIndices", b, rhsIndices));
    }

    private static Array select(String op, String name, Array x, Array indices) {
        if (indices == null) return x;
        if (!indices.dtype().isInteger()) {
            throw new IllegalArgumentException(op + ": " + name + " must have an integer dtype, got " + indices.dtype().mlxName());
        }
        int[] s = x.shape();
        Array flat = Mx.reshape(x, -1, s[s.length - 2], s[s.length - 1]);
        return Mx.take(flat, indices, 0);
    }

    /**
     * MLX: {@code mx.segmented_mm}: for each {@code [start, end)} pair on the last axis of {@code segments},
     * the product of {@code a}'s columns and {@code b}'s rows in that range of the inner dimension. The result
     * has the shape of {@code segments} without its last axis, then {@code M, N} (batch axes broadcast).
     */
    static Array segmentedMm(Array a, Array b, Array segments) {
        String op = "segmentedMm";
        if (a.ndim() < 2 || b.ndim() < 2) {
            throw new IllegalArgumentException(op + ": a and b need at least 2 dimensions, got shapes " + Shapes.str(a.shape())
                    + " and " + Shapes.str(b.shape()));
        }
        if (segments.ndim() < 1 || segments.shape(-1) != 2 || !segments.dtype().isInteger()) {
            throw new IllegalArgumentException(op + ": segments must be integer pairs [start, end) along the last axis, got "
                    + segments.dtype().mlxName() + " " + Shapes.str(segments.shape()));
        }
        int k = a.shape(-1);
        if (b.shape(-2) != k) {
            throw new IllegalArgumentException(op + ": inner dimensions differ: shapes " + Shapes.str(a.shape()) + " and "
                    + Shapes.str(b.shape()));
        }
        java.util.List<Array> bounds = Mx.split(segments, 2, -1);
        Array ks = Mx.arange(k);
        Array inside = Mx.logicalAnd(Mx.greaterEqual(ks, bounds.get(0)), Mx.less(ks, bounds.get(1))); // (..., S, K)
        DType t = DType.promote(a.dtype(), b.dtype());
        Array mask = Mx.expandDims(Mx.astype(inside, t), -2); // (..., S, 1, K)
        return Mx.matmul(Mx.multiply(Mx.expandDims(a, -3), mask), Mx.expandDims(b, -3));
    }
}
