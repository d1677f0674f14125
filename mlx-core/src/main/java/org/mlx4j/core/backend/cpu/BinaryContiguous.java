package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import org.mlx4j.core.graph.BinaryOp;

/**
 * One binary op on one dtype over contiguous runs: the three vector-friendly cases of MLX's
 * {@code binary.h} (vector-vector, scalar-vector, vector-scalar). Indices are in elements; the output
 * run is contiguous and its element type is BOOL for comparisons and logical ops.
 * {@link BinaryStrided} reduces every other layout to these.
 */
interface BinaryContiguous {
    /** {@code o[oi + k] = op(a[ai + k], b[bi + k])}. */
    void vv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n);

    /** {@code o[oi + k] = op(a[ai], b[bi + k])}. */
    void sv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n);

    /** {@code o[oi + k] = op(a[ai + k], b[bi])}. */
    void vs(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n);

    /** The op that gives the same result with its operands exchanged, or null when there is none. */
    static BinaryOp swapped(BinaryOp op) { return op.swapped(); }
}
