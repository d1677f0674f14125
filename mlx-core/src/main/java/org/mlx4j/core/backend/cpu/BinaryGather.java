package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Bit-exact copies of elements of 1, 2, 4 or 8 bytes: strided gathers, broadcast fills, row copies. */
final class BinaryGather {
    private BinaryGather() {}

    private static final ValueLayout.OfByte B = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort S = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED;

    /** {@code dst[di + k] = src[si + k * stride]} for k in [0, n); indices in elements of {@code bytes} bytes. */
    static void gather(int bytes, MemorySegment src, long si, long stride, MemorySegment dst, long di, long n) {
        if (stride == 1) {
            MemorySegment.copy(src, si * bytes, dst, di * bytes, n * bytes);
            return;
        }
        if (stride == 0) {
            fill(bytes, src, si, dst, di, n);
            return;
        }
        switch (bytes) {
            case 1 -> { for (long k = 0; k < n; k++) dst.set(B, di + k, src.get(B, si + k * stride)); }
            case 2 -> { for (long k = 0; k < n; k++) dst.setAtIndex(S, di + k, src.getAtIndex(S, si + k * stride)); }
            case 4 -> { for (long k = 0; k < n; k++) dst.setAtIndex(I, di + k, src.getAtIndex(I, si + k * stride)); }
            case 8 -> { for (long k = 0; k < n; k++) dst.setAtIndex(L, di + k, src.getAtIndex(L, si + k * stride)); }
            default -> throw new IllegalArgumentException("element size " + bytes);
        }
    }

    /** {@code dst[di .. di + n) = src[si]}. */
    static void fill(int bytes, MemorySegment src, long si, MemorySegment dst, long di, long n) {
        if (n <= 0) return;
        if (bytes == 1) {
            dst.asSlice(di, n).fill(src.get(B, si));
            return;
        }
        MemorySegment.copy(src, si * bytes, dst, di * bytes, bytes);
        replicateFirst(bytes, dst, di, n);
    }

    /** Copies element {@code di} of {@code dst} over {@code dst[di .. di + n)}, doubling the copied run each step. */
    static void replicateFirst(int bytes, MemorySegment dst, long di, long n) {
        long base = di * bytes, total = n * bytes;
        for (long done = bytes; done < total; done *= 2) {
            MemorySegment.copy(dst, base, dst, base + done, Math.min(done, total - done));
        }
    }
}
