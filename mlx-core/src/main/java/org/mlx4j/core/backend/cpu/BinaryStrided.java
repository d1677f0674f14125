package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;

/**
 * Runs a {@link BinaryContiguous} kernel over one row whose inputs have arbitrary strides: strides 1 and 0
 * go straight to the contiguous and broadcast loops, a fully broadcast row is computed once and filled,
 * and any other stride (including negative ones) is gathered into per-thread blocks first.
 */
final class BinaryStrided {
    private BinaryStrided() {}

    /**
     * {@code o[oi + k] = op(a[ai + k * as], b[bi + k * bs])} for k in [0, n).
     *
     * @param inBytes  element size of a and b
     * @param outBytes element size of o
     */
    static void row(BinaryContiguous kernel, int inBytes, int outBytes,
                    MemorySegment a, long ai, long as, MemorySegment b, long bi, long bs,
                    MemorySegment o, long oi, long n) {
        if (n <= 0) return;
        boolean aUnit = as == 1 || as == 0, bUnit = bs == 1 || bs == 0;
        if (aUnit && bUnit) {
            if (as == 1 && bs == 1) kernel.vv(a, ai, b, bi, o, oi, n);
            else if (bs == 1) kernel.sv(a, ai, b, bi, o, oi, n);
            else if (as == 1) kernel.vs(a, ai, b, bi, o, oi, n);
            else {
                kernel.vv(a, ai, b, bi, o, oi, 1);
                BinaryGather.replicateFirst(outBytes, o, oi, n);
            }
            return;
        }
        BinaryScratch scratch = BinaryScratch.get();
        for (long k = 0; k < n; k += BinaryScratch.BLOCK) {
            long len = Math.min(BinaryScratch.BLOCK, n - k);
            MemorySegment ra = a, rb = b;
            long rai = ai + (as == 0 ? 0 : k * as), rbi = bi + (bs == 0 ? 0 : k * bs), ras = as, rbs = bs;
            if (!aUnit) {
                BinaryGather.gather(inBytes, a, rai, as, scratch.gather0, 0, len);
                ra = scratch.gather0;
                rai = 0;
                ras = 1;
            }
            if (!bUnit) {
                BinaryGather.gather(inBytes, b, rbi, bs, scratch.gather1, 0, len);
                rb = scratch.gather1;
                rbi = 0;
                rbs = 1;
            }
            row(kernel, inBytes, outBytes, ra, rai, ras, rb, rbi, rbs, o, oi + k, len);
        }
    }
}
