package org.mlx4j.core;

import java.util.List;

/**
 * The contraction order {@link Mx#einsum} uses for a subscript string and operand shapes, as
 * {@link Mx#einsumPath} reports it. MLX: the result of {@code mx.einsum_path}.
 *
 * <p>Each step of {@code path} lists two positions in the current operand list (NumPy's convention): those
 * two operands are removed and their contraction is appended at the end. Costs count multiply-adds: a
 * pairwise step costs the product of the sizes of every axis either operand has.
 *
 * @param path the pairwise contraction steps, in order
 * @param naiveCost the multiply-adds of contracting all operands at once (the product of every axis size,
 * times the number of operands less one)
 * @param optimizedCost the multiply-adds of the steps of {@code path}
 * @param largestIntermediate the number of elements of the largest intermediate result
 * @param report a readable summary: the subscripts, both costs, and one line per step
 */
public record EinsumPath(List<int[]> path, double naiveCost, double optimizedCost, long largestIntermediate, String report) {
    /**
     * A copy of the path with its steps copied too (the record's arrays are not shared).
     *
     * @param path the steps
     * @param naiveCost the cost of contracting all at once
     * @param optimizedCost the cost of the steps
     * @param largestIntermediate the largest intermediate's size
     * @param report the summary
     */
    public EinsumPath {
        path = path.stream().map(int[]::clone).toList();
    }

    /**
     * How many times fewer multiply-adds the path takes than contracting all operands at once.
     *
     * @return {@code naiveCost / optimizedCost}
     */
    public double speedup() { return optimizedCost == 0 ? 1 : naiveCost / optimizedCost; }

    /**
     * The summary.
     *
     * @return {@link #report()}
     */
    @Override
    public String toString() { return report; }
}
