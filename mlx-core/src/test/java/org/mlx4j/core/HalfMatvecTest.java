package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code x @ W.T} with {@code x [m, K]} and {@code W [N, K]} in bfloat16 and float16 (a half-precision
 * model's decode step, one to eight rows of {@code x}) against the float64 product of the same half
 * values: within the rounding of a float32 sum ({@code 2 K u sum |x w|}, {@code u = 2^-24}) plus the one
 * rounding of the result to the half dtype. Odd {@code N}, and {@code K} below, at and off the vector
 * width, so that the vector loop and its scalar tail both run.
 */
class HalfMatvecTest {

    enum Half {
        BFLOAT16(DType.BFLOAT16, 0x1p-8), FLOAT16(DType.FLOAT16, 0x1p-11);

        final DType dtype;
        final double unitRoundoff;

        Half(DType dtype, double unitRoundoff) {
            this.dtype = dtype;
            this.unitRoundoff = unitRoundoff;
        }
    }

    @ParameterizedTest
    @EnumSource(Half.class)
    void productWithTheTransposedWeightMatchesFloat64(Half h) {
        Random rng = new Random(h.ordinal() + 11);
        for (int k : new int[] {5, 16, 37, 64, 100, 257}) {
            for (int n : new int[] {1, 3, 31}) {
                Array w = Mx.array(TestArrays.uniform(rng, n * k, -1, 1), n, k).astype(h.dtype);
                for (int m = 1; m <= 8; m++) {
                    Array x = Mx.array(TestArrays.uniform(rng, m * k, -1, 1), m, k).astype(h.dtype);
                    Array y = Mx.matmul(x, Mx.transpose(w, 1, 0));
                    assertThat(y.shape()).containsExactly(m, n);
                    assertThat(y.dtype()).isEqualTo(h.dtype);
                    float[] xs = x.astype(DType.FLOAT32).toFloatArray(), ws = w.astype(DType.FLOAT32).toFloatArray();
                    float[] got = y.astype(DType.FLOAT32).toFloatArray();
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double exact = 0, magnitude = 0;
                            for (int c = 0; c < k; c++) {
                                exact += (double) xs[i * k + c] * ws[j * k + c];
                                magnitude += Math.abs((double) xs[i * k + c] * ws[j * k + c]);
                            }
                            double bound = 2.0 * k * 0x1p-24 * magnitude * (1 + h.unitRoundoff) + h.unitRoundoff * Math.abs(exact) + 1e-30;
                            assertThat((double) got[i * n + j]).as("%s k %d n %d m %d: element (%d, %d)", h, k, n, m, i, j)
                                    .isCloseTo(exact, org.assertj.core.api.Assertions.within(bound));
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Half.class)
    void vectorTimesTransposedWeightKeepsTheVectorShape(Half h) {
        Random rng = new Random(h.ordinal() + 5);
        int k = 48, n = 9;
        Array w = Mx.array(TestArrays.uniform(rng, n * k, -1, 1), n, k).astype(h.dtype);
        Array x = Mx.array(TestArrays.uniform(rng, k, -1, 1), k).astype(h.dtype);
        Array y = Mx.matmul(x, Mx.transpose(w, 1, 0));
        assertThat(y.shape()).containsExactly(n);
        float[] xs = x.astype(DType.FLOAT32).toFloatArray(), ws = w.astype(DType.FLOAT32).toFloatArray(), got = y.astype(DType.FLOAT32).toFloatArray();
        for (int j = 0; j < n; j++) {
            double exact = 0;
            for (int c = 0; c < k; c++) exact += (double) xs[c] * ws[j * k + c];
            assertThat((double) got[j]).isCloseTo(exact, org.assertj.core.api.Assertions.within(2 * h.unitRoundoff * (Math.abs(exact) + k * 0x1p-20)));
        }
    }
}
