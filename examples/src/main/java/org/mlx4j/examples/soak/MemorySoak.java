package org.mlx4j.examples.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlx4j.core.Array;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;

/**
 * The plainest loop, {@code x = x.multiply(0.5).add(1); Mx.eval(x)}, closing nothing (or, with
 * {@code --close}, closing the previous x), for many iterations at
 * several array sizes: prints the peak active memory (and active plus cached) over the live set, for the
 * first and the second half of the run (equal halves mean no growth), and the time per iteration.
 *
 * <pre>
 *   ./mlx4j soak memory                                   # 1 KiB .. 256 MiB, 10,000 iterations each
 *   ./mlx4j soak memory --sizes 16M,64M --iterations 2000
 *   ./mlx4j soak memory --sizes 16M --iterations 1000 --close   # closing the previous x, for comparison
 * </pre>
 */
public final class MemorySoak {
    private MemorySoak() {}

    public static void main(String[] args) {
        List<Long> sizes = new ArrayList<>();
        for (String s : SoakArgs.string(args, "--sizes", "1K,64K,1M,16M,256M").split(",")) sizes.add(SoakArgs.bytes(s));
        int iterations = SoakArgs.integer(args, "--iterations", 10_000);
        boolean close = java.util.Arrays.asList(args).contains("--close");
        System.out.printf(Locale.ROOT, "%-8s %10s %22s %22s %24s %10s%n", "array", "iterations",
                "peak active/live 1st", "peak active/live 2nd", "peak active+cache/live", "ms/iter");
        for (long bytes : sizes) run(bytes, iterations, close);
    }

    private static void run(long bytes, int iterations, boolean close) {
        Memory.reclaim();
        Memory.clearCache();
        long base = Memory.activeMemory();
        int n = (int) (bytes / 4);
        float[] init = new float[n];
        java.util.Random r = new java.util.Random(bytes);
        for (int i = 0; i < n; i++) init[i] = r.nextFloat();
        Array x = Mx.array(init);
        init = null;
        long[] peaks = new long[2];
        long peakTotal = 0;
        long t0 = System.nanoTime();
        for (int half = 0; half < 2; half++) {
            Memory.resetPeakMemory();
            for (int i = 0; i < iterations / 2; i++) {
                Array next = x.multiply(0.5).add(1);
                Mx.eval(next);
                if (close) x.close();
                x = next;
                peakTotal = Math.max(peakTotal, Memory.activeMemory() + Memory.cacheMemory());
            }
            peaks[half] = Memory.peakMemory() - base;
        }
        double ms = (System.nanoTime() - t0) / 1e6 / iterations;
        float check = x.get(0).floatValue();
        if (check != 2f) throw new AssertionError("the loop computed " + check + ", expected 2");
        x.close();
        System.out.printf(Locale.ROOT, "%-8s %10d %22.1f %22.1f %24.1f %10.3f%n", SoakArgs.size(bytes), iterations,
                (double) peaks[0] / bytes, (double) peaks[1] / bytes, (double) (peakTotal - base) / bytes, ms);
    }
}
