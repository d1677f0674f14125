package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.mlx4j.core.DType;

/**
 * Copies with type conversion, fills and ranges on the CPU. Conversion rules are those of
 * {@link CopyConvert} (MLX's {@code astype}); outputs are row-major contiguous.
 */
public final class CopyKernels {
    private CopyKernels() {}

    /** Elements per scratch block when a strided source is gathered before conversion. */
    static final int BLOCK = 2048;
    /** Elements below which a conversion never forks. */
    private static final long GRAIN = 1 << 16;
    /** Bytes below which a plain memory copy never forks. */
    private static final long COPY_GRAIN_BYTES = 1 << 20;

    /**
     * Converts and copies: out[i] = (out.dtype) in[i]. Any dtype to any dtype, in strided (0/negative
     * strides allowed), out row-major contiguous. Same-dtype contiguous copies are a bulk MemorySegment.copy.
     */
    public static void copy(StridedView in, StridedView out) {
        checkSameShape("copy", in, out);
        checkOutput("copy", out);
        long n = out.size();
        if (n == 0) return;
        DType from = in.dtype(), to = out.dtype();
        int fs = from.size(), ts = to.size();
        MemorySegment src = in.segment(), dst = out.segment();
        long db = out.byteOffset();
        CopyLayout layout = CopyLayout.of(in);
        if (layout.isContiguous()) {
            long sb = layout.offset * fs;
            long grain = from == to ? Math.max(1, COPY_GRAIN_BYTES / fs) : GRAIN;
            Parallel.forRange(n, grain, 64, (s, e) -> CopyConvert.convert(from, src, sb + s * fs, to, dst, db + s * ts, e - s));
        } else if (layout.isBroadcast()) {
            MemorySegment one = MemorySegment.ofArray(new long[1]);
            CopyConvert.convert(from, src, layout.offset * fs, to, one, 0, 1);
            fillWith(one, ts, dst, db, n);
        } else if (from == to && layout.isTransposed()) {
            layout.transposeCopy(src, fs, dst, db);
        } else if (from == to) {
            Parallel.forRange(n, GRAIN, 64, (s, e) -> layout.gather(src, fs, s, e, dst, db + s * fs));
        } else {
            Parallel.forRange(n, GRAIN, BLOCK, (s, e) -> {
                MemorySegment scratch = MemorySegment.ofArray(new long[(int) Math.min(BLOCK, e - s)]);
                for (long b = s; b < e; b += BLOCK) {
                    long m = Math.min(BLOCK, e - b);
                    layout.gather(src, fs, b, b + m, scratch, 0);
                    CopyConvert.convert(from, scratch, 0, to, dst, db + b * ts, m);
                }
            });
        }
    }

    /** Fills a contiguous out with one value converted to out's dtype. */
    public static void fill(StridedView out, double value) {
        checkOutput("fill", out);
        long n = out.size();
        if (n == 0) return;
        int ts = out.dtype().size();
        MemorySegment one = MemorySegment.ofArray(new long[1]);
        CopyWriteDouble.write(out.dtype(), new double[] {value}, 1, one, 0);
        fillWith(one, ts, out.segment(), out.byteOffset(), n);
    }

    /** out[i] = start + i * step converted to out's dtype (arange). */
    public static void arange(StridedView out, double start, double step) {
        checkOutput("arange", out);
        long n = out.size();
        if (n == 0) return;
        DType to = out.dtype();
        int ts = to.size();
        MemorySegment dst = out.segment();
        long db = out.byteOffset();
        // integral ranges into integer types are exact in int64 arithmetic, also beyond 2^53
        boolean exactInts = (to.isInteger() || to == DType.BOOL) && isLong(start) && isLong(step);
        Parallel.forRange(n, GRAIN, BLOCK, (s, e) -> {
            int len = (int) Math.min(BLOCK, e - s);
            long[] longs = exactInts ? new long[len] : null;
            double[] doubles = exactInts ? null : new double[len];
            for (long b = s; b < e; b += BLOCK) {
                int m = (int) Math.min(BLOCK, e - b);
                if (exactInts) {
                    long l0 = (long) start, ls = (long) step;
                    for (int k = 0; k < m; k++) longs[k] = l0 + (b + k) * ls;
                    CopyConvert.writeLongs(to, false, longs, m, dst, db + b * ts);
                } else {
                    for (int k = 0; k < m; k++) doubles[k] = start + (b + k) * step;
                    CopyWriteDouble.write(to, doubles, m, dst, db + b * ts);
                }
            }
        });
    }

    private static boolean isLong(double v) { return v == Math.rint(v) && Math.abs(v) < 0x1p63; }

    /** Writes the {@code es}-byte element at the start of {@code one} to {@code n} consecutive elements. */
    static void fillWith(MemorySegment one, int es, MemorySegment dst, long db, long n) {
        boolean uniformBytes = true;
        byte b0 = one.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0);
        for (int k = 1; k < es; k++) uniformBytes &= one.get(java.lang.foreign.ValueLayout.JAVA_BYTE, k) == b0;
        if (uniformBytes) {
            dst.asSlice(db, n * es).fill(b0);
            return;
        }
        MemorySegment.copy(one, 0, dst, db, es);
        // doubling copies: log2(n) bulk copies instead of n stores
        for (long have = 1; have < n; have *= 2) {
            long take = Math.min(have, n - have);
            MemorySegment.copy(dst, db, dst, db + have * es, take * es);
        }
    }

    static void checkSameShape(String op, StridedView in, StridedView out) {
        if (in.shape().length != in.strides().length)
            throw new IllegalArgumentException(op + ": input " + in + " has " + in.shape().length
                    + " axes but " + in.strides().length + " strides");
        if (!Arrays.equals(in.shape(), out.shape()))
            throw new IllegalArgumentException(op + ": input shape " + Arrays.toString(in.shape())
                    + " differs from output shape " + Arrays.toString(out.shape()));
        if (in.size() == 0) return;
        // the first and last element any index can reach must lie inside the segment
        long lo = in.offset(), hi = in.offset();
        for (int d = 0; d < in.ndim(); d++) {
            long span = (in.shape()[d] - 1L) * in.strides()[d];
            if (span < 0) lo += span; else hi += span;
        }
        long elements = in.segment().byteSize() / in.dtype().size();
        if (lo < 0 || hi >= elements)
            throw new IllegalArgumentException(op + ": input " + in + " reaches elements " + lo + ".." + hi
                    + " but its segment holds " + elements);
    }

    static void checkOutput(String op, StridedView out) {
        if (out.shape().length != out.strides().length || !out.isRowContiguous())
            throw new IllegalArgumentException(op + ": output must be row-major contiguous, got " + out);
        for (int d : out.shape())
            if (d < 0) throw new IllegalArgumentException(op + ": negative extent in output " + out);
        long need = out.byteOffset() + out.size() * out.dtype().size();
        if (need > out.segment().byteSize())
            throw new IllegalArgumentException(op + ": output " + out + " needs " + need
                    + " bytes but its segment has " + out.segment().byteSize());
    }
}
