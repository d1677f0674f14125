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

    /** The error for ALL or ANY reaching an arithmetic family; {@link #of} gives them {@link ReduceBoolFamily}. */
    static IllegalStateException boolOp(ReduceOp op) {
        return new IllegalStateException(op.opName() + " is reduced by the bool family, not an arithmetic one");
    }

    /** longs per accumulator. */
    int width() { return 1; }

    /** Sets accumulators {@code [slot, slot+count)} to the identity of the op. */
    abstract void fill(long[] acc, int slot, int count);

    /**
     * The value written for a reduction over no elements: the identity, except that sums give
     * +0.0 where their accumulators start from -0.0 (so that a sum of -0.0 stays -0.0).
     */
    void fillEmpty(long[] acc) {
        fill(acc, 0, 1);
        if (op == ReduceOp.SUM) java.util.Arrays.fill(acc, 0, width(), 0L);
    }

    /** acc[slot] op= every element {@code in[off + i*stride]}, i in [0, n). */
    abstract void run(long[] acc, int slot, MemorySegment s, long off, long stride, long n);

    /**
     * acc[slot + k] op= the run of n elements at {@code off + k*step} (stride {@code stride}), for
     * k in [0, count): many short runs without a call per run.
     */
    void runs(long[] acc, int slot, int count, MemorySegment s, long off, long step, long stride, long n) {
        for (int k = 0; k < count; k++) run(acc, slot + k, s, off + k * step, stride, n);
    }

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

    /**
     * Column blocks narrower than this whose rows are back to back are folded as one contiguous
     * block cut into virtual rows of {@link #virtualWidth} elements (see {@link #block}): full
     * vectors instead of a scalar tail per row. Element c of a virtual row belongs to column c % w.
     */
    static final int NARROW = 64;

    /** The least multiple of both w and 16 lanes (at most 1008 for w below {@link #NARROW}). */
    static int virtualWidth(int w) {
        int a = w, b = 16;
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return w / a * 16;
    }

    /**
     * acc[slot + j % w] op= {@code in[start + j]} for j in [0, total): {@code total / w} contiguous
     * rows of a narrow column block ({@code w < NARROW}, {@code total <= batchRows(w) * w}). This
     * default folds them as rows; the vector families fold virtual rows instead.
     */
    void block(long[] acc, int slot, MemorySegment s, long start, int w, long total) {
        int nRows = (int) (total / w);
        long[] rows = new long[nRows];
        for (int r = 0; r < nRows; r++) rows[r] = (long) r * w;
        columns(acc, slot, s, start, w, rows, nRows);
    }

    /** Rows per {@link #columns} call for w columns: enough to fill 256 virtual rows when narrow. */
    static int batchRows(int w, int flush) {
        return w < NARROW ? flush * (virtualWidth(w) / w) : flush;
    }
}
