package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plainest loop, {@code x = x.multiply(0.5).add(1); Mx.eval(x)}, closing nothing: memory that only the
 * garbage collector can give back must stay bounded (the documented policy: peak active memory within 8x the
 * live set, or 128 MiB (twice the collection floor) when that is more), with no growth from one window of
 * iterations to the next.
 * The cache counts too: active plus cached memory obeys the same bound.
 */
class UnclosedLoopMemoryTest {
    private static final long MIB = 1L << 20;
    private static final long FLOOR = 64 * MIB;

    @BeforeEach
    @AfterEach
    void settle() {
        Mx.synchronize();
        Memory.reclaim();
        Memory.clearCache();
    }

    /** The documented bound on peak active memory: 8x the live set, and never less than twice the collection floor. */
    private static long bound(long liveBytes) {
        return Math.max(8 * liveBytes, 2 * FLOOR);
    }

    /** The documented bound on active plus cached memory: 16x the live set, or four times the floor. */
    private static long totalBound(long liveBytes) {
        return Math.max(16 * liveBytes, 4 * FLOOR);
    }

    private record Window(long peakActive, long peakActivePlusCache) {}

    /** Runs {@code iterations} steps of the loop from {@code x}, returning the last x and the window's peaks. */
    private static Window run(Array[] x, int iterations) {
        Memory.resetPeakMemory();
        long peakTotal = 0;
        for (int i = 0; i < iterations; i++) {
            x[0] = x[0].multiply(0.5).add(1);
            Mx.eval(x[0]);
            peakTotal = Math.max(peakTotal, Memory.activeMemory() + Memory.cacheMemory());
        }
        return new Window(Memory.peakMemory(), peakTotal);
    }

    @ParameterizedTest(name = "{0} MiB arrays")
    @ValueSource(ints = {16, 64})
    void largeArraysStayWithinEightTimesTheLiveSetWithNoGrowth(int mib) {
        long bytes = mib * MIB;
        int iterations = (int) Math.max(40, (2048 * MIB) / bytes); // 2 GiB of garbage per window
        long base = Memory.activeMemory();
        Array[] x = {Mx.array(StreamTest.randomFloats((int) (bytes / 4), 11))};
        Window first = run(x, iterations);
        Window second = run(x, iterations);
        long limit = bound(bytes);
        assertThat(first.peakActive() - base).as("peak active, first window").isLessThanOrEqualTo(limit);
        assertThat(second.peakActive() - base).as("peak active, second window").isLessThanOrEqualTo(limit);
        assertThat(second.peakActivePlusCache() - base).as("active + cache, second window").isLessThanOrEqualTo(totalBound(bytes));
        // the loop converges to 2 from its random start: check a value so the loop really ran
        assertThat(x[0].get(0).floatValue()).isEqualTo(2f);
        x[0].close();
    }

    @ParameterizedTest(name = "{0} KiB arrays")
    @ValueSource(ints = {1, 256})
    void smallArraysStayWithinTheCollectionFloor(int kib) {
        long bytes = kib * 1024L;
        int iterations = (int) Math.min(200_000, 3 * FLOOR / bytes); // several collections' worth
        long base = Memory.activeMemory();
        Array[] x = {Mx.array(StreamTest.randomFloats((int) (bytes / 4), 12))};
        Window first = run(x, iterations);
        Window second = run(x, iterations);
        assertThat(first.peakActive() - base).as("peak active, first window").isLessThanOrEqualTo(bound(bytes));
        assertThat(second.peakActive() - base).as("peak active, second window").isLessThanOrEqualTo(bound(bytes));
        assertThat(second.peakActivePlusCache() - base).as("active + cache, second window").isLessThanOrEqualTo(totalBound(bytes));
        x[0].close();
    }

    @ParameterizedTest(name = "{0} MiB arrays")
    @ValueSource(ints = {16})
    void closingThePreviousArrayKeepsPeakWithinThreeTimes(int mib) {
        long bytes = mib * MIB;
        long base = Memory.activeMemory();
        Memory.resetPeakMemory();
        Array x = Mx.array(StreamTest.randomFloats((int) (bytes / 4), 13));
        for (int i = 0; i < 200; i++) {
            Array next = x.multiply(0.5).add(1);
            Mx.eval(next);
            x.close();
            x = next;
        }
        assertThat(Memory.peakMemory() - base).isLessThanOrEqualTo(3 * bytes);
        // x itself, and the loop's weak scalars until they are collected
        assertThat(Memory.activeMemory() - base).isBetween(bytes, bytes + 64 * 1024);
        x.close();
    }
}
