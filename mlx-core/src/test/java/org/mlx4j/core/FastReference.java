package org.mlx4j.core;

/** Plain float64 reference code for the fused ops of {@link Fast}, written from their definitions. */
final class FastReference {
    private FastReference() {}

    /** x * rsqrt(mean(x^2) + eps) * w per row of length d ({@code w} null for ones). */
    static double[] rmsNorm(double[] x, int d, double[] w, double eps) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / d; r++) {
            double ss = 0;
            for (int i = 0; i < d; i++) ss += x[r * d + i] * x[r * d + i];
            double inv = 1 / Math.sqrt(ss / d + eps);
            for (int i = 0; i < d; i++) y[r * d + i] = x[r * d + i] * inv * (w == null ? 1 : w[i]);
        }
        return y;
    }

    /** (x - mean) / sqrt(var + eps) * w + b per row of length d ({@code w}, {@code b} null for ones, zeros). */
    static double[] layerNorm(double[] x, int d, double[] w, double[] b, double eps) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / d; r++) {
            double mean = 0;
            for (int i = 0; i < d; i++) mean += x[r * d + i];
            mean /= d;
            double var = 0;
            for (int i = 0; i < d; i++) var += (x[r * d + i] - mean) * (x[r * d + i] - mean);
            double inv = 1 / Math.sqrt(var / d + eps);
            for (int i = 0; i < d; i++) {
                y[r * d + i] = (x[r * d + i] - mean) * inv * (w == null ? 1 : w[i]) + (b == null ? 0 : b[i]);
            }
        }
        return y;
    }

    /** base^(-2i / dims) for i < dims / 2. */
    static double[] inverseFrequencies(double base, int dims) {
        double[] f = new double[dims / 2];
        for (int i = 0; i < f.length; i++) f[i] = Math.pow(base, -2.0 * i / dims);
        return f;
    }

    /**
     * Rotary encoding of x (shape {@code [B, ..., T, D]}): position {@code (t + offset[b]) * scale} (one
     * offset, or one per b) turns pair i by {@code position * invFreqs[i]}.
     */
    static double[] rope(double[] x, int[] shape, long[] offsets, int dims, boolean traditional, double[] invFreqs,
                         double scale) {
        int nd = shape.length, d = shape[nd - 1], t = shape[nd - 2], b = shape[0];
        int n = x.length / (b * t * d);
        double[] y = x.clone();
        for (int bi = 0; bi < b; bi++) {
            for (int ni = 0; ni < n; ni++) {
                for (int ti = 0; ti < t; ti++) {
                    int base = ((bi * n + ni) * t + ti) * d;
                    double position = (ti + offsets[offsets.length == 1 ? 0 : bi]) * scale;
                    for (int i = 0; i < dims / 2; i++) {
                        int i1 = traditional ? base + 2 * i : base + i;
                        int i2 = traditional ? base + 2 * i + 1 : base + i + dims / 2;
                        double c = Math.cos(position * invFreqs[i]), s = Math.sin(position * invFreqs[i]);
                        y[i1] = x[i1] * c - x[i2] * s;
                        y[i2] = x[i1] * s + x[i2] * c;
                    }
                }
            }
        }
        return y;
    }

    /**
     * Attention of q {@code [B, Hq, L, D]} over k {@code [B, Hkv, S, D]}, v {@code [B, Hkv, S, Dv]}; {@code mask}
     * (null for none) holds {@code [B, Hq, L, S]} values, added or, when {@code boolMask}, nonzero to keep;
     * masked scores take {@code lowest}; {@code sinks} (null for none) one logit per query head.
     */
    static double[] attention(double[] q, double[] k, double[] v, int b, int hq, int hkv, int l, int s, int d, int dv,
                              double scale, boolean causal, double[] mask, boolean boolMask, double[] sinks, double lowest) {
        double[] out = new double[b * hq * l * dv];
        int rep = hq / hkv;
        for (int bi = 0; bi < b; bi++) {
            for (int h = 0; h < hq; h++) {
                int g = h / rep;
                for (int i = 0; i < l; i++) {
                    double[] sc = new double[s];
                    for (int j = 0; j < s; j++) {
                        double dot = 0;
                        for (int e = 0; e < d; e++) {
                            dot += q[((bi * hq + h) * l + i) * d + e] * k[((bi * hkv + g) * s + j) * d + e];
                        }
                        sc[j] = dot * scale;
                        if (causal && j > i + s - l) sc[j] = lowest;
                        if (mask != null) {
                            double m = mask[((bi * hq + h) * l + i) * s + j];
                            if (boolMask) sc[j] = m != 0 ? sc[j] : lowest;
                            else sc[j] += m;
                        }
                    }
                    double max = sinks == null ? Double.NEGATIVE_INFINITY : sinks[h];
                    for (double x : sc) max = Math.max(max, x);
                    double total = sinks == null ? 0 : Math.exp(sinks[h] - max);
                    for (int j = 0; j < s; j++) total += Math.exp(sc[j] - max);
                    for (int j = 0; j < s; j++) {
                        double p = Math.exp(sc[j] - max) / total;
                        for (int e = 0; e < dv; e++) out[((bi * hq + h) * l + i) * dv + e] += p * v[((bi * hkv + g) * s + j) * dv + e];
                    }
                }
            }
        }
        return out;
    }
}
