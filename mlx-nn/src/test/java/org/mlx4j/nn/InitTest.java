package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.nn.init.Init;

class InitTest {
    private static final Array LIKE = Mx.zeros(new int[] {200, 3, 100}, DType.FLOAT32); // fanIn 300, fanOut 600

    private static double std(double[] v) {
        double m = Arrays.stream(v).average().orElseThrow();
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElseThrow());
    }

    @Test
    void randomInitialisersHaveTheirDistributionsScaleAndDtype() {
        Array key = Random.key(5);
        Array gn = Init.glorotNormal(DType.FLOAT32, 1.0).apply(LIKE, key);
        assertThat(gn.shape()).containsExactly(200, 3, 100);
        assertThat(std(gn.toDoubleArray())).isCloseTo(Math.sqrt(2.0 / 900), Offset.offset(0.002));
        double gu = Math.sqrt(6.0 / 900);
        double[] u = Init.glorotUniform(DType.FLOAT32, 1.0).apply(LIKE, key).toDoubleArray();
        assertThat(Arrays.stream(u).allMatch(v -> Math.abs(v) <= gu)).isTrue();
        assertThat(std(u)).isCloseTo(gu / Math.sqrt(3), Offset.offset(0.002));
        assertThat(std(Init.heNormal(DType.FLOAT32, false, 2.0).apply(LIKE, key).toDoubleArray()))
                .isCloseTo(2.0 / Math.sqrt(300), Offset.offset(0.003));
        assertThat(std(Init.heUniform(DType.FLOAT32, true, 1.0).apply(LIKE, key).toDoubleArray()))
                .isCloseTo(Math.sqrt(3.0 / 600) / Math.sqrt(3), Offset.offset(0.002));
        Array n = Init.normal(1.0, 0.5, DType.FLOAT64).apply(LIKE, key);
        assertThat(n.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Arrays.stream(n.toDoubleArray()).average().orElseThrow()).isCloseTo(1.0, Offset.offset(0.01));
        double[] un = Init.uniform(-2, -1, DType.FLOAT32).apply(LIKE, key).toDoubleArray();
        assertThat(Arrays.stream(un).allMatch(v -> v >= -2 && v < -1)).isTrue();
        assertThat(Init.normal(0, 1, DType.FLOAT32).apply(LIKE, Random.key(9)).toFloatArray())
                .containsExactly(Init.normal(0, 1, DType.FLOAT32).apply(LIKE, Random.key(9)).toFloatArray());
    }

    @Test
    void constantAndIdentity() {
        assertThat(Init.constant(0.5, DType.FLOAT32).apply(LIKE).toFloatArray()).containsOnly(0.5f);
        Array eye = Init.identity(DType.FLOAT32).apply(Mx.zeros(new int[] {3, 3}, DType.FLOAT32));
        assertThat(eye.toFloatArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThatThrownBy(() -> Init.identity(DType.FLOAT32).apply(LIKE)).hasMessageContaining("square");
        assertThatThrownBy(() -> Init.glorotUniform(DType.FLOAT32, 1).apply(Mx.zeros(new int[] {3}, DType.FLOAT32)))
                .hasMessageContaining("2 dimensions");
    }
}
