package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.core.TestArrays.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Derivatives of {@link Linalg}: each jvp against central differences in float64 and against its vjp
 * ({@code <v, J u> == <J^T v, u>}, {@link JvpChecks}), on both CPU paths, at random well-conditioned inputs
 * (symmetric positive definite ones for Cholesky, distinct eigen- and singular values for the vectors).
 * Then vmap against a loop over the batch.
 */
class LinalgGradientTest {

    @AfterEach
    void lapackAgain() { System.clearProperty("mlx4j.linalg.java"); }

    private static Random path(String path) {
        if (path.equals("java")) System.setProperty("mlx4j.linalg.java", "true");
        else System.clearProperty("mlx4j.linalg.java");
        return new Random(path.hashCode() + 9);
    }

    private static Sample sample(double[] v, int... shape) { return new Sample(f64(v, shape), v, shape.clone()); }

    /** Random matrices plus {@code shift} on the diagonal (well conditioned for shift > 0). */
    private static Sample matrices(Random rng, double shift, int... shape) {
        int n = shape[shape.length - 1], m = shape[shape.length - 2];
        double[] v = uniform(rng, size(shape), -1, 1);
        for (int b = 0; b < v.length; b += m * n) for (int i = 0; i < Math.min(m, n); i++) v[b + i * n + i] += shift;
        return sample(v, shape);
    }

    /** Symmetric positive-definite matrices {@code x x^T + n I}. */
    private static Sample spd(Random rng, int... shape) {
        int n = shape[shape.length - 1];
        double[] x = uniform(rng, size(shape), -1, 1), v = new double[x.length];
        for (int b = 0; b < x.length; b += n * n) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = i == j ? n : 0;
                    for (int k = 0; k < n; k++) s += x[b + i * n + k] * x[b + j * n + k];
                    v[b + i * n + j] = s;
                }
            }
        }
        return sample(v, shape);
    }

    /** Symmetric matrices with eigenvalues near 1, 2, ..., n (well separated): {@code q diag q^T} for a random rotation. */
    private static Sample symmetricDistinct(Random rng, int n) {
        Array q = Linalg.qr(matrices(rng, 0, n, n).array()).get(0);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = i + 1 + 0.3 * rng.nextDouble();
        Array a = Mx.matmul(Mx.multiply(q, Mx.array(w, DType.FLOAT64, n)), Mx.swapAxes(q, 0, 1));
        double[] v = a.toDoubleArray();
        return sample(v, n, n);
    }

    private static Fn one(java.util.function.Function<Array, Array> f) { return xs -> List.of(f.apply(xs.get(0))); }

    private static Fn many(java.util.function.Function<Array, List<Array>> f) { return xs -> f.apply(xs.get(0)); }

    @ParameterizedTest
    @ValueSource(strings = {"lapack", "java"})
    void inverseSolvesAndTriangles(String p) {
        Random rng = path(p);
        JvpChecks.check(one(Linalg::inv), rng, matrices(rng, 3, 2, 3, 3));
        JvpChecks.check(xs -> List.of(Linalg.solve(xs.get(0), xs.get(1))), rng, matrices(rng, 3, 2, 3, 3), matrices(rng, 0, 2, 3, 2));
        JvpChecks.check(xs -> List.of(Linalg.solve(xs.get(0), xs.get(1))), rng, matrices(rng, 3, 4, 4), matrices(rng, 0, 4, 1));
        JvpChecks.check(one(a -> Linalg.triInv(a)), rng, matrices(rng, 3, 3, 3));
        JvpChecks.check(one(a -> Linalg.triInv(a, true)), rng, matrices(rng, 3, 2, 3, 3));
        JvpChecks.check(xs -> List.of(Linalg.solveTriangular(xs.get(0), xs.get(1), true)), rng, matrices(rng, 3, 3, 3),
                matrices(rng, 0, 3, 2));
        JvpChecks.check(xs -> List.of(Linalg.solveTriangular(xs.get(0), xs.get(1), false)), rng, matrices(rng, 3, 3, 3),
                matrices(rng, 0, 3, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lapack", "java"})
    void choleskyFactorsAndInverse(String p) {
        Random rng = path(p);
        JvpChecks.check(one(Linalg::cholesky), rng, spd(rng, 2, 4, 4));
        JvpChecks.check(one(a -> Linalg.cholesky(a, true)), rng, spd(rng, 3, 3));
        JvpChecks.check(one(a -> Linalg.choleskyInv(Linalg.cholesky(a))), rng, spd(rng, 3, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lapack", "java"})
    void qrOfTallAndSquareMatrices(String p) {
        Random rng = path(p);
        JvpChecks.check(many(Linalg::qr), rng, matrices(rng, 2, 4, 4));
        JvpChecks.check(many(Linalg::qr), rng, matrices(rng, 2, 2, 5, 3));
        assertThatThrownBy(() -> Mx.grad(one(a -> Mx.sum(Linalg.qr(a).get(1)))).apply(List.of(Mx.ones(new int[] {2, 3}, DType.FLOAT64))))
                .hasMessageContaining("linalg.qr: the derivative needs rows >= columns");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lapack", "java"})
    void singularValues(String p) {
        Random rng = path(p);
        JvpChecks.check(one(a -> Linalg.svd(a, false).get(0)), rng, matrices(rng, 0, 2, 5, 3));
        JvpChecks.check(one(a -> Linalg.svd(a, false).get(0)), rng, matrices(rng, 0, 3, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lapack", "java"})
    void singularVectors(String p) {
        Random rng = path(p);
        JvpChecks.check(many(Linalg::svd), rng, matrices(rng, 2, 4, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lapack", "java"})
    void pseudoInverse(String p) {
        Random rng = path(p);
        JvpChecks.check(one(Linalg::pinv), rng, matrices(rng, 2, 3, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lapack", "java"})
    void symmetricEigen(String p) {
        Random rng = path(p);
        Sample a = symmetricDistinct(rng, 4);
        JvpChecks.check(many(Linalg::eigh), rng, a);
        JvpChecks.check(many(x -> Linalg.eigh(x, "U")), rng, a);
        JvpChecks.check(one(Linalg::eigvalsh), rng, a);
        JvpChecks.check(one(x -> Linalg.eigvalsh(x, "U")), rng, spd(rng, 2, 3, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lapack", "java"})
    void determinantsAndLu(String p) {
        Random rng = path(p);
        JvpChecks.check(one(Linalg::det), rng, matrices(rng, 1, 2, 3, 3));
        JvpChecks.check(one(a -> Linalg.slogdet(a).get(1)), rng, matrices(rng, 1, 4, 4));
        JvpChecks.check(many(a -> Linalg.lu(a).subList(1, 3)), rng, matrices(rng, 0, 2, 4, 4));
        JvpChecks.check(one(a -> Linalg.luFactor(a).get(0)), rng, matrices(rng, 0, 3, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lapack", "java"})
    void norms(String p) {
        Random rng = path(p);
        Sample a = matrices(rng, 0, 2, 3, 4);
        JvpChecks.check(one(Linalg::norm), rng, a);
        JvpChecks.check(one(x -> Linalg.norm(x, 3, new int[] {-1}, false)), rng, a);
        JvpChecks.check(one(x -> Linalg.norm(x, "fro", new int[] {1, 2}, true)), rng, a);
        JvpChecks.check(one(x -> Linalg.norm(x, "nuc", new int[] {1, 2}, false)), rng, a);
        JvpChecks.check(one(x -> Linalg.norm(x, 2, new int[] {-2, -1}, false)), rng, a);
        JvpChecks.check(one(x -> Linalg.norm(x, Double.POSITIVE_INFINITY, new int[] {-2, -1}, false)), rng, a);
        JvpChecks.check(xs -> List.of(Linalg.cross(xs.get(0), xs.get(1))), rng, matrices(rng, 0, 4, 3), matrices(rng, 0, 4, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lapack", "java"})
    void eigHasNoDerivative(String p) {
        path(p);
        Array eye = Mx.eye(2, 2, 0, DType.FLOAT64);
        assertThatThrownBy(() -> Mx.jvp(one(Linalg::eigvals), List.of(eye), List.of(eye)))
                .hasMessageContaining("linalg.eigvals: the derivative is not defined, as in MLX");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lapack", "java"})
    void compiledMatchesEager(String p) {
        Random rng = path(p);
        Sample a = matrices(rng, 3, 2, 3, 3);
        Fn f = xs -> {
            List<Array> wv = Linalg.eigh(Mx.matmul(xs.get(0), Mx.swapAxes(xs.get(0), -1, -2)));
            return List.of(Mx.add(Linalg.inv(xs.get(0)), 1.0), wv.get(0), Mx.exp(wv.get(1)), Linalg.det(xs.get(0)));
        };
        List<Array> eager = f.apply(List.of(a.array())), compiled = Mx.compile(f).apply(List.of(a.array()));
        for (int o = 0; o < eager.size(); o++) {
            assertClose(compiled.get(o), DType.FLOAT64, eager.get(o).shape(), eager.get(o).toDoubleArray(), 1e-12, 1e-12);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lapack", "java"})
    void vmapMatchesALoop(String p) {
        Random rng = path(p);
        Sample a = matrices(rng, 3, 4, 3, 3), b = matrices(rng, 0, 3, 2);
        List<Fn> fns = List.of(one(Linalg::inv), many(Linalg::qr), many(Linalg::eigh), many(Linalg::svd), one(Linalg::det),
                many(Linalg::lu), one(x -> Linalg.solve(x, b.array())), one(x -> Linalg.cholesky(Mx.matmul(x, Mx.swapAxes(x, 0, 1)))),
                one(Linalg::eigvals), one(x -> Linalg.norm(x, 2, new int[] {0, 1}, false)));
        for (Fn f : fns) {
            int outputs = f.apply(List.of(Mx.eye(3, 3, 0, DType.FLOAT64))).size();
            List<Array> batched = Mx.vmap(f, new int[] {0}, new int[outputs]).apply(List.of(a.array()));
            for (int i = 0; i < 4; i++) {
                Array item = Mx.slice(a.array(), new int[] {i, 0, 0}, new int[] {i + 1, 3, 3}, new int[] {1, 1, 1});
                List<Array> single = f.apply(List.of(Mx.reshape(item, 3, 3)));
                for (int o = 0; o < single.size(); o++) {
                    Array got = Mx.take(batched.get(o), Mx.array(i), 0);
                    assertThat(got.dtype()).isEqualTo(single.get(o).dtype());
                    assertThat(got.shape()).containsExactly(single.get(o).shape());
                    double[] x = got.dtype() == DType.COMPLEX64 ? Mx.real(got).toDoubleArray() : got.toDoubleArray();
                    double[] y = got.dtype() == DType.COMPLEX64 ? Mx.real(single.get(o)).toDoubleArray() : single.get(o).toDoubleArray();
                    for (int k = 0; k < x.length; k++) assertThat(x[k]).isCloseTo(y[k], org.assertj.core.api.Assertions.within(1e-9));
                }
            }
        }
    }
}
