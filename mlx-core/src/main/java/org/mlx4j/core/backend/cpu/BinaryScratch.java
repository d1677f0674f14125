package org.mlx4j.core.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Per-thread scratch blocks for the element-wise kernels: strided operands are gathered into them,
 * half floats are widened into them, narrow integers are widened into the long arrays.
 * Native (not heap) segments, so the vector loops only ever see one kind of segment.
 * Each region has a single user at a time: gathers use {@code gather*}, the float16 path uses
 * {@code work*}, the integer path uses the long arrays.
 */
final class BinaryScratch {
    /** Elements per block: small enough that a block of every operand stays in L1. */
    static final int BLOCK = 1024;

    private static final ThreadLocal<BinaryScratch> LOCAL = ThreadLocal.withInitial(BinaryScratch::new);

    /** Gather targets of up to {@link #BLOCK} elements of 8 bytes. */
    final MemorySegment gather0, gather1, gather2;
    /** float32 work blocks of {@link #BLOCK} elements. */
    final MemorySegment work0, work1;
    final long[] long0 = new long[BLOCK], long1 = new long[BLOCK];

    private BinaryScratch() {
        // ofAuto: freed by the GC once the thread and its scratch are gone (threads may be virtual).
        MemorySegment all = Arena.ofAuto().allocate(3L * BLOCK * 8 + 2L * BLOCK * 4, 64);
        long big = (long) BLOCK * 8, small = (long) BLOCK * 4;
        gather0 = all.asSlice(0, big);
        gather1 = all.asSlice(big, big);
        gather2 = all.asSlice(2 * big, big);
        work0 = all.asSlice(3 * big, small);
        work1 = all.asSlice(3 * big + small, small);
    }

    static BinaryScratch get() { return LOCAL.get(); }
}
