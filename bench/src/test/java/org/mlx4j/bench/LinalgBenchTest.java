package org.mlx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/** LinalgBench computes what it says, on both paths and dtypes, checked against float64 reference code. */
class LinalgBenchTest {

    @AfterEach
    void lapackAgain() { System.clearProperty("mlx4j.linalg.java"); }

    @ParameterizedTest
    @CsvSource({"float32, lapack", "float64, lapack", "float32, java", "float64, java"})
    void svdEighAndSolveSatisfyTheirDefinitions(String dtype, String path) {
        LinalgBench b = new LinalgBench();
        b.n = 24;
        b.dtype = dtype;
        b.path = path;
        b.setup();
        int n = b.n;
        double tol = dtype.equals("float32") ? 1e-4 : 1e-10;
        double[] a = b.a.toDoubleArray(), sym = b.symmetric.toDoubleArray(), system = b.system.toDoubleArray();
        double[] rhs = b.rhs.toDoubleArray();
        List<Array> usv = b.svd();
        double[] u = usv.get(0).toDoubleArray(), s = usv.get(1).toDoubleArray(), vt = usv.get(2).toDoubleArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double r = 0;
                for (int k = 0; k < n; k++) r += u[i * n + k] * s[k] * vt[k * n + j];
                assertThat(Math.abs(r - a[i * n + j])).as("u s vt [%d, %d]", i, j).isLessThan(tol * n);
            }
        }
        List<Array> wv = b.eigh();
        double[] w = wv.get(0).toDoubleArray(), v = wv.get(1).toDoubleArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double av = 0;
                for (int k = 0; k < n; k++) av += sym[i * n + k] * v[k * n + j];
                assertThat(Math.abs(av - w[j] * v[i * n + j])).as("a v = v w [%d, %d]", i, j).isLessThan(tol * n);
            }
        }
        double[] x = b.solve().toDoubleArray();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 64; c++) {
                double r = 0;
                for (int k = 0; k < n; k++) r += system[i * n + k] * x[k * 64 + c];
                assertThat(Math.abs(r - rhs[i * 64 + c])).as("a x = b [%d, %d]", i, c).isLessThan(tol * n);
            }
        }
        Mx.eval(usv, wv);
    }
}
