package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Real transforms of one length {@code n}: {@code rfft} gives the {@code n/2 + 1} bins of a real line,
 * {@code irfft} the real line of a half spectrum (normalised by {@code 1/n}; the imaginary parts of the zero
 * and, for even {@code n}, the Nyquist bin are ignored, as NumPy does). Real lines live in a buffer (float
 * index of the first element, floats between elements); spectra in split arrays. An even length reads the
 * line as a complex one of half the length ({@code z_k = x_2k + i x_2k+1}, the same bytes when the line is
 * contiguous) and separates the even and odd halves' spectra with the twiddles {@code exp(-2 pi i k / n)}
 * in Vector API lanes; an odd length runs the full complex transform.
 */
final class FftReal {
    private static final ConcurrentHashMap<Integer, FftReal> CACHE = new ConcurrentHashMap<>();
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = F.length();
    private static final VectorShuffle<Float> REVERSE = VectorShuffle.iota(F, LANES - 1, -1, true);

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
            double[] w = FftPlan.root(k, n);
            twRe[k] = (float) w[0];
            twIm[k] = (float) w[1];
        }
    }

    static FftReal of(int n) {
        FftReal r = CACHE.get(n);
        if (r != null) return r;
        if (CACHE.size() > 256) CACHE.clear();
        return CACHE.computeIfAbsent(n, FftReal::new);
    }

    /** The {@code n/2 + 1} bins of the real line at float index {@code at}, {@code stride} floats apart. */
    void rfft(MemorySegment seg, long at, long stride, float[] outRe, float[] outIm, boolean parallel) {
        int bins = n / 2 + 1;
        if (n % 2 != 0) {
            float[] re = new float[n], im = new float[n];
            for (int j = 0; j < n; j++) re[j] = seg.getAtIndex(ElementAccess.F32, at + j * stride);
            plan.forward(re, im, parallel);
            System.arraycopy(re, 0, outRe, 0, bins);
            System.arraycopy(im, 0, outIm, 0, bins);
            return;
        }
        int h = n / 2;
        float[] zr = new float[h], zi = new float[h];
        if (stride == 1) {
            FftLines.read(seg, at, 2, h, zr, zi);
        } else {
            for (int k = 0; k < h; k++) {
                zr[k] = seg.getAtIndex(ElementAccess.F32, at + 2L * k * stride);
                zi[k] = seg.getAtIndex(ElementAccess.F32, at + (2L * k + 1) * stride);
            }
        }
        plan.forward(zr, zi, parallel);
        // X_k = E_k + w^k O_k with E_k = (Z_k + conj Z_(h-k)) / 2, O_k = (Z_k - conj Z_(h-k)) / 2i
        separate(zr, zi, 0, 0, outRe, outIm, 0);
        separate(zr, zi, 0, 0, outRe, outIm, h);
        int k = 1;
        for (; k + LANES <= h; k += LANES) {
            FloatVector pr = FloatVector.fromArray(F, zr, k), pi = FloatVector.fromArray(F, zi, k);
            FloatVector cr = FloatVector.fromArray(F, zr, h - k - LANES + 1).rearrange(REVERSE);
            FloatVector ci = FloatVector.fromArray(F, zi, h - k - LANES + 1).rearrange(REVERSE).neg();
            FloatVector er = pr.add(cr).mul(0.5f), ei = pi.add(ci).mul(0.5f);
            FloatVector or = pi.sub(ci).mul(0.5f), oi = cr.sub(pr).mul(0.5f);
            FloatVector wr = FloatVector.fromArray(F, twRe, k), wi = FloatVector.fromArray(F, twIm, k);
            er.add(or.mul(wr)).sub(oi.mul(wi)).intoArray(outRe, k);
            ei.add(or.mul(wi)).add(oi.mul(wr)).intoArray(outIm, k);
        }
        for (; k < h; k++) separate(zr, zi, k, h - k, outRe, outIm, k);
    }

    private void separate(float[] zr, float[] zi, int a, int b, float[] outRe, float[] outIm, int k) {
        float pr = zr[a], pi = zi[a], cr = zr[b], ci = -zi[b];
        float er = 0.5f * (pr + cr), ei = 0.5f * (pi + ci);
        float or = 0.5f * (pi - ci), oi = 0.5f * (cr - pr);
        float wr = twRe[k], wi = twIm[k];
        outRe[k] = er + or * wr - oi * wi;
        outIm[k] = ei + or * wi + oi * wr;
    }

    /** The real line (at float index {@code at}, {@code stride} floats apart) of the half spectrum {@code inRe/inIm}. */
    void irfft(float[] inRe, float[] inIm, MemorySegment seg, long at, long stride, boolean parallel) {
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
            for (int j = 0; j < n; j++) seg.setAtIndex(ElementAccess.F32, at + j * stride, re[j] * scale);
            return;
        }
        int h = n / 2;
        float[] zr = new float[h], zi = new float[h];
        // Z_k = E_k + i O_k with E_k = (X_k + conj X_(h-k)) / 2, O_k = (X_k - conj X_(h-k)) conj(w^k) / 2
        combine(inRe[0], 0, inRe[h], 0, 0, zr, zi);
        int k = 1;
        for (; k + LANES <= h; k += LANES) {
            FloatVector pr = FloatVector.fromArray(F, inRe, k), pi = FloatVector.fromArray(F, inIm, k);
            FloatVector cr = FloatVector.fromArray(F, inRe, h - k - LANES + 1).rearrange(REVERSE);
            FloatVector ci = FloatVector.fromArray(F, inIm, h - k - LANES + 1).rearrange(REVERSE).neg();
            FloatVector er = pr.add(cr).mul(0.5f), ei = pi.add(ci).mul(0.5f);
            FloatVector dr = pr.sub(cr).mul(0.5f), di = pi.sub(ci).mul(0.5f);
            FloatVector wr = FloatVector.fromArray(F, twRe, k), wi = FloatVector.fromArray(F, twIm, k).neg();
            FloatVector or = dr.mul(wr).sub(di.mul(wi)), oi = dr.mul(wi).add(di.mul(wr));
            er.sub(oi).intoArray(zr, k);
            ei.add(or).intoArray(zi, k);
        }
        for (; k < h; k++) combine(inRe[k], inIm[k], inRe[h - k], -inIm[h - k], k, zr, zi);
        plan.forward(zi, zr, parallel); // swapped: the unnormalised inverse
        float scale = 1f / h;
        if (stride == 1) {
            FftLines.write(seg, at, 2, h, zr, zi, scale);
        } else {
            for (int j = 0; j < h; j++) {
                seg.setAtIndex(ElementAccess.F32, at + 2L * j * stride, zr[j] * scale);
                seg.setAtIndex(ElementAccess.F32, at + (2L * j + 1) * stride, zi[j] * scale);
            }
        }
    }

    /** {@code Z_k} from {@code X_k = (pr, pi)} and {@code conj X_(h-k) = (cr, ci)}. */
    private void combine(float pr, float pi, float cr, float ci, int k, float[] zr, float[] zi) {
        float er = 0.5f * (pr + cr), ei = 0.5f * (pi + ci);
        float dr = 0.5f * (pr - cr), di = 0.5f * (pi - ci);
        float wr = twRe[k], wi = -twIm[k];
        float or = dr * wr - di * wi, oi = dr * wi + di * wr;
        zr[k] = er - oi;
        zi[k] = ei + or;
    }
}
