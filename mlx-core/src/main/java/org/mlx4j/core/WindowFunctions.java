package org.mlx4j.core;

import java.util.function.IntToDoubleFunction;

/** NumPy's window functions (Bartlett, Hann, Hamming, Blackman), computed in float64 and stored as FLOAT32. */
final class WindowFunctions {
    private WindowFunctions() {}

    static Array bartlett(int m) {
        return window("bartlett", m, n -> 1 - Math.abs(2.0 * n / (m - 1) - 1));
    }

    static Array hanning(int m) {
        return window("hanning", m, n -> 0.5 - 0.5 * Math.cos(2 * Math.PI * n / (m - 1)));
    }

    static Array hamming(int m) {
        return window("hamming", m, n -> 0.54 - 0.46 * Math.cos(2 * Math.PI * n / (m - 1)));
    }

    static Array blackman(int m) {
        return window("blackman", m, n -> {
            double t = 2 * Math.PI * n / (m - 1);
            return 0.42 - 0.5 * Math.cos(t) + 0.08 * Math.cos(2 * t);
        });
    }

    /** {@code m} points of {@code f}; an empty window for {@code m <= 0} and {@code [1]} for {@code m == 1}, as NumPy. */
    private static Array window(String op, int m, IntToDoubleFunction f) {
        if (m <= 0) return Creation.fromFloats(new float[0], new int[] {0});
        float[] w = new float[m];
        if (m == 1) {
            w[0] = 1;
        } else {
            for (int n = 0; n < m; n++) w[n] = (float) f.applyAsDouble(n);
        }
        return Creation.fromFloats(w, new int[] {m});
    }
}
