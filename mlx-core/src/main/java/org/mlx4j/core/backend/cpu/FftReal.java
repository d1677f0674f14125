package org.mlx4j.core.backend.cpu;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Real transforms of one length {@code n} on split arrays: {@code rfft} gives the {@code n/2 + 1} bins of
 * a real sequence, {@code irfft} the real sequence of a half spectrum (normalised by {@code 1/n}; the
 * imaginary parts of the zero and, for even {@code n}, the Nyquist bin are ignored, as NumPy does). An
 * even length packs the sequence into a complex one of half the length ({@code z_k = x_2k + i x_2k+1}) and
 * separates the even and odd halves' spectra with the twiddles {@code exp(-2 pi i k / n)}; an odd length
 * runs the full complex transform.
 */
final class FftReal {
    private static final ConcurrentHashMap<Integer, FftReal> CACHE = new ConcurrentHashMap<>();

    private final int n;
    private final FftPlan plan;
    private final float[] twRe, twIm;

    private FftReal(int n) {
        this.n = n;
        boolean even = n % 2 == 0;
        plan = FftPlan.of(even ? n / 2 : n);
        int h = n / 2;
        twRe = new float[even ? h + 1 : 0];
        twIm = new float[even ? h + 1 : 0];
        for (int k = 0; k < twRe.length; k++) {
            double angle = -2 * Math.PI * k / n;
            twRe[k] = (float) Math.cos(angle);
            twIm[k] = (float) Math.sin(angle);
        }
    }

    static FftReal of(int n) {
        FftReal r = CACHE.get(n);
        if (r != null) return r;
        if (CACHE.size() > 256) CACHE.clear();
        return CACHE.computeIfAbsent(n, FftReal::new);
    }

    /** The {@code n/2 + 1} bins of {@code x} (length n) into {@code outRe/outIm}. */
    void rfft(float[] x, float[] outRe, float[] outIm, boolean parallel) {
        int bins = n / 2 + 1;
        if (n % 2 != 0) {
            float[] re = x.clone(), im = new float[n];
            plan.forward(re, im, parallel);
            System.arraycopy(re, 0, outRe, 0, bins);
            System.arraycopy(im, 0, outIm, 0, bins);
            return;
        }
        int h = n / 2;
        float[] zr = new float[h], zi = new float[h];
        for (int k = 0; k < h; k++) {
            zr[k] = x[2 * k];
            zi[k] = x[2 * k + 1];
        }
        plan.forward(zr, zi, parallel);
        for (int k = 0; k <= h; k++) {
            int a = k % h, b = (h - k) % h;
            float pr = zr[a], pi = zi[a], cr = zr[b], ci = -zi[b];
            float er = 0.5f * (pr + cr), ei = 0.5f * (pi + ci);
            float dr = pr - cr, di = pi - ci; // O = (d) / (2i) = (di - i dr) / 2
            float or = 0.5f * di, oi = -0.5f * dr;
            float wr = twRe[k], wi = twIm[k];
            outRe[k] = er + or * wr - oi * wi;
            outIm[k] = ei + or * wi + oi * wr;
        }
    }

    /** The real sequence (length n) of the half spectrum {@code inRe/inIm} ({@code n/2 + 1} bins). */
    void irfft(float[] inRe, float[] inIm, float[] x, boolean parallel) {
        if (n % 2 != 0) {
            float[] re = new float[n], im = new float[n];
            re[0] = inRe[0];
            for (int k = 1; k <= n / 2; k++) {
                re[k] = inRe[k];
                im[k] = inIm[k];
                re[n - k] = inRe[k];
                im[n - k] = -inIm[k];
            }
            plan.forward(im, re, parallel); // swapped: the unnormalised inverse, its real part in re
            float scale = 1f / n;
            for (int k = 0; k < n; k++) x[k] = re[k] * scale;
            return;
        }
        int h = n / 2;
        float[] zr = new float[h], zi = new float[h];
        for (int k = 0; k < h; k++) {
            int b = h - k;
            float pr = inRe[k], pi = k == 0 ? 0 : inIm[k];
            float cr = inRe[b], ci = b == h ? 0 : -inIm[b];
            float er = 0.5f * (pr + cr), ei = 0.5f * (pi + ci);
            float dr = 0.5f * (pr - cr), di = 0.5f * (pi - ci);
            float wr = twRe[k], wi = -twIm[k]; // O = d * conj(w^k)
            float or = dr * wr - di * wi, oi = dr * wi + di * wr;
            zr[k] = er - oi; // Z = E + i O
            zi[k] = ei + or;
        }
        plan.forward(zi, zr, parallel); // swapped: the unnormalised inverse
        float scale = 1f / h;
        for (int k = 0; k < h; k++) {
            x[2 * k] = zr[k] * scale;
            x[2 * k + 1] = zi[k] * scale;
        }
    }
}
