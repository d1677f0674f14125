package org.mlx4j.core;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.mlx4j.core.memory.MlxOutOfMemoryError;

@Isolated
class MemoryTest {
    private static final int MB = 1 << 20;

    @AfterEach
    void settle() {
        Mx.synchronize();
        Memory.clearCache();
    }

    private static Array floats(int n, long seed) { return Mx.array(StreamTest.randomFloats(n, seed)); }

    @Test
    void activeAndCacheMemoryAreCountedInBytesAndClearCacheEmptiesTheCache() {
        Memory.reclaim();
        Memory.clearCache();
        long active = Memory.activeMemory();
        Array a = floats(MB / 4, 1); // exactly 1 MiB of float32
        assertThat(Memory.activeMemory() - active).isEqualTo(MB);
        a.close();
        assertThat(Memory.activeMemory()).isEqualTo(active);
        assertThat(Memory.cacheMemory()).isEqualTo(MB);
        Memory.clearCache();
        assertThat(Memory.cacheMemory()).isZero();
    }

    @Test
    void theCacheServesRequestsUnderMlxReuseRule() {
        Memory.reclaim();
        Memory.clearCache();
        floats(MB / 4, 2).close(); // a 1 MiB block is cached
        Array fits = floats((MB - 16 * 1024) / 4, 3); // within min(2*size, size + 2 pages): reused
        assertThat(Memory.cacheMemory()).isZero();
        fits.close();
        Array tooSmall = floats(MB / 8, 4); // 512 KiB: a 1 MiB block would waste more than 2 pages
        assertThat(Memory.cacheMemory()).isEqualTo(MB);
        tooSmall.close();
    }

    @Test
    void peakMemoryTracksTheHighWaterMark() {
        Memory.resetPeakMemory();
        assertThat(Memory.peakMemory()).isEqualTo(Memory.activeMemory());
        Array a = floats(2 * MB / 4, 5);
        long peak = Memory.peakMemory();
        assertThat(peak).isGreaterThanOrEqualTo(Memory.activeMemory()).isGreaterThanOrEqualTo(2L * MB);
        a.close();
        assertThat(Memory.peakMemory()).isEqualTo(peak);
        Memory.resetPeakMemory();
        assertThat(Memory.peakMemory()).isEqualTo(Memory.activeMemory());
    }

    @Test
    void limitSettersReturnThePreviousValue() {
        long mem = Memory.setMemoryLimit(123L * MB);
        try {
            assertThat(Memory.setMemoryLimit(456L * MB)).isEqualTo(123L * MB);
        } finally {
            Memory.setMemoryLimit(mem);
        }
        long cache = Memory.setCacheLimit(7L * MB);
        try {
            assertThat(Memory.setCacheLimit(8L * MB)).isEqualTo(7L * MB);
            floats(16 * MB / 4, 6).close(); // larger than the cache limit: freed, not cached
            assertThat(Memory.cacheMemory()).isLessThanOrEqualTo(8L * MB);
        } finally {
            Memory.setCacheLimit(cache);
        }
        assertThatThrownBy(() -> Memory.setMemoryLimit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setMemoryLimit");
    }

    @Test
    void anAllocationThatCannotFitFailsWithAClearError() {
        // one MiB more than the machine's physical memory, whatever the machine: it can never fit
        long machine = ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        int rows = (int) (machine / MB) + 1;
        int[] huge = {rows, MB / 4}; // rows MiB of float32
        long bytes = (long) rows * MB;
        assertThat(bytes).isGreaterThan(machine);
        assertThatThrownBy(() -> Mx.zeros(huge, DType.FLOAT32).eval())
                .isInstanceOf(MlxOutOfMemoryError.class)
                .hasMessageContaining(String.format("%,d bytes", bytes)).hasMessageContaining("memory");
        // the runtime keeps working after the failure
        assertThat(Mx.ones(new int[] {4}, DType.FLOAT32).sum().floatValue()).isEqualTo(4f);
    }

    @Test
    void overTheMemoryLimitEvalWaitsForWorkInFlight() {
        Stream busy = Mx.newStream(Device.cpu());
        Array heavy;
        try (var s = Mx.withStream(busy)) {
            heavy = Mx.array(StreamTest.randomFloats(192 * 192, 15), 192, 192);
            for (int i = 0; i < 30; i++) heavy = heavy.matmul(heavy).multiply(0.01);
        }
        long prev = Memory.setMemoryLimit(Math.max(1, Memory.activeMemory() / 2)); // already over the limit
        try {
            Mx.asyncEval(heavy);
            Array small = Mx.array(new float[] {1, 2}); // a constant: no allocation needed to evaluate it
            Mx.eval(small);
            assertThat(heavy.node().isAvailable()).as("eval waited for the running work").isTrue();
        } finally {
            Memory.setMemoryLimit(prev);
        }
    }

    @Test
    void wiredLimitPinsWherePermittedAndReportsThePreviousValue() {
        boolean osPins = mlockPermitted(2L * MB); // RLIMIT_MEMLOCK and the platform decide, not mlx4j
        Memory.clearCache(); // new buffers, not cached ones (cached buffers are not pinned again)
        long prev = Memory.setWiredLimit(4L * MB);
        try {
            assertThat(Memory.setWiredLimit(2L * MB)).isEqualTo(4L * MB);
            long before = Memory.wiredMemory();
            Array a = floats(MB / 4, 7); // 1 MiB: within the limit, pinned where the OS permits
            assertThat(Memory.wiredMemory() - before).isEqualTo(osPins ? MB : 0);
            Array b = floats(3 * MB / 8, 8); // 1.5 MiB: would take the total over the limit, so not pinned
            assertThat(Memory.wiredMemory() - before).isEqualTo(osPins ? MB : 0);
            b.close();
            a.close();
            assertThat(Memory.wiredMemory()).as("unpinned when freed").isEqualTo(before);
            assertThatThrownBy(() -> Memory.setWiredLimit(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("setWiredLimit");
        } finally {
            Memory.setWiredLimit(prev);
        }
    }

    /** Whether this process may mlock {@code bytes} (probed on memory of its own, then unlocked). */
    private static boolean mlockPermitted(long bytes) {
        var linker = java.lang.foreign.Linker.nativeLinker();
        var lookup = linker.defaultLookup();
        var fd = java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT,
                java.lang.foreign.ValueLayout.ADDRESS, java.lang.foreign.ValueLayout.JAVA_LONG);
        var mlock = lookup.find("mlock");
        var munlock = lookup.find("munlock");
        if (mlock.isEmpty() || munlock.isEmpty()) return false;
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            var segment = arena.allocate(bytes, 4096);
            if ((int) linker.downcallHandle(mlock.get(), fd).invokeExact(segment, bytes) != 0) return false;
            int ignored = (int) linker.downcallHandle(munlock.get(), fd).invokeExact(segment, bytes);
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    @Test
    void intermediatesGoBackRightAfterTheirLastConsumer() {
        Array x = floats(MB, 8).eval(); // 4 MiB
        Mx.synchronize();
        Memory.resetPeakMemory();
        long base = Memory.activeMemory();
        Array y = x;
        for (int i = 0; i < 20; i++) y = y.multiply(0.5).add(1.0);
        Mx.eval(y);
        // 40 intermediates of 4 MiB each, but never more than a few alive at once
        assertThat(Memory.peakMemory() - base).isLessThanOrEqualTo(3L * 4 * MB);
        assertThat(Memory.activeMemory() - base).isLessThanOrEqualTo(4L * MB + 4096);
    }

    @Test
    void anEagerLoopWrittenTheObviousWayKeepsActiveMemoryFlat() {
        int n = 64 * 1024; // 256 KiB per array
        float[] start = new float[n];
        for (int k = 0; k < n; k++) start[k] = k - n / 2;
        Array x = Mx.array(start).eval();
        long base = Memory.activeMemory();
        long mid = 0;
        for (int i = 0; i < 10_000; i++) {
            x = x.multiply(2).add(1).multiply(0.5); // x + 0.5, exact in float32 for these magnitudes
            Mx.eval(x);
            if (i == 5_000) mid = Memory.activeMemory();
        }
        long end = Memory.activeMemory();
        // without reclamation this would hold 10,000 x 256 KiB = 2.5 GiB
        assertThat(end - base).isLessThan(160L * MB);
        assertThat(mid - base).isLessThan(160L * MB);
        // every iteration adds 0.5: a skipped, repeated or stale step shows in every element
        float[] got = x.toFloatArray();
        for (int k = 0; k < n; k++) {
            if (got[k] != start[k] + 5_000f) {
                fail("element " + k + " is " + got[k] + ", expected " + (start[k] + 5_000f));
            }
        }
    }

    @Test
    void independentEvalsOfTemporariesKeepActiveMemoryFlat() {
        Array a = floats(64 * 1024, 10).eval(), b = floats(64 * 1024, 11).eval(), c = floats(64 * 1024, 12).eval();
        long base = Memory.activeMemory();
        double last = 0;
        for (int i = 0; i < 10_000; i++) {
            Array s = a.multiply(b).add(c).sum();
            Mx.eval(s);
            last = s.doubleValue();
        }
        // each iteration's two 256 KiB intermediates go back at once; only small results can linger
        assertThat(Memory.activeMemory() - base).isLessThan(16L * MB);
        double expected = 0;
        float[] av = a.toFloatArray(), bv = b.toFloatArray(), cv = c.toFloatArray();
        for (int i = 0; i < av.length; i++) expected += av[i] * bv[i] + cv[i];
        assertThat(last).isCloseTo(expected, within(1e-2));
    }

    @Test
    void closeAndScopesGiveBuffersBackAtOnce() {
        long base = Memory.activeMemory();
        float[] values = StreamTest.randomFloats(MB / 4, 13);
        Array kept;
        try (var scope = Memory.scope()) {
            Array a = Mx.array(values);
            Array b = a.multiply(2.0);
            kept = scope.keep(b.sum());
            Mx.eval(b);
        }
        assertThat(Memory.activeMemory() - base).isLessThanOrEqualTo(64);
        double expected = 0, magnitude = 0;
        for (float v : values) {
            expected += 2.0 * v;
            magnitude += Math.abs(2.0 * v);
        }
        // the kept sum is the value of the closed arrays, computed before they went back
        assertThat((double) kept.floatValue()).isCloseTo(expected, within(1e-5 * magnitude));
        assertThatThrownBy(() -> {
            Array a = floats(4, 14);
            a.close();
            a.toFloatArray();
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
