package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * MLX's packing of {@code bits}-bit codes into UINT32 rows: each row is one little-endian bit stream, code
 * {@code j} in bits {@code [j*bits, (j+1)*bits)}. For 2, 4 and 8 bits that is code {@code j} of a word at
 * shift {@code (j % (32/bits)) * bits}; 3-, 5- and 6-bit codes straddle words (MLX writes them as 3 or 5
 * bytes per 8 or 4 codes, the same stream).
 */
final class QuantPacking {
    private QuantPacking() {}

    static final ValueLayout.OfInt WORD = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Packs the UINT32 codes of {@code in} (row-major, last axis the codes) into {@code out} (row-major, zeroed here). */
    static void pack(StridedView in, int bits, StridedView out) {
        int k = in.shape()[in.ndim() - 1], words = Math.toIntExact((long) k * bits / 32);
        long rows = k == 0 ? 0 : in.size() / k;
        MemorySegment src = in.segment(), dst = out.segment();
        long srcBase = in.byteOffset(), dstBase = out.byteOffset();
        long mask = (1L << bits) - 1;
        Parallel.forRange(rows, Math.max(1, Parallel.DEFAULT_GRAIN / Math.max(1, k)), (r0, r1) -> {
            for (long r = r0; r < r1; r++) {
                long s = srcBase + r * k * 4L, d = dstBase + r * words * 4L;
                long acc = 0;
                int filled = 0, w = 0;
                for (int j = 0; j < k; j++) {
                    acc |= (src.get(WORD, s + 4L * j) & mask) << filled;
                    filled += bits;
                    if (filled >= 32) {
                        dst.set(WORD, d + 4L * w++, (int) acc);
                        acc >>>= 32;
                        filled -= 32;
                    }
                }
            }
        });
    }

    /** Reads the {@code bits}-bit codes of the UINT32 rows of {@code in} into the UINT8 {@code out}. */
    static void unpack(StridedView in, int bits, StridedView out) {
        int words = in.shape()[in.ndim() - 1], k = Math.toIntExact((long) words * 32 / bits);
        long rows = words == 0 ? 0 : in.size() / words;
        MemorySegment src = in.segment(), dst = out.segment();
        long srcBase = in.byteOffset(), dstBase = out.byteOffset();
        Parallel.forRange(rows, Math.max(1, Parallel.DEFAULT_GRAIN / Math.max(1, k)), (r0, r1) -> {
            for (long r = r0; r < r1; r++) unpackRow(src, srcBase + r * words * 4L, bits, k, dst, dstBase + r * k);
        });
    }

    private static void unpackRow(MemorySegment src, long s, int bits, int k, MemorySegment dst, long d) {
        int mask = (1 << bits) - 1;
        long acc = 0;
        int avail = 0, w = 0;
        for (int j = 0; j < k; j++) {
            if (avail < bits) {
                acc |= (src.get(WORD, s + 4L * w++) & 0xFFFFFFFFL) << avail;
                avail += 32;
            }
            dst.set(ValueLayout.JAVA_BYTE, d + j, (byte) (acc & mask));
            acc >>>= bits;
            avail -= bits;
        }
    }

    /** Code {@code j} of the row of UINT32 words starting at byte {@code s}. */
    static int code(MemorySegment seg, long s, int bits, long j) {
        long bit = j * bits;
        long word = bit >>> 5;
        int off = (int) (bit & 31);
        long v = seg.get(WORD, s + 4 * word) & 0xFFFFFFFFL;
        if (off + bits > 32) v |= (seg.get(WORD, s + 4 * word + 4) & 0xFFFFFFFFL) << 32;
        return (int) ((v >>> off) & ((1L << bits) - 1));
    }
}
