package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link Parallel#forRange}: the chunks cover the range exactly once, respect the alignment and the chunk cap. */
class ParallelTest {

    @Test
    void chunksCoverTheRangeOnceAlignedAndWithinTheCap() {
        Random rng = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(trial < 100 ? 300 : 200_000);
            long grain = 1 + rng.nextInt(trial % 2 == 0 ? 8 : 40_000);
            long align = 1L << rng.nextInt(7);
            long maxChunks = 1 + rng.nextInt(12);
            AtomicIntegerArray hits = new AtomicIntegerArray(n);
            AtomicLong chunks = new AtomicLong();
            Parallel.forRange(n, grain, align, maxChunks, (s, e) -> {
                assertThat(s).isLessThan(e);
                assertThat(s % align).as("chunk start %d aligned to %d", s, align).isZero();
                chunks.incrementAndGet();
                for (long i = s; i < e; i++) hits.incrementAndGet((int) i);
            });
            for (int i = 0; i < n; i++) assertThat(hits.get(i)).as("n=%d index %d", n, i).isEqualTo(1);
            assertThat(chunks.get()).isBetween(1L, Math.max(1, Math.min(maxChunks, n / grain)));
        }
    }

    @Test
    void theDefaultSplitUsesAFewChunksPerThread() {
        AtomicLong chunks = new AtomicLong();
        Parallel.forRange(1 << 20, 1, 1, (s, e) -> chunks.incrementAndGet());
        long expected = Parallel.threads() == 1 ? 1 : (long) Parallel.threads() * Parallel.CHUNKS_PER_THREAD;
        assertThat(chunks.get()).isEqualTo(expected);
    }

    @Test
    void aFailingChunkFailsTheLoop() {
        assertThatThrownBy(() -> Parallel.forRange(1 << 20, 1, 1, (s, e) -> {
            if (s <= 700_000 && 700_000 < e) throw new IllegalStateException("chunk at " + s);
        })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("chunk at ");
    }
}
