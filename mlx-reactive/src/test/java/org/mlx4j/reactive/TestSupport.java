package org.mlx4j.reactive;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.graph.Node;

/** Helpers shared by the reactive tests. */
public final class TestSupport {
    private TestSupport() {}

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    /**
     * The graph node behind an array, for tests that check a buffer was released or where a graph was placed
     * (mlx-core's graph package is exported to these tests only: see the pom).
     */
    public static Node node(Array a) { return Handles.node(a); }

    /** Waits (polling) until {@code condition} holds, failing after the timeout. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /**
     * Waits until active memory is back to {@code baseline}: buffers come back asynchronously, and the
     * graph's scalar constants and intermediates that no one closes only when their handles are collected.
     */
    public static void awaitMemory(long baseline) {
        await("active memory back to " + baseline, () -> {
            if (Memory.activeMemory() <= baseline) return true;
            System.gc();
            // the allocator returns the buffers of collected handles on its next allocation
            Array probe = Mx.zeros(new int[] {1}, DType.FLOAT32);
            Mx.eval(probe);
            probe.close();
            return Memory.activeMemory() <= baseline;
        });
    }

    /**
     * Waits until active memory is back to {@code baseline} without any garbage collection: what comes back
     * must come back because it was closed.
     */
    public static void awaitMemoryReleased(long baseline) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (Memory.activeMemory() > baseline && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        org.assertj.core.api.Assertions.assertThat(Memory.activeMemory()).as("active memory, with no collection").isEqualTo(baseline);
    }

    /** Active memory once forgotten handles have been collected and their buffers returned. */
    public static long settledMemory() {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Array probe = Mx.zeros(new int[] {1}, DType.FLOAT32);
            Mx.eval(probe);
            probe.close();
            long now = Memory.activeMemory();
            if (now == last) return now;
            last = now;
        }
        return last;
    }

    /**
     * A closed array: any graph that uses it fails in its kernel ("input ... was closed before it was
     * used"), which is how these tests make a kernel fail.
     */
    public static Array closedInput() {
        Array a = Mx.array(new float[] {1, 2, 3, 4}, 2, 2);
        Mx.eval(a);
        a.close();
        return a;
    }

    /** A float32 vector [i, i+1, ...] of length n. */
    public static Array vector(int start, int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = start + i;
        return Mx.array(d, n);
    }
}
