package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long transforms (the passes split across cores, Bluestein over a long power of two) against bins
 * computed directly in float64 ({@code X_k = sum_j x_j exp(-2 pi i j k / n)}) at random frequencies, and
 * the round trip through the inverse.
 */
class FftLongTest {
    private static final int BINS = 12;

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1 << 18, 59049, 65537, 3 * 5 * 7 * 11 * 13 * 16, 2 * 40009})
    void complexTransformMatchesDirectBins(int n) {
        Random rng = new Random(n);
        float[] re = new float[n], im = new float[n];
        for (int i = 0; i < n; i++) {
            re[i] = (float) rng.nextGaussian();
            im[i] = (float) rng.nextGaussian();
        }
        Array x = Mx.complex(Mx.array(re, n), Mx.array(im, n));
        Array y = Fft.fft(x);
        double[] yr = Mx.real(y).toDoubleArray(), yi = Mx.imag(y).toDoubleArray();
        double tol = 2e-5 * Math.sqrt(n) * Math.log(n);
        for (int b = 0; b < BINS; b++) {
            int k = b == 0 ? 0 : rng.nextInt(n);
            double sr = 0, si = 0;
            for (int j = 0; j < n; j++) {
                double angle = -2 * Math.PI * ((long) j * k % n) / n, c = Math.cos(angle), s = Math.sin(angle);
                sr += re[j] * c - im[j] * s;
                si += re[j] * s + im[j] * c;
            }
            assertThat(yr[k]).as("real part of bin %d", k).isCloseTo(sr, org.assertj.core.api.Assertions.within(tol));
            assertThat(yi[k]).as("imaginary part of bin %d", k).isCloseTo(si, org.assertj.core.api.Assertions.within(tol));
        }
        double[] back = Mx.real(Fft.ifft(y)).toDoubleArray();
        for (int i = 0; i < n; i += 97) assertThat(back[i]).isCloseTo(re[i], org.assertj.core.api.Assertions.within(1e-4));
    }

    @org.junit.jupiter.api.Test
    void transformOverLeadingAxesMatchesDirectBins() {
        int a = 48, b = 40, c = 36; // axes 0 and 1 transformed, lines across the 36 of axis 2 blocked together
        Random rng = new Random(7);
        int size = a * b * c;
        float[] re = new float[size], im = new float[size];
        for (int i = 0; i < size; i++) {
            re[i] = (float) rng.nextGaussian();
            im[i] = (float) rng.nextGaussian();
        }
        Array x = Mx.complex(Mx.array(re, a, b, c), Mx.array(im, a, b, c));
        Array y = Fft.fftn(x, null, new int[] {0, 1});
        double[] yr = Mx.real(y).toDoubleArray(), yi = Mx.imag(y).toDoubleArray();
        for (int t = 0; t < BINS; t++) {
            int k0 = rng.nextInt(a), k1 = rng.nextInt(b), l = rng.nextInt(c);
            double sr = 0, si = 0;
            for (int i = 0; i < a; i++) {
                for (int j = 0; j < b; j++) {
                    double angle = -2 * Math.PI * ((double) (i * k0 % a) / a + (double) (j * k1 % b) / b);
                    double cs = Math.cos(angle), sn = Math.sin(angle);
                    int at = (i * b + j) * c + l;
                    sr += re[at] * cs - im[at] * sn;
                    si += re[at] * sn + im[at] * cs;
                }
            }
            int at = (k0 * b + k1) * c + l;
            assertThat(yr[at]).as("real part of bin (%d, %d, %d)", k0, k1, l).isCloseTo(sr, org.assertj.core.api.Assertions.within(1e-3));
            assertThat(yi[at]).as("imaginary part of bin (%d, %d, %d)", k0, k1, l).isCloseTo(si, org.assertj.core.api.Assertions.within(1e-3));
        }
        double[] back = Mx.real(Fft.ifftn(y, null, new int[] {0, 1})).toDoubleArray();
        for (int i = 0; i < size; i += 37) assertThat(back[i]).isCloseTo(re[i], org.assertj.core.api.Assertions.within(1e-5));
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1 << 20, 3 * 65536 + 2, 100003})
    void realTransformMatchesDirectBinsAndRoundTrips(int n) {
        Random rng = new Random(n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
        Array x = Mx.array(v, n);
        Array y = Fft.rfft(x);
        assertThat(y.shape()).containsExactly(n / 2 + 1);
        double[] yr = Mx.real(y).toDoubleArray(), yi = Mx.imag(y).toDoubleArray();
        double tol = 2e-5 * Math.sqrt(n) * Math.log(n);
        for (int b = 0; b < BINS; b++) {
            int k = b == 0 ? n / 2 : rng.nextInt(n / 2 + 1);
            double sr = 0, si = 0;
            for (int j = 0; j < n; j++) {
                double angle = -2 * Math.PI * ((long) j * k % n) / n;
                sr += v[j] * Math.cos(angle);
                si += v[j] * Math.sin(angle);
            }
            assertThat(yr[k]).as("real part of bin %d", k).isCloseTo(sr, org.assertj.core.api.Assertions.within(tol));
            assertThat(yi[k]).as("imaginary part of bin %d", k).isCloseTo(si, org.assertj.core.api.Assertions.within(tol));
        }
        float[] back = Fft.irfft(y, n, -1).toFloatArray();
        for (int i = 0; i < n; i += 101) assertThat(back[i]).isCloseTo(v[i], org.assertj.core.api.Assertions.within(1e-4f));
    }
}
