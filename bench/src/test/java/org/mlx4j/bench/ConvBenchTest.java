package org.mlx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;

/** ConvBench's setup and body on a small layer, checked against a float64 convolution written from its definition. */
class ConvBenchTest {

    @Test
    void conv2dComputesTheConvolutionOfItsLayer() {
        ConvBench bench = new ConvBench();
        int h = 11, cin = 5, cout = 7, k = 3, stride = 2, pad = 1;
        bench.layer = "test:" + h + ":" + cin + ":" + cout + ":" + k + ":" + stride + ":" + pad;
        bench.setup();
        try (Array out = bench.output()) {
            int o = (h + 2 * pad - k) / stride + 1;
            assertThat(out.shape()).containsExactly(ConvBench.BATCH, o, o, cout);
            assertThat(out.dtype()).isEqualTo(DType.FLOAT32);
            float[] x = BenchInputs.uniform(1, ConvBench.BATCH * h * h * cin, -1f, 1f);
            float[] w = BenchInputs.uniform(2, cout * k * k * cin, -0.1f, 0.1f);
            float[] y = out.toFloatArray();
            for (int n = 0; n < ConvBench.BATCH; n++) {
                for (int i = 0; i < o; i++) {
                    for (int j = 0; j < o; j++) {
                        for (int c = 0; c < cout; c++) {
                            double expected = 0;
                            for (int di = 0; di < k; di++) {
                                for (int dj = 0; dj < k; dj++) {
                                    int r = i * stride + di - pad, s = j * stride + dj - pad;
                                    if (r < 0 || r >= h || s < 0 || s >= h) continue;
                                    for (int ci = 0; ci < cin; ci++) {
                                        expected += (double) x[((n * h + r) * h + s) * cin + ci] * w[((c * k + di) * k + dj) * cin + ci];
                                    }
                                }
                            }
                            assertThat((double) y[((n * o + i) * o + j) * cout + c]).isCloseTo(expected, within(1e-5));
                        }
                    }
                }
            }
        } finally {
            bench.tearDown();
        }
    }
}
