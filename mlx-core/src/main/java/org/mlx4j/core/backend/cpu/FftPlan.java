package org.mlx4j.core.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A forward complex FFT of one length on split real and imaginary {@code float} arrays, unnormalised
 * ({@code X_k = sum_j x_j exp(-2 pi i j k / n)}). Lengths whose prime factors are all at most
 * {@link #LARGEST_RADIX} run as Stockham passes of radix 4, 2, 3, 5, ... ({@link FftStages}); any other
 * length runs Bluestein's chirp-z algorithm, a convolution through FFTs of a power of two. Twiddles are
 * computed in double and rounded once. Plans are immutable and cached by length. The inverse transform
 * is the forward one on swapped parts ({@code swap(fft(swap(x))) = n * ifft(x)}).
 */
final class FftPlan {
    /** Prime factors up to this run as Stockham passes; a larger one sends the length to Bluestein. */
    static final int LARGEST_RADIX = 13;
    /** Butterflies times their length below which a pass never forks. */
    private static final long GRAIN = 1 << 15;
    private static final ConcurrentHashMap<Integer, FftPlan> CACHE = new ConcurrentHashMap<>();

    /**
     * One pass: radix, sub-transform count {@code m}, stride, twiddles {@code [(u-1)*m + p]} and the r-th
     * roots. A radix-4 pass whose stride is shorter than a vector but divides it ({@link #lanesOverButterflies})
     * runs its lanes over {@code (p, q)} pairs: it keeps its twiddles repeated per {@code q}
     * ({@code [(u-1)*m*s + p*s + q]}, the plain table when {@code s = 1}) and the lanes' output offsets.
     */
    record Stage(int radix, int m, int stride, float[] twiddleRe, float[] twiddleIm, float[] rootRe, float[] rootIm,
                 float[] laneTwiddleRe, float[] laneTwiddleIm, int[] laneOutput) {
        /** Whether the pass runs its lanes over several butterflies at once. */
        boolean lanesOverButterflies() { return laneOutput != null; }
    }

    private final int n;
    private final Stage[] stages;
    private final Bluestein bluestein;

    private FftPlan(int n) {
        this.n = n;
        List<Integer> radices = factor(n);
        if (radices == null) {
            stages = new Stage[0];
            bluestein = new Bluestein(n);
        } else {
            bluestein = null;
            stages = new Stage[radices.size()];
            int length = n, stride = 1;
            for (int i = 0; i < stages.length; i++) {
                int r = radices.get(i), m = length / r;
                stages[i] = stage(r, m, stride);
                length = m;
                stride *= r;
            }
        }
    }

    /** The plan for length {@code n} (at least 1). */
    static FftPlan of(int n) {
        FftPlan p = CACHE.get(n);
        if (p != null) return p;
        if (CACHE.size() > 256) CACHE.clear();
        p = new FftPlan(n); // built outside the map: a Bluestein plan asks the cache for its power of two
        FftPlan raced = CACHE.putIfAbsent(n, p);
        return raced != null ? raced : p;
    }

    int length() { return n; }

    /** Whether this length runs through Bluestein's algorithm. */
    boolean isBluestein() { return bluestein != null; }

    /**
     * Transforms {@code (re, im)} in place. With {@code parallel}, long passes are split across the
     * machine's cores (for a single long transform; a batch of lines is split by line instead).
     */
    void forward(float[] re, float[] im, boolean parallel) { forward(re, im, 1, parallel); }

    /**
     * Transforms {@code batch} interleaved lines in place (element {@code j} of line {@code b} at
     * {@code j * batch + b}), the lanes running across the lines. Not for Bluestein lengths.
     */
    void forward(float[] re, float[] im, int batch, boolean parallel) {
        if (bluestein != null) {
            if (batch != 1) throw new IllegalStateException("FFT: a Bluestein length (" + n + ") transforms one line at a time");
            bluestein.forward(re, im, parallel);
            return;
        }
        if (stages.length == 0) return;
        int size = n * batch;
        float[] xr = re, xi = im, yr = new float[size], yi = new float[size];
        for (Stage st : stages) {
            float[] ar = xr, ai = xi, br = yr, bi = yi;
            int butterflies = st.m();
            if (parallel && size >= 2 * GRAIN && butterflies > 1) {
                long grain = Math.max(1, GRAIN / ((long) st.radix() * st.stride() * batch));
                Parallel.forRange(butterflies, grain, (from, to) -> FftStages.pass(st, batch, ar, ai, br, bi, (int) from, (int) to));
            } else {
                FftStages.pass(st, batch, ar, ai, br, bi, 0, butterflies);
            }
            xr = br;
            xi = bi;
            yr = ar;
            yi = ai;
        }
        if (xr != re) {
            System.arraycopy(xr, 0, re, 0, size);
            System.arraycopy(xi, 0, im, 0, size);
        }
    }

    /** The passes' radices (fours first, then the other primes ascending), or null when a factor is too large. */
    static List<Integer> factor(int n) {
        List<Integer> r = new ArrayList<>();
        int rest = n;
        while (rest % 4 == 0) {
            r.add(4);
            rest /= 4;
        }
        for (int p = 2; p <= LARGEST_RADIX && rest > 1; p++) {
            while (rest % p == 0) {
                r.add(p);
                rest /= p;
            }
        }
        return rest == 1 ? r : null;
    }

    /**
     * {@code exp(-2 pi i k / n)} as {@code {cos, sin}} in double, exact at the quarter turns (so that, say,
     * the Nyquist bin of a real signal has no spurious imaginary part).
     */
    static double[] root(long k, long n) {
        k = Math.floorMod(k, n);
        if ((4 * k) % n == 0) {
            return switch ((int) (4 * k / n)) {
                case 0 -> new double[] {1, 0};
                case 1 -> new double[] {0, -1};
                case 2 -> new double[] {-1, 0};
                default -> new double[] {0, 1};
            };
        }
        double angle = -2 * Math.PI * k / n;
        return new double[] {Math.cos(angle), Math.sin(angle)};
    }

    private static Stage stage(int r, int m, int stride) {
        int len = r * m;
        float[] twr = new float[(r - 1) * m], twi = new float[(r - 1) * m];
        for (int u = 1; u < r; u++) {
            for (int p = 0; p < m; p++) {
                double[] w = root((long) p * u, len);
                twr[(u - 1) * m + p] = (float) w[0];
                twi[(u - 1) * m + p] = (float) w[1];
            }
        }
        float[] omr = new float[r], omi = new float[r];
        for (int k = 0; k < r; k++) {
            double[] w = root(k, r);
            omr[k] = (float) w[0];
            omi[k] = (float) w[1];
        }
        int lanes = FftStages.LANES;
        if (r != 4 || stride >= lanes || lanes % stride != 0 || ((long) m * stride) % lanes != 0) {
            return new Stage(r, m, stride, twr, twi, omr, omi, null, null, null);
        }
        float[] ltr = twr, lti = twi;
        if (stride > 1) {
            ltr = new float[(r - 1) * m * stride];
            lti = new float[ltr.length];
            for (int u = 1; u < r; u++) {
                for (int p = 0; p < m; p++) {
                    for (int q = 0; q < stride; q++) {
                        ltr[((u - 1) * m + p) * stride + q] = twr[(u - 1) * m + p];
                        lti[((u - 1) * m + p) * stride + q] = twi[(u - 1) * m + p];
                    }
                }
            }
        }
        int[] out = new int[lanes];
        for (int lane = 0; lane < lanes; lane++) out[lane] = stride * r * (lane / stride) + lane % stride;
        return new Stage(r, m, stride, twr, twi, omr, omi, ltr, lti, out);
    }

    /**
     * Bluestein's algorithm: with the chirp {@code w_k = exp(-i pi k^2 / n)}, {@code X_k = w_k * sum_j
     * (x_j w_j) conj(w_(k-j))}, a convolution computed with FFTs of the power of two {@code M >= 2n - 1};
     * the chirp's transform (scaled by {@code 1/M}) is kept with the plan.
     */
    private static final class Bluestein {
        private final int n;
        private final FftPlan inner;
        private final float[] chirpRe, chirpIm, kernelRe, kernelIm;

        Bluestein(int n) {
            this.n = n;
            int size = Integer.highestOneBit(2 * n - 1);
            if (size < 2 * n - 1) size <<= 1;
            inner = FftPlan.of(size);
            chirpRe = new float[n];
            chirpIm = new float[n];
            double[] cr = new double[n], ci = new double[n];
            for (int k = 0; k < n; k++) {
                double[] w = root((long) k * k % (2L * n), 2L * n);
                cr[k] = w[0];
                ci[k] = w[1];
                chirpRe[k] = (float) cr[k];
                chirpIm[k] = (float) ci[k];
            }
            kernelRe = new float[size];
            kernelIm = new float[size];
            for (int k = 0; k < n; k++) {
                kernelRe[k] = (float) (cr[k] / size);
                kernelIm[k] = (float) (-ci[k] / size);
                if (k > 0) {
                    kernelRe[size - k] = kernelRe[k];
                    kernelIm[size - k] = kernelIm[k];
                }
            }
            inner.forward(kernelRe, kernelIm, false);
        }

        void forward(float[] re, float[] im, boolean parallel) {
            int size = inner.length();
            float[] ar = new float[size], ai = new float[size];
            for (int k = 0; k < n; k++) {
                ar[k] = re[k] * chirpRe[k] - im[k] * chirpIm[k];
                ai[k] = re[k] * chirpIm[k] + im[k] * chirpRe[k];
            }
            inner.forward(ar, ai, parallel);
            for (int k = 0; k < size; k++) {
                float xr = ar[k], xi = ai[k];
                ar[k] = xr * kernelRe[k] - xi * kernelIm[k];
                ai[k] = xr * kernelIm[k] + xi * kernelRe[k];
            }
            inner.forward(ai, ar, parallel); // swapped parts: the unnormalised inverse
            for (int k = 0; k < n; k++) {
                re[k] = ar[k] * chirpRe[k] - ai[k] * chirpIm[k];
                im[k] = ar[k] * chirpIm[k] + ai[k] * chirpRe[k];
            }
        }
    }
}
