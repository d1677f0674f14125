package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A source view with its axes collapsed (size-1 axes dropped, neighbours that step through memory
 * as one axis merged), and the loops that read it in row-major order: {@link #gather} for any
 * range of positions and {@link #transposeCopy} for views whose last axis is the slow one.
 */
final class CopyLayout {
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;
    /** Side of the square tiles of {@link #transposeCopy}. */
    private static final int TILE = 16;

    final long[] shape;
    final long[] strides;
    final long offset;
    final long size;

    private CopyLayout(long[] shape, long[] strides, long offset, long size) {
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.size = size;
    }

    static CopyLayout of(StridedView v) {
        int n = v.ndim();
        long[] sh = new long[Math.max(1, n)];
        long[] st = new long[Math.max(1, n)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            long extent = v.shape()[i], stride = v.strides()[i];
            if (extent == 1) continue;
            if (k > 0 && st[k - 1] == stride * extent) {
                sh[k - 1] *= extent;
                st[k - 1] = stride;
            } else {
                sh[k] = extent;
                st[k] = stride;
                k++;
            }
        }
        if (k == 0) { // one element
            sh[0] = 1;
            st[0] = 1;
            k = 1;
        }
        long size = 1;
        for (int i = 0; i < k; i++) size *= sh[i];
        return new CopyLayout(java.util.Arrays.copyOf(sh, k), java.util.Arrays.copyOf(st, k), v.offset(), size);
    }

    int rank() { return shape.length; }

    /** Elements are consecutive in memory, in order. */
    boolean isContiguous() { return shape.length == 1 && (strides[0] == 1 || shape[0] == 1); }

    /** Every position reads the same element. */
    boolean isBroadcast() { return shape.length == 1 && strides[0] == 0; }

    /**
     * True when the last axis steps further through memory than the one before it, as in a
     * transposed matrix: such copies go tile by tile so both sides stay in cache.
     */
    boolean isTransposed() {
        int r = shape.length;
        return r >= 2 && Math.abs(strides[r - 1]) > 1 && Math.abs(strides[r - 2]) < Math.abs(strides[r - 1]);
    }

    /**
     * Copies the elements at row-major positions {@code [start, end)} of this view of {@code src}
     * ({@code es} bytes each) to consecutive elements of {@code dst} from byte {@code dstByte}.
     */
    void gather(MemorySegment src, int es, long start, long end, MemorySegment dst, long dstByte) {
        if (start >= end) return;
        int r = shape.length;
        long inner = shape[r - 1], s = strides[r - 1];
        long[] idx = new long[r];
        long rem = start, base = offset;
        for (int d = r - 1; d >= 0; d--) {
            idx[d] = rem % shape[d];
            rem /= shape[d];
            base += idx[d] * strides[d];
        }
        long pos = start;
        while (true) {
            long count = Math.min(inner - idx[r - 1], end - pos);
            copyRun(src, base, s, count, es, dst, dstByte + (pos - start) * es);
            pos += count;
            if (pos >= end) return;
            // the run reached the end of the last axis: carry into the outer ones
            base -= idx[r - 1] * s; // back to the row start
            idx[r - 1] = 0;
            for (int d = r - 2; d >= 0; d--) {
                base += strides[d];
                if (++idx[d] < shape[d]) break;
                base -= shape[d] * strides[d];
                idx[d] = 0;
            }
        }
    }

    /** Copies {@code count} elements at {@code src[base + k*stride]} to consecutive {@code dst} bytes. */
    static void copyRun(MemorySegment src, long base, long stride, long count, int es, MemorySegment dst, long dstByte) {
        if (stride == 1) {
            MemorySegment.copy(src, base * es, dst, dstByte, count * es);
            return;
        }
        switch (es) {
            case 1 -> {
                for (long k = 0, i = base; k < count; k++, i += stride)
                    dst.set(ValueLayout.JAVA_BYTE, dstByte + k, src.get(ValueLayout.JAVA_BYTE, i));
            }
            case 2 -> {
                for (long k = 0, i = base; k < count; k++, i += stride)
                    dst.set(I16, dstByte + 2 * k, src.getAtIndex(I16, i));
            }
            case 4 -> {
                for (long k = 0, i = base; k < count; k++, i += stride)
                    dst.set(I32, dstByte + 4 * k, src.getAtIndex(I32, i));
            }
            case 8 -> {
                for (long k = 0, i = base; k < count; k++, i += stride)
                    dst.set(I64, dstByte + 8 * k, src.getAtIndex(I64, i));
            }
            default -> throw new IllegalStateException("no " + es + "-byte elements");
        }
    }

    /**
     * Copies the whole view to a contiguous {@code dst} (same element size) in square tiles of the
     * last two axes, fanned out over tiles. Use when {@link #isTransposed()}.
     */
    void transposeCopy(MemorySegment src, int es, MemorySegment dst, long dstByte) {
        int r = shape.length;
        long rows = shape[r - 2], cols = shape[r - 1];
        long rowTiles = (rows + TILE - 1) / TILE;
        long outer = size / (rows * cols);
        long grain = Math.max(1, (1L << 16) / (TILE * cols));
        Parallel.forRange(outer * rowTiles, grain, (s, e) -> {
            for (long t = s; t < e; t++) {
                long o = t / rowTiles, r0 = (t % rowTiles) * TILE;
                long base = offset, rest = o;
                for (int d = r - 3; d >= 0; d--) {
                    base += (rest % shape[d]) * strides[d];
                    rest /= shape[d];
                }
                long outRow0 = dstByte + (o * rows) * cols * es;
                tile(src, es, base, r0, Math.min(rows, r0 + TILE), cols, dst, outRow0);
            }
        });
    }

    private void tile(MemorySegment src, int es, long base, long r0, long r1, long cols, MemorySegment dst, long out0) {
        int r = shape.length;
        long sr = strides[r - 2], sc = strides[r - 1];
        for (long c0 = 0; c0 < cols; c0 += TILE) {
            long c1 = Math.min(cols, c0 + TILE);
            if (es == 4) { // the common float32 case: walk the source along its short stride
                for (long j = c0; j < c1; j++) {
                    long in = base + r0 * sr + j * sc, out = out0 + (r0 * cols + j) * 4;
                    for (long i = r0; i < r1; i++, in += sr, out += cols * 4) dst.set(I32, out, src.getAtIndex(I32, in));
                }
            } else {
                for (long i = r0; i < r1; i++) {
                    copyRun(src, base + i * sr + c0 * sc, sc, c1 - c0, es, dst, out0 + (i * cols + c0) * es);
                }
            }
        }
    }
}
