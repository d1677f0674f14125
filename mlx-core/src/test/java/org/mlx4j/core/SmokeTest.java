package org.mlx4j.core;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void basics() {
        Array a = Mx.array(new float[] {1, 2, 3, 4}, 2, 2);
        Array b = a.multiply(2.0).add(1);
        assertThat(b.toFloatArray()).containsExactly(3, 5, 7, 9);
        assertThat(b.sum().floatValue()).isEqualTo(24f);
        assertThat(a.matmul(a).toFloatArray()).containsExactly(7, 10, 15, 22);
        assertThat(a.T().toFloatArray()).containsExactly(1, 3, 2, 4);
        System.out.println(b);
        var g = Mx.grad((Array x) -> x.square().sum()).apply(Mx.array(new float[] {1, 2, 3}));
        assertThat(g.toFloatArray()).containsExactly(2, 4, 6);
    }
}
