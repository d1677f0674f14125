package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.nn.Ref.assertClose;

import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

class UpsampleTest {
    private static final Array X = Mx.array(new float[] {1, 2, 3, 4}, 1, 2, 2, 1);

    @Test
    void mlxsDocumentedExamples() {
        assertThat(new Upsample(2).forward(X).toFloatArray())
                .containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
        assertClose(new Upsample(new double[] {2}, "linear", false).forward(X),
                new double[] {1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4},
                new int[] {1, 4, 4, 1}, DType.FLOAT32, 1e-6);
        assertClose(new Upsample(new double[] {2}, "linear", true).forward(X),
                new double[] {1, 4 / 3.0, 5 / 3.0, 2, 5 / 3.0, 2, 7 / 3.0, 8 / 3.0, 7 / 3.0, 8 / 3.0, 3, 10 / 3.0, 3, 10 / 3.0, 11 / 3.0, 4},
                new int[] {1, 4, 4, 1}, DType.FLOAT32, 1e-6);
    }

    /** Keys' cubic convolution (a = -0.75) in float64, clamping indices at the borders. */
    static double cubic1d(double[] v, double c) {
        double l1 = Math.floor(c), sum = 0;
        for (int t = -1; t <= 2; t++) {
            double grid = l1 + t, x = Math.abs(c - grid), a = -0.75;
            double w = x <= 1 ? ((a + 2) * x - (a + 3)) * x * x + 1 : (((x - 5) * x + 8) * x - 4) * a;
            int i = (int) Math.min(v.length - 1, Math.max(0, grid));
            sum += w * v[i];
        }
        return sum;
    }

    @Test
    void cubicOneDimensionalUpsamplingMatchesKeysKernel() {
        double[] v = Ref.uniform(90, 5);
        double scale = 1.6;
        int m = (int) (scale * 5);
        double[] expected = new double[m];
        for (int i = 0; i < m; i++) {
            double step = 1 / scale, start = ((m - 1) * step - 5 + 1) / 2;
            expected[i] = cubic1d(v, i * step - start);
        }
        assertClose(new Upsample(new double[] {scale}, "cubic", false).forward(Ref.f32(v, 1, 5, 1)), expected,
                new int[] {1, m, 1}, DType.FLOAT32, 1e-5);
    }

    @Test
    void fractionalNearestAndThreeDimensionalInput() {
        Array y = new Upsample(new double[] {1.5}, "nearest", false).forward(Mx.array(new float[] {10, 20}, 1, 2, 1));
        assertThat(y.shape()).containsExactly(1, 3, 1);
        assertThat(new Upsample(2).forward(Mx.ones(new int[] {1, 2, 2, 2, 3}, DType.FLOAT32)).shape()).containsExactly(1, 4, 4, 4, 3);
        assertThatThrownBy(() -> new Upsample(new double[] {2}, "area", false)).hasMessageContaining("mode");
        assertThatThrownBy(() -> new Upsample(2).forward(Mx.ones(new int[] {4}, DType.FLOAT32))).hasMessageContaining("Upsample");
        Upsample linear = new Upsample(new double[] {2}, "linear", false);
        GradCheck.check(linear, linear::forward, Ref.f32(Ref.uniform(91, 2 * 3 * 3 * 2), 2, 3, 3, 2), 92);
    }
}
