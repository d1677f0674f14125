package org.mlx4j.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The butterflies of one Stockham (self-sorting) pass of a forward complex FFT on split real and
 * imaginary arrays. A pass of radix {@code r} over sub-transforms of length {@code r * m}, repeated at
 * stride {@code s} (so {@code r * m * s} is the whole length), reads {@code x[q + s*(p + t*m)]} for
 * {@code t < r} and writes {@code y[q + s*(r*p + u)] = w^(p*u) * sum_t x_t * omega_r^(t*u)}, with
 * {@code w = exp(-2 pi i / (r*m))}. The inner loop runs over {@code q}, contiguous in memory, in Vector API
 * lanes when the stride is at least a vector; a radix-4 pass with a shorter stride that divides a vector
 * (the first passes: fours come first) puts several butterflies in the lanes (contiguous loads,
 * scattered stores); other short strides run scalar.
 */
final class FftStages {
    private FftStages() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int LANES = F.length();

    /**
     * One pass for the butterflies {@code p} in {@code [pFrom, pTo)}, over {@code batch} interleaved lines
     * (element {@code j} of line {@code b} at {@code j * batch + b}): the same pass at {@code batch} times
     * the stride.
     */
    static void pass(FftPlan.Stage st, int batch, float[] xr, float[] xi, float[] yr, float[] yi, int pFrom, int pTo) {
        int s = st.stride() * batch;
        if (batch == 1 && st.lanesOverButterflies()) {
            int group = LANES / s, vectorTo = pFrom + (pTo - pFrom) / group * group;
            lanesRadix4(st, xr, xi, yr, yi, pFrom, vectorTo);
            pFrom = vectorTo;
            if (pFrom == pTo) return;
        }
        int vectorEnd = s >= LANES ? s - s % LANES : 0;
        switch (st.radix()) {
            case 2 -> radix2(st, s, xr, xi, yr, yi, pFrom, pTo, vectorEnd);
            case 4 -> radix4(st, s, xr, xi, yr, yi, pFrom, pTo, vectorEnd);
            default -> generic(st, s, xr, xi, yr, yi, pFrom, pTo, vectorEnd);
        }
    }

    private static void radix2(FftPlan.Stage st, int s, float[] xr, float[] xi, float[] yr, float[] yi, int pFrom, int pTo,
                               int vectorEnd) {
        int m = st.m();
        float[] twr = st.twiddleRe(), twi = st.twiddleIm();
        for (int p = pFrom; p < pTo; p++) {
            float wr = twr[p], wi = twi[p];
            int in0 = s * p, in1 = s * (p + m), out0 = s * 2 * p, out1 = out0 + s;
            int q = 0;
            if (vectorEnd > 0) {
                FloatVector vwr = FloatVector.broadcast(F, wr), vwi = FloatVector.broadcast(F, wi);
                for (; q < vectorEnd; q += LANES) {
                    FloatVector ar = FloatVector.fromArray(F, xr, in0 + q), ai = FloatVector.fromArray(F, xi, in0 + q);
                    FloatVector br = FloatVector.fromArray(F, xr, in1 + q), bi = FloatVector.fromArray(F, xi, in1 + q);
                    ar.add(br).intoArray(yr, out0 + q);
                    ai.add(bi).intoArray(yi, out0 + q);
                    FloatVector dr = ar.sub(br), di = ai.sub(bi);
                    dr.mul(vwr).sub(di.mul(vwi)).intoArray(yr, out1 + q);
                    dr.mul(vwi).add(di.mul(vwr)).intoArray(yi, out1 + q);
                }
            }
            for (; q < s; q++) {
                float ar = xr[in0 + q], ai = xi[in0 + q], br = xr[in1 + q], bi = xi[in1 + q];
                yr[out0 + q] = ar + br;
                yi[out0 + q] = ai + bi;
                float dr = ar - br, di = ai - bi;
                yr[out1 + q] = dr * wr - di * wi;
                yi[out1 + q] = dr * wi + di * wr;
            }
        }
    }

    private static void radix4(FftPlan.Stage st, int s, float[] xr, float[] xi, float[] yr, float[] yi, int pFrom, int pTo,
                               int vectorEnd) {
        int m = st.m();
        float[] twr = st.twiddleRe(), twi = st.twiddleIm();
        for (int p = pFrom; p < pTo; p++) {
            float w1r = twr[p], w1i = twi[p], w2r = twr[m + p], w2i = twi[m + p], w3r = twr[2 * m + p], w3i = twi[2 * m + p];
            int i0 = s * p, i1 = s * (p + m), i2 = s * (p + 2 * m), i3 = s * (p + 3 * m);
            int o0 = s * 4 * p, o1 = o0 + s, o2 = o1 + s, o3 = o2 + s;
            int q = 0;
            if (vectorEnd > 0) {
                FloatVector v1r = FloatVector.broadcast(F, w1r), v1i = FloatVector.broadcast(F, w1i);
                FloatVector v2r = FloatVector.broadcast(F, w2r), v2i = FloatVector.broadcast(F, w2i);
                FloatVector v3r = FloatVector.broadcast(F, w3r), v3i = FloatVector.broadcast(F, w3i);
                for (; q < vectorEnd; q += LANES) {
                    FloatVector a0r = FloatVector.fromArray(F, xr, i0 + q), a0i = FloatVector.fromArray(F, xi, i0 + q);
                    FloatVector a1r = FloatVector.fromArray(F, xr, i1 + q), a1i = FloatVector.fromArray(F, xi, i1 + q);
                    FloatVector a2r = FloatVector.fromArray(F, xr, i2 + q), a2i = FloatVector.fromArray(F, xi, i2 + q);
                    FloatVector a3r = FloatVector.fromArray(F, xr, i3 + q), a3i = FloatVector.fromArray(F, xi, i3 + q);
                    FloatVector t0r = a0r.add(a2r), t0i = a0i.add(a2i), t1r = a0r.sub(a2r), t1i = a0i.sub(a2i);
                    FloatVector t2r = a1r.add(a3r), t2i = a1i.add(a3i), t3r = a1r.sub(a3r), t3i = a1i.sub(a3i);
                    t0r.add(t2r).intoArray(yr, o0 + q);
                    t0i.add(t2i).intoArray(yi, o0 + q);
                    FloatVector b1r = t1r.add(t3i), b1i = t1i.sub(t3r);
                    FloatVector b2r = t0r.sub(t2r), b2i = t0i.sub(t2i);
                    FloatVector b3r = t1r.sub(t3i), b3i = t1i.add(t3r);
                    b1r.mul(v1r).sub(b1i.mul(v1i)).intoArray(yr, o1 + q);
                    b1r.mul(v1i).add(b1i.mul(v1r)).intoArray(yi, o1 + q);
                    b2r.mul(v2r).sub(b2i.mul(v2i)).intoArray(yr, o2 + q);
                    b2r.mul(v2i).add(b2i.mul(v2r)).intoArray(yi, o2 + q);
                    b3r.mul(v3r).sub(b3i.mul(v3i)).intoArray(yr, o3 + q);
                    b3r.mul(v3i).add(b3i.mul(v3r)).intoArray(yi, o3 + q);
                }
            }
            for (; q < s; q++) {
                float a0r = xr[i0 + q], a0i = xi[i0 + q], a1r = xr[i1 + q], a1i = xi[i1 + q];
                float a2r = xr[i2 + q], a2i = xi[i2 + q], a3r = xr[i3 + q], a3i = xi[i3 + q];
                float t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                float t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1r - a3r, t3i = a1i - a3i;
                yr[o0 + q] = t0r + t2r;
                yi[o0 + q] = t0i + t2i;
                float b1r = t1r + t3i, b1i = t1i - t3r, b2r = t0r - t2r, b2i = t0i - t2i, b3r = t1r - t3i, b3i = t1i + t3r;
                yr[o1 + q] = b1r * w1r - b1i * w1i;
                yi[o1 + q] = b1r * w1i + b1i * w1r;
                yr[o2 + q] = b2r * w2r - b2i * w2i;
                yi[o2 + q] = b2r * w2i + b2i * w2r;
                yr[o3 + q] = b3r * w3r - b3i * w3i;
                yi[o3 + q] = b3r * w3i + b3i * w3r;
            }
        }
    }

    /**
     * Radix 4 with the lanes over {@code LANES / s} butterflies and their {@code s} offsets: the inputs are
     * contiguous, the twiddles come from the repeated table and the outputs are scattered.
     */
    private static void lanesRadix4(FftPlan.Stage st, float[] xr, float[] xi, float[] yr, float[] yi, int pFrom, int pTo) {
        int m = st.m(), s = st.stride(), group = LANES / s, ms = m * s;
        float[] twr = st.laneTwiddleRe(), twi = st.laneTwiddleIm();
        int[] map = st.laneOutput();
        for (int p = pFrom; p < pTo; p += group) {
            int i0 = s * p, i1 = i0 + ms, i2 = i1 + ms, i3 = i2 + ms, o0 = s * 4 * p;
            FloatVector a0r = FloatVector.fromArray(F, xr, i0), a0i = FloatVector.fromArray(F, xi, i0);
            FloatVector a1r = FloatVector.fromArray(F, xr, i1), a1i = FloatVector.fromArray(F, xi, i1);
            FloatVector a2r = FloatVector.fromArray(F, xr, i2), a2i = FloatVector.fromArray(F, xi, i2);
            FloatVector a3r = FloatVector.fromArray(F, xr, i3), a3i = FloatVector.fromArray(F, xi, i3);
            FloatVector t0r = a0r.add(a2r), t0i = a0i.add(a2i), t1r = a0r.sub(a2r), t1i = a0i.sub(a2i);
            FloatVector t2r = a1r.add(a3r), t2i = a1i.add(a3i), t3r = a1r.sub(a3r), t3i = a1i.sub(a3i);
            t0r.add(t2r).intoArray(yr, o0, map, 0);
            t0i.add(t2i).intoArray(yi, o0, map, 0);
            FloatVector b1r = t1r.add(t3i), b1i = t1i.sub(t3r);
            FloatVector b2r = t0r.sub(t2r), b2i = t0i.sub(t2i);
            FloatVector b3r = t1r.sub(t3i), b3i = t1i.add(t3r);
            int w = s * p;
            FloatVector w1r = FloatVector.fromArray(F, twr, w), w1i = FloatVector.fromArray(F, twi, w);
            FloatVector w2r = FloatVector.fromArray(F, twr, ms + w), w2i = FloatVector.fromArray(F, twi, ms + w);
            FloatVector w3r = FloatVector.fromArray(F, twr, 2 * ms + w), w3i = FloatVector.fromArray(F, twi, 2 * ms + w);
            b1r.mul(w1r).sub(b1i.mul(w1i)).intoArray(yr, o0 + s, map, 0);
            b1r.mul(w1i).add(b1i.mul(w1r)).intoArray(yi, o0 + s, map, 0);
            b2r.mul(w2r).sub(b2i.mul(w2i)).intoArray(yr, o0 + 2 * s, map, 0);
            b2r.mul(w2i).add(b2i.mul(w2r)).intoArray(yi, o0 + 2 * s, map, 0);
            b3r.mul(w3r).sub(b3i.mul(w3i)).intoArray(yr, o0 + 3 * s, map, 0);
            b3r.mul(w3i).add(b3i.mul(w3r)).intoArray(yi, o0 + 3 * s, map, 0);
        }
    }

    /** Any radix: the r-point DFT by its {@code omega_r^k} table, then the twiddles. */
    private static void generic(FftPlan.Stage st, int s, float[] xr, float[] xi, float[] yr, float[] yi, int pFrom, int pTo,
                                int vectorEnd) {
        int r = st.radix(), m = st.m();
        float[] twr = st.twiddleRe(), twi = st.twiddleIm(), omr = st.rootRe(), omi = st.rootIm();
        float[] ar = new float[r], ai = new float[r];
        FloatVector[] vr = vectorEnd > 0 ? new FloatVector[r] : null, vi = vectorEnd > 0 ? new FloatVector[r] : null;
        for (int p = pFrom; p < pTo; p++) {
            int q = 0;
            for (; q < vectorEnd; q += LANES) {
                for (int t = 0; t < r; t++) {
                    vr[t] = FloatVector.fromArray(F, xr, s * (p + t * m) + q);
                    vi[t] = FloatVector.fromArray(F, xi, s * (p + t * m) + q);
                }
                for (int u = 0; u < r; u++) {
                    FloatVector br = vr[0], bi = vi[0];
                    for (int t = 1; t < r; t++) {
                        int k = (t * u) % r;
                        br = br.add(vr[t].mul(omr[k])).sub(vi[t].mul(omi[k]));
                        bi = bi.add(vr[t].mul(omi[k])).add(vi[t].mul(omr[k]));
                    }
                    int out = s * (r * p + u) + q;
                    if (u == 0) {
                        br.intoArray(yr, out);
                        bi.intoArray(yi, out);
                    } else {
                        float wr = twr[(u - 1) * m + p], wi = twi[(u - 1) * m + p];
                        br.mul(wr).sub(bi.mul(wi)).intoArray(yr, out);
                        br.mul(wi).add(bi.mul(wr)).intoArray(yi, out);
                    }
                }
            }
            for (; q < s; q++) {
                for (int t = 0; t < r; t++) {
                    ar[t] = xr[s * (p + t * m) + q];
                    ai[t] = xi[s * (p + t * m) + q];
                }
                for (int u = 0; u < r; u++) {
                    float br = ar[0], bi = ai[0];
                    for (int t = 1; t < r; t++) {
                        int k = (t * u) % r;
                        br += ar[t] * omr[k] - ai[t] * omi[k];
                        bi += ar[t] * omi[k] + ai[t] * omr[k];
                    }
                    int out = s * (r * p + u) + q;
                    if (u == 0) {
                        yr[out] = br;
                        yi[out] = bi;
                    } else {
                        float wr = twr[(u - 1) * m + p], wi = twi[(u - 1) * m + p];
                        yr[out] = br * wr - bi * wi;
                        yi[out] = br * wi + bi * wr;
                    }
                }
            }
        }
    }
}
