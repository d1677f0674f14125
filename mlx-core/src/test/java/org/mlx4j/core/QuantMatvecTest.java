package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decode-step product {@code x @ W.T} with an affine-quantized {@code W} (2, 4 and 8 bits, groups of 32,
 * 64 and 128: the vector kernel's paths) against the float64 product with the dequantized matrix, within
 * the rounding of a float32 sum: {@code |got - exact| <= 2 K u sum |x| (|w| + 2 |bias|)} with
 * {@code u = 2^-24}. The shapes reach every path of the kernel: odd row counts, rows whose groups end
 * inside a vector of words (read by the scalar tail), a last row whose scales end the buffer, and one to
 * eight rows of {@code x}.
 */
class QuantMatvecTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int bits : new int[] {2, 4, 8}) {
            for (int gs : new int[] {32, 64, 128}) {
                // groups per row: 1 and 3 leave groups for the tail when a vector spans several groups
                for (int groups : new int[] {1, 3, 8, 33}) out.add(Arguments.of(bits, gs, groups));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matrixVectorProductMatchesTheDequantizedMatrixWithinFloat32Rounding(int bits, int gs, int groups) {
        Random rng = new Random(31L * bits + 7L * gs + groups);
        int k = gs * groups;
        for (int n : new int[] {1, 7, 33}) {
            Array w = Mx.array(TestArrays.uniform(rng, n * k, -3, 3), n, k);
            List<Array> q = Mx.quantize(w, gs, bits);
            float[] dense = Mx.dequantize(q.get(0), q.get(1), q.get(2), gs, bits).toFloatArray();
            float[] biases = q.get(2).toFloatArray();
            for (int m = 1; m <= 8; m++) {
                Array x = Mx.array(TestArrays.uniform(rng, m * k, -2, 2), m, k);
                Array y = Mx.quantizedMatmul(x, q.get(0), q.get(1), q.get(2), true, gs, bits);
                assertThat(y.shape()).containsExactly(m, n);
                assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
                float[] xs = x.toFloatArray(), got = y.toFloatArray();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double exact = 0, magnitude = 0;
                        for (int c = 0; c < k; c++) {
                            double xv = xs[i * k + c], wv = dense[j * k + c];
                            exact += xv * wv;
                            magnitude += Math.abs(xv) * (Math.abs(wv) + 2 * Math.abs(biases[j * groups + c / gs]));
                        }
                        double bound = 2.0 * k * 0x1p-24 * magnitude;
                        assertThat((double) got[i * n + j]).as("bits %d gs %d k %d n %d m %d: row %d of x, row %d of W", bits, gs, k, n, m, i, j)
                                .isCloseTo(exact, org.assertj.core.api.Assertions.within(bound));
                    }
                }
            }
        }
    }
}
