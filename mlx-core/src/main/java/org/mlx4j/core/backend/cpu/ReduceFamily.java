package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.ReduceOp;

/**
 * The arithmetic of one reduction op over one group of input dtypes. The executor owns the loops
 * over outputs and threads; a family folds runs and rows of input into accumulators held in a
 * {@code long[]} ({@link #width()} slots per accumulator; floating families store the raw bits of
 * a double), merges partial accumulators and writes the converted result.
 * All offsets are in input elements; strides may be any value, including 0.
 */
abstract class ReduceFamily {
    final ReduceOp op;
    final DType in;

    ReduceFamily(ReduceOp op, DType in) {
        this.op = op;
        this.in = in;
    }

    static ReduceFamily of(ReduceOp op, DType in) {
        if (op == ReduceOp.ALL || op == ReduceOp.ANY) return new ReduceBoolFamily(op, in);
        return switch (in) {
            case FLOAT16, BFLOAT16, FLOAT32 -> new ReduceFloatFamily(op, in);
            case FLOAT64 -> new ReduceDoubleFamily(op, in);
            case COMPLEX64 -> new ReduceComplexFamily(op, in);
            default -> new ReduceLongFamily(op, in);
        };
    }

    /** longs per accumulator. */
    int width() { return 1; }

    /** Sets accumulators {@code [slot, slot+count)} to the identity of the op. */
    abstract void fill(long[] acc, int slot, int count);

    /** acc[slot] op= every element {@code in[off + i*stride]}, i in [0, n). */
    abstract void run(long[] acc, int slot, MemorySegment s, long off, long stride, long n);

    /**
     * acc[slot + c] op= {@code in[base + rows[r] + c]} for c in [0, w), r in [0, nRows):
     * whole contiguous rows at a time. {@code w <= ReduceScratch.PIECE}.
     */
    abstract void columns(long[] acc, int slot, MemorySegment s, long base, int w, long[] rows, int nRows);

    /** acc[dst] op= src[srcSlot]. */
    abstract void merge(long[] acc, int dst, long[] src, int srcSlot);

    /** Folds the same value in {@code count} times more (broadcast reduced axes). */
    void repeat(long[] acc, int slot, long count) {}

    /** Writes acc[slot] converted to {@code outType} at element {@code index} of {@code out}. */
    abstract void write(long[] acc, int slot, MemorySegment out, DType outType, long index);

    final String describe() { return op.opName() + " over " + in.mlxName(); }
}
