package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;

/**
 * One fused element-wise program over a run of consecutive output elements. Each input is either
 * contiguous (element {@code i} of the run is at byte {@code offsets[j] + i * size} of {@code inputs[j]})
 * or a scalar (one element at byte {@code offsets[j]}), which one being fixed when the kernel is made.
 * Implementations are generated classes ({@link FusedCodegen}) or {@link FusedInterpreter}.
 */
interface FusedKernel {
    void run(MemorySegment[] inputs, long[] offsets, MemorySegment out, long outOffset, long count);
}
