package org.mlx4j.bench;

import java.util.SplittableRandom;

/** Seeded input data shared by the benchmarks and their tests, so both see the same numbers. */
public final class BenchInputs {

    private BenchInputs() {
    }

    /** {@code n} floats uniform in {@code [lo, hi)} from a fixed seed: never all zeros, never the same twice. */
    public static float[] uniform(long seed, int n, float lo, float hi) {
        if (n < 0 || !(lo < hi)) {
            throw new IllegalArgumentException("uniform: need n >= 0 and lo < hi, got n=" + n + ", lo=" + lo + ", hi=" + hi);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return x;
    }
}
