package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Random.multivariateNormal} against NumPy's SVD square root (golden) and the sample moments. */
class OpsaMultivariateNormalTest {
    @Test
    void samplesAreTheMeanPlusNormalsTimesTheSvdRoot() {
        Array cov = OpsaGolden.get("mvn_cov"), root = OpsaGolden.get("mvn_root");
        Array mean = Mx.array(new float[] {1, -2, 0.5f});
        Array key = org.mlx4j.core.Random.key(11);
        Array s = org.mlx4j.core.Random.multivariateNormal(mean, cov, new int[] {4, 2}, DType.FLOAT32, key);
        assertShape(s, DType.FLOAT32, 4, 2, 3);
        double[] z = org.mlx4j.core.Random.normal(new int[] {4, 2, 3}, DType.FLOAT32, key).toDoubleArray();
        double[] r = root.toDoubleArray(), mu = mean.toDoubleArray(), want = new double[24];
        for (int i = 0; i < 4; i++) {
            for (int b = 0; b < 2; b++) {
                for (int j = 0; j < 3; j++) {
                    double acc = mu[j];
                    for (int k = 0; k < 3; k++) acc += z[(i * 2 + b) * 3 + k] * r[b * 9 + k * 3 + j];
                    want[(i * 2 + b) * 3 + j] = acc;
                }
            }
        }
        assertClose(s, DType.FLOAT32, shape(4, 2, 3), want, 1e-4, 1e-5);
    }

    @Test
    void sampleCovarianceApproachesTheCovariance() {
        double[] c = {2.0, 0.6, 0.0, 0.6, 1.0, -0.3, 0.0, -0.3, 0.5};
        Array cov = Mx.array(c, DType.FLOAT64, 3, 3);
        Array s = org.mlx4j.core.Random.multivariateNormal(Mx.zeros(3), cov, new int[] {100_000}, DType.FLOAT64, org.mlx4j.core.Random.key(5));
        assertShape(s, DType.FLOAT64, 100_000, 3);
        Array empirical = Mx.divide(Mx.matmul(Mx.transpose(s), s), 100_000.0);
        assertAllClose(empirical.toDoubleArray(), c, 0, 0.03);
        // a singular (semi-definite) covariance: samples stay on its line
        Array line = org.mlx4j.core.Random.multivariateNormal(Mx.zeros(2), Mx.array(new double[] {1, 1, 1, 1}, DType.FLOAT32, 2, 2),
                new int[] {50}, DType.FLOAT32, org.mlx4j.core.Random.key(6));
        List<Array> cols = Mx.split(line, 2, 1);
        assertThat(Mx.allclose(cols.get(0), cols.get(1), 1e-4, 1e-5).booleanValue()).isTrue();
    }

    @Test
    void gradientsReachTheMean() {
        Array cov = OpsaGolden.get("mvn_cov");
        Array key = org.mlx4j.core.Random.key(2);
        Array g = Mx.grad((Array m) -> Mx.sum(org.mlx4j.core.Random.multivariateNormal(m, cov, new int[] {5, 2}, DType.FLOAT32, key)))
                .apply(Mx.zeros(3));
        assertClose(g, DType.FLOAT32, shape(3), new double[] {10, 10, 10}, 0, 0);
    }

    @Test
    void badShapesAreNamed() {
        assertFailsWith(() -> org.mlx4j.core.Random.multivariateNormal(Mx.zeros(3), Mx.zeros(2, 2), null), "multivariateNormal", "[..., 3, 3]", "(2, 2)");
        assertFailsWith(() -> org.mlx4j.core.Random.multivariateNormal(Mx.array(1f), Mx.zeros(1, 1), null), "multivariateNormal", "0-d");
        assertFailsWith(() -> org.mlx4j.core.Random.multivariateNormal(Mx.zeros(2), Mx.zeros(2, 2), new int[] {2}, DType.INT32, null),
                "multivariateNormal", "int32");
        assertFailsWith(() -> org.mlx4j.core.Random.multivariateNormal(Mx.zeros(new int[] {2}, DType.INT32), Mx.zeros(2, 2), null),
                "multivariateNormal", "real floating");
    }
}
