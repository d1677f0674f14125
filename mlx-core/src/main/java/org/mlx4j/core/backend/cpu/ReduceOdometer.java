package org.mlx4j.core.backend.cpu;

/**
 * Walks a row-major index space over a few axes, keeping two element offsets (typically input
 * and output) in step, so the reduction loops never divide per element.
 */
final class ReduceOdometer {
    private final long[] extents;
    private final long[] stridesA;
    private final long[] stridesB;
    private final long[] index;
    /** Offset of the current position along the A strides. */
    long a;
    /** Offset of the current position along the B strides (0 when there are none). */
    long b;

    ReduceOdometer(long[] extents, long[] stridesA, long[] stridesB) {
        this.extents = extents;
        this.stridesA = stridesA;
        this.stridesB = stridesB == null ? new long[extents.length] : stridesB;
        this.index = new long[extents.length];
    }

    static long count(long[] extents) {
        long n = 1;
        for (long e : extents) n *= e;
        return n;
    }

    /** Moves to the position with row-major linear index {@code linear}. */
    void seek(long linear) {
        a = 0;
        b = 0;
        if (linear == 0) { // the common case, without a division per axis
            java.util.Arrays.fill(index, 0);
            return;
        }
        for (int i = extents.length - 1; i >= 0; i--) {
            long k = linear % extents[i];
            linear /= extents[i];
            index[i] = k;
            a += k * stridesA[i];
            b += k * stridesB[i];
        }
    }

    /** Moves to the next position (wrapping to the start after the last one). */
    void next() {
        carry(extents.length - 1);
    }

    /**
     * Writes the A offsets of the current and following positions, {@code count} in all, into
     * {@code dst} and moves past them: a plain stride loop along the innermost axis, carrying
     * into the outer axes only when it wraps.
     */
    void fill(long[] dst, int count) {
        int last = extents.length - 1;
        if (last < 0) {
            java.util.Arrays.fill(dst, 0, count, a);
            return;
        }
        long s = stridesA[last];
        for (int k = 0; k < count; ) {
            int m = (int) Math.min(innerRemaining(), count - k);
            long v = a;
            for (int j = 0; j < m; j++, v += s) dst[k + j] = v;
            k += m;
            advance(m);
        }
    }

    /** Positions left along the innermost axis, the current one included (1 without axes). */
    long innerRemaining() {
        int last = extents.length - 1;
        return last < 0 ? 1 : extents[last] - index[last];
    }

    /** Moves {@code m} positions ahead, {@code 1 <= m <= innerRemaining()}. */
    void advance(long m) {
        int last = extents.length - 1;
        if (last < 0) return;
        index[last] += m - 1;
        a += (m - 1) * stridesA[last];
        b += (m - 1) * stridesB[last];
        next();
    }

    private void carry(int from) {
        for (int i = from; i >= 0; i--) {
            a += stridesA[i];
            b += stridesB[i];
            if (++index[i] < extents[i]) return;
            a -= extents[i] * stridesA[i];
            b -= extents[i] * stridesB[i];
            index[i] = 0;
        }
    }
}
