package org.mlx4j.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.condition.OS.LINUX;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;

class NativeMemoryTest {

    @Test
    void smallBlocksAreCacheLineAligned() {
        for (long bytes : new long[] {64, 4096, NativeMemory.HUGE_PAGE_THRESHOLD - 64}) {
            MemorySegment block = NativeMemory.allocate(bytes);
            try {
                assertThat(block.byteSize()).isEqualTo(bytes);
                assertThat(block.address() % NativeMemory.ALIGNMENT).isZero();
            } finally {
                NativeMemory.free(block);
            }
        }
    }

    @Test
    @EnabledOnOs(LINUX)
    void largeBlocksStartOnAHugePageBoundaryAndAreWholeAndWritable() {
        long bytes = NativeMemory.HUGE_PAGE_THRESHOLD + 3 * 4096 + 64;
        MemorySegment block = NativeMemory.allocate(bytes);
        try {
            assertThat(block.byteSize()).isEqualTo(bytes);
            assertThat(block.address() % (2L << 20)).isZero();
            block.fill((byte) 7);
            assertThat(block.get(java.lang.foreign.ValueLayout.JAVA_BYTE, bytes - 1)).isEqualTo((byte) 7);
        } finally {
            NativeMemory.free(block);
        }
    }
}
