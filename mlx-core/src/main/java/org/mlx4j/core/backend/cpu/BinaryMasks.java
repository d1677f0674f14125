package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.VectorMask;

/** Stores comparison masks as BOOL bytes (0 or 1), whatever the lane count of the compared vectors. */
final class BinaryMasks {
    private BinaryMasks() {}

    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** One bit per byte: Long.expand (PDEP) moves mask bit i to the low bit of byte i. */
    private static final long BYTE_LOW_BITS = 0x0101010101010101L;

    /** Writes {@code m.length()} bytes at {@code out[index ..]}: 1 where the lane is set, else 0. */
    static void store(VectorMask<?> m, MemorySegment out, long index) {
        long bits = m.toLong();
        int lanes = m.length();
        if (lanes < 8) {
            long bytes = Long.expand(bits, BYTE_LOW_BITS);
            if (lanes == 4) out.set(LE32, index, (int) bytes);
            else for (int k = 0; k < lanes; k++, bytes >>>= 8) out.set(ValueLayout.JAVA_BYTE, index + k, (byte) bytes);
            return;
        }
        for (int k = 0; k < lanes; k += 8, bits >>>= 8) {
            out.set(LE64, index + k, Long.expand(bits, BYTE_LOW_BITS));
        }
    }
}
