package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlx4j.core.primitives.LinalgTriangles;

/**
 * Every {@link Linalg} op against NumPy (golden/linalg/generate.py), on both CPU paths (LAPACK through FFM, and the
 * pure-Java kernels forced with {@code mlx4j.linalg.java}), in float32 and float64, on single, batched, tall and
 * wide matrices. Factors unique only up to signs are compared after the script's normalisation, or through
 * identities (reconstruction, orthogonality, {@code a v = v w}).
 */
class LinalgGoldenTest {
    private static final List<String> SQUARE = List.of("s4", "b3x5", "s1");
    private static final List<String> ALL = List.of("s4", "b3x5", "s1", "t6x4", "w3x5", "bt2x7x3");
    private static Map<String, Array> golden;

    @BeforeAll
    static void load() throws URISyntaxException {
        golden = Mx.loadArrays(Path.of(LinalgGoldenTest.class.getResource("/golden/linalg/linalg.npz").toURI()));
    }

    @AfterEach
    void lapackAgain() { System.clearProperty("mlx4j.linalg.java"); }

    static Stream<Arguments> modes() {
        return Stream.of(Arguments.of("lapack", DType.FLOAT32), Arguments.of("lapack", DType.FLOAT64),
                Arguments.of("java", DType.FLOAT32), Arguments.of("java", DType.FLOAT64));
    }

    private static void path(String path) {
        if (path.equals("java")) System.setProperty("mlx4j.linalg.java", "true");
        else System.clearProperty("mlx4j.linalg.java");
    }

    private static Array in(String key, DType t) { return Mx.astype(g(key), t); }

    private static Array g(String key) {
        Array a = golden.get(key);
        assertThat(a).as("golden key %s", key).isNotNull();
        return a;
    }

    /** Close to NumPy's value, relative to the largest expected magnitude. */
    private static void close(Array actual, Array expected, DType t, String what) {
        double tol = t == DType.FLOAT32 ? 2e-3 : 1e-8;
        assertThat(actual.dtype()).as("%s dtype", what).isEqualTo(t);
        assertThat(actual.shape()).as("%s shape", what).containsExactly(expected.shape());
        double[] x = actual.toDoubleArray(), e = expected.toDoubleArray();
        double scale = 1;
        for (double v : e) if (Double.isFinite(v)) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < e.length; i++) {
            if (Double.isInfinite(e[i])) {
                assertThat(x[i]).as("%s[%d]", what, i).isEqualTo(e[i]);
                continue;
            }
            assertThat(Math.abs(x[i] - e[i])).as("%s[%d]: %s vs %s", what, i, x[i], e[i]).isLessThanOrEqualTo(tol * scale);
        }
    }

    private static void close(Array actual, String key, DType t) { close(actual, g(key), t, key); }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void norms(String p, DType t) {
        path(p);
        for (String s : ALL) {
            Array a = in(s + ".a", t);
            int[] mat = {-2, -1};
            close(Linalg.norm(a, "fro", mat, false), s + ".norm.fro", t);
            close(Linalg.norm(a, "nuc", mat, false), s + ".norm.nuc", t);
            String[] names = {"1", "m1", "2", "m2", "inf", "minf"};
            double[] ords = {1, -1, 2, -2, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int i = 0; i < names.length; i++) close(Linalg.norm(a, ords[i], mat, false), s + ".norm." + names[i], t);
            String[] vnames = {"0", "1", "2", "3", "half", "inf", "minf"};
            double[] vords = {0, 1, 2, 3, 0.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int i = 0; i < vnames.length; i++) {
                close(Linalg.norm(a, vords[i], new int[] {-1}, false), s + ".vnorm." + vnames[i], t);
            }
            close(Linalg.norm(a), s + ".norm.all", t);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void normKeepsDimsAndAxesOrder(String p, DType t) {
        path(p);
        Array a = in("b3x5.a", t);
        Array kept = Linalg.norm(a, 2, new int[] {1, 3}, true);
        assertThat(kept.shape()).containsExactly(2, 1, 5, 1);
        Array swapped = Linalg.norm(a, 1, new int[] {3, 2}, false);
        close(swapped, Linalg.norm(Mx.swapAxes(a, -1, -2), 1, new int[] {-2, -1}, false), t, "axes (3, 2)");
        Array inf = Linalg.norm(a, Double.POSITIVE_INFINITY, new int[] {-1, -2}, true);
        assertThat(inf.shape()).containsExactly(2, 3, 1, 1);
        close(Mx.reshape(inf, 2, 3), g("b3x5.norm.1"), t, "inf over swapped axes is the 1-norm");
        assertThat(Linalg.norm(a, new int[] {-1}, true).shape()).containsExactly(2, 3, 5, 1);
        assertThat(Linalg.norm(Mx.array(new int[] {3, 4}, 2)).item()).isEqualTo(5.0f);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void qrMatchesNumpyUpToSigns(String p, DType t) {
        path(p);
        for (String s : ALL) {
            List<Array> qr = Linalg.qr(in(s + ".a", t));
            Array d = Mx.sign(LinalgTriangles.diagonal(qr.get(1)));
            d = Mx.where(Mx.equal(d, 0.0), 1.0, d);
            close(Mx.multiply(qr.get(0), Mx.expandDims(d, -2)), s + ".qr.q", t);
            close(Mx.multiply(qr.get(1), Mx.expandDims(d, -1)), s + ".qr.r", t);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void svdValuesAndFactors(String p, DType t) {
        path(p);
        for (String s : ALL) {
            Array a = in(s + ".a", t);
            int m = a.shape(-2), n = a.shape(-1), k = Math.min(m, n);
            List<Array> usv = Linalg.svd(a);
            close(usv.get(1), s + ".svd.s", t);
            close(Linalg.svd(a, false).get(0), s + ".svd.s", t);
            Array u = usv.get(0), vt = usv.get(2);
            assertThat(u.shape()[u.ndim() - 1]).isEqualTo(m);
            assertThat(vt.shape()[vt.ndim() - 1]).isEqualTo(n);
            Array rebuilt = Mx.matmul(Mx.multiply(LinalgTriangles.leading(u, m, k), Mx.expandDims(usv.get(1), -2)),
                    LinalgTriangles.leading(vt, k, n));
            close(rebuilt, g(s + ".a"), t, s + " u s vt");
            close(Mx.matmul(LinalgTriangles.mT(u), u), Mx.broadcastTo(Mx.eye(m, m, 0, DType.FLOAT64), u.shape()), t, s + " u^T u");
            close(Mx.matmul(vt, LinalgTriangles.mT(vt)), Mx.broadcastTo(Mx.eye(n, n, 0, DType.FLOAT64), vt.shape()), t, s + " vt vt^T");
            close(Linalg.pinv(a), s + ".pinv", t);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void luAndLuFactor(String p, DType t) {
        path(p);
        for (String s : ALL) {
            Array a = in(s + ".a", t);
            List<Array> f = Linalg.luFactor(a);
            close(f.get(0), s + ".lu.lu", t);
            assertThat(f.get(1).dtype()).isEqualTo(DType.UINT32);
            assertThat(f.get(1).toDoubleArray()).containsExactly(g(s + ".lu.pivots").toDoubleArray());
            List<Array> plu = Linalg.lu(a);
            assertThat(plu.get(0).dtype()).isEqualTo(DType.UINT32);
            assertThat(plu.get(0).toDoubleArray()).containsExactly(g(s + ".lu.p").toDoubleArray());
            Array l = plu.get(1), u = plu.get(2);
            Array rows = Mx.broadcastTo(Mx.expandDims(Mx.astype(plu.get(0), DType.INT32), -1),
                    concat(plu.get(0).shape(), l.shape(-1)));
            close(Mx.matmul(Mx.takeAlongAxis(l, rows, -2), u), g(s + ".a"), t, s + " l[p] @ u");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void inverseDeterminantsAndSolves(String p, DType t) {
        path(p);
        for (String s : SQUARE) {
            Array a = in(s + ".a", t);
            close(Linalg.inv(a), s + ".inv", t);
            close(Linalg.det(a), s + ".det", t);
            List<Array> sl = Linalg.slogdet(a);
            close(sl.get(0), s + ".slogdet.sign", t);
            close(sl.get(1), s + ".slogdet.logabsdet", t);
            close(Linalg.solve(a, in(s + ".b", t)), s + ".solve", t);
            close(Linalg.triInv(a), s + ".tri_inv.lower", t);
            close(Linalg.triInv(a, true), s + ".tri_inv.upper", t);
            close(Linalg.solveTriangular(a, in(s + ".b", t), false), s + ".solve_triangular.lower", t);
            close(Linalg.solveTriangular(a, in(s + ".b", t), true), s + ".solve_triangular.upper", t);
        }
        // a vector right-hand side of a single matrix, and one matrix broadcast against a batch of right-hand sides
        close(Linalg.solve(in("s4.a", t), in("s4.bv", t)), "s4.solve.v", t);
        Array bv = in("b3x5.bv", t);
        assertThat(bv.ndim()).isEqualTo(3);
        Array a1 = Mx.reshape(LinalgTriangles.leading(Mx.reshape(in("b3x5.a", t), 6, 5, 5), 5, 5), 6, 5, 5);
        Array x = Linalg.solve(Mx.slice(a1, new int[] {0, 0, 0}, new int[] {1, 5, 5}, new int[] {1, 1, 1}),
                Mx.reshape(in("b3x5.b", t), 6, 5, 3));
        close(Mx.matmul(Mx.slice(a1, new int[] {0, 0, 0}, new int[] {1, 5, 5}, new int[] {1, 1, 1}), x),
                Mx.reshape(g("b3x5.b"), 6, 5, 3), t, "broadcast solve");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void choleskyAndSymmetricEigen(String p, DType t) {
        path(p);
        for (String s : SQUARE) {
            Array lower = in(s + ".spd_lower", t), upper = in(s + ".spd_upper", t);
            Array l = Linalg.cholesky(lower);
            close(l, s + ".cholesky", t);
            close(Linalg.cholesky(upper, true), LinalgTriangles.mT(g(s + ".cholesky")), t, s + " upper cholesky");
            close(Linalg.choleskyInv(l), s + ".cholesky_inv", t);
            close(Linalg.choleskyInv(Linalg.cholesky(upper, true), true), s + ".cholesky_inv", t);
            close(Linalg.eigvalsh(lower), s + ".eigh.w", t);
            close(Linalg.eigvalsh(upper, "U"), s + ".eigh.w", t);
            for (List<Array> wv : List.of(Linalg.eigh(lower), Linalg.eigh(upper, "U"))) {
                close(wv.get(0), s + ".eigh.w", t);
                close(positiveColumns(wv.get(1)), s + ".eigh.v", t);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void generalEigen(String p, DType t) {
        path(p);
        for (String s : SQUARE) {
            Array a = in(s + ".a", t);
            Array w = Linalg.eigvals(a);
            assertThat(w.dtype()).isEqualTo(DType.COMPLEX64);
            double[][] sorted = sortComplex(w);
            close(Mx.array(sorted[0], DType.FLOAT32, w.shape()), g(s + ".eigvals.sorted_re"), DType.FLOAT32, s + " re");
            close(Mx.array(sorted[1], DType.FLOAT32, w.shape()), g(s + ".eigvals.sorted_im"), DType.FLOAT32, s + " im");
            List<Array> wv = Linalg.eig(a);
            assertThat(sortComplex(wv.get(0))[0]).containsExactly(sorted[0]);
            checkEigenpairs(g(s + ".a").toDoubleArray(), wv.get(0), wv.get(1));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void crossProducts(String p, DType t) {
        path(p);
        close(Linalg.cross(in("cross.x3", t), in("cross.y3", t)), "cross.xy3", t);
        close(Linalg.cross(in("cross.x2", t), in("cross.y2", t)), "cross.xy2", t);
        close(Linalg.cross(in("cross.xa", t), in("cross.ya", t), 0), "cross.xya", t);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void singularAndIndefiniteMatricesFailAtEvaluation(String p, DType t) {
        path(p);
        Array singular = Mx.astype(Mx.array(new float[] {1, 2, 2, 4}, 2, 2), t);
        assertThatThrownBy(() -> Linalg.inv(singular).toDoubleArray()).hasStackTraceContaining("linalg.inv: the matrix is singular");
        assertThatThrownBy(() -> Linalg.solve(singular, Mx.astype(Mx.ones(2), t)).toDoubleArray())
                .hasStackTraceContaining("linalg.solve: the matrix is singular");
        Array indefinite = Mx.astype(Mx.array(new float[] {1, 2, 2, 1}, 2, 2), t);
        assertThatThrownBy(() -> Linalg.cholesky(indefinite).toDoubleArray()).hasStackTraceContaining("not positive definite");
        assertThat(Math.abs(Linalg.det(singular).toDoubleArray()[0])).isZero();
        List<Array> sl = Linalg.slogdet(singular);
        assertThat(sl.get(0).toDoubleArray()).containsExactly(0);
        assertThat(sl.get(1).toDoubleArray()).containsExactly(Double.NEGATIVE_INFINITY);
    }

    /** OpenBLAS's LAPACK needs more stack than a Java thread's default for these sizes (the JVM crashed before). */
    @org.junit.jupiter.api.Test
    void largeMatricesOnLapack() {
        int n = 300;
        Array eye = Mx.eye(n, n, 0, DType.FLOAT64);
        Array a = Mx.add(Random.uniform(new int[] {n, n}, DType.FLOAT64, Random.key(3)), Mx.multiply(eye, n));
        close(Mx.matmul(a, Linalg.inv(a)), eye, DType.FLOAT64, "a inv(a)");
        close(Mx.matmul(a, Linalg.solve(a, eye)), eye, DType.FLOAT64, "a solve(a, I)");
        Array spd = Mx.matmul(a, Mx.swapAxes(a, 0, 1));
        Array l = Linalg.cholesky(spd);
        close(Mx.matmul(l, Mx.swapAxes(l, 0, 1)), spd, DType.FLOAT64, "l l^T");
        List<Array> wv = Linalg.eigh(spd);
        close(Mx.matmul(spd, wv.get(1)), Mx.multiply(wv.get(1), Mx.expandDims(wv.get(0), 0)), DType.FLOAT64, "a v = v w");
        assertThat(Linalg.svd(a).get(1).shape()).containsExactly(n);
        assertThat(Linalg.qr(a).get(0).shape()).containsExactly(n, n);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void emptyMatrices(String p, DType t) {
        path(p);
        List<Array> usv = Linalg.svd(Mx.zeros(new int[] {0, 3}, t));
        assertThat(usv.get(0).shape()).containsExactly(0, 0);
        assertThat(usv.get(1).shape()).containsExactly(0);
        close(usv.get(2), Mx.eye(3, 3, 0, DType.FLOAT64), t, "vt of a 0 x 3 matrix");
        List<Array> plu = Linalg.lu(Mx.zeros(new int[] {2, 0}, t));
        assertThat(plu.get(0).toDoubleArray()).containsExactly(0, 1);
        assertThat(Linalg.inv(Mx.zeros(new int[] {4, 0, 0}, t)).shape()).containsExactly(4, 0, 0);
        close(Linalg.det(Mx.zeros(new int[] {2, 0, 0}, t)), Mx.ones(new int[] {2}, DType.FLOAT64), t, "det of 0 x 0");
        assertThat(Linalg.solve(Mx.zeros(new int[] {0, 3, 3}, t), Mx.zeros(new int[] {0, 3, 2}, t)).shape()).containsExactly(0, 3, 2);
    }

    @org.junit.jupiter.api.Test
    void badInputNamesTheOperation() {
        Array ints = Mx.array(new int[] {1, 2, 3, 4}, 2, 2);
        assertThatThrownBy(() -> Linalg.inv(ints)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linalg.inv: arrays must have type float32 or float64, got int32");
        assertThatThrownBy(() -> Linalg.qr(Mx.ones(3))).hasMessage("linalg.qr: arrays must have at least 2 dimensions, got shape [3]");
        assertThatThrownBy(() -> Linalg.cholesky(Mx.ones(2, 3))).hasMessage("linalg.cholesky: matrices must be square, got shape [2, 3]");
        assertThatThrownBy(() -> Linalg.solve(Mx.eye(3), Mx.ones(4))).hasMessageContaining("linalg.solve: b of shape [4]");
        assertThatThrownBy(() -> Linalg.cross(Mx.ones(4), Mx.ones(4))).hasMessageContaining("linalg.cross: the vectors need 2 or 3");
        assertThatThrownBy(() -> Linalg.norm(Mx.ones(2, 2, 2), 2)).hasMessageContaining("linalg.norm: takes one or two axes");
        assertThatThrownBy(() -> Linalg.norm(Mx.ones(2, 2), 3, new int[] {0, 1}, false)).hasMessageContaining("invalid order 3.0");
        assertThatThrownBy(() -> Linalg.norm(Mx.ones(2, 2), "max", null, false)).hasMessageContaining("invalid matrix norm 'max'");
        assertThatThrownBy(() -> Linalg.eigh(Mx.eye(2), "X")).hasMessageContaining("UPLO must be");
        assertThatThrownBy(() -> Linalg.solve(Mx.eye(3, 3, 0, DType.INT32), Mx.array(new int[] {1, 2, 3}, 3)))
                .hasMessage("linalg.solve: arrays must have type float32 or float64, got int32");
        assertThatThrownBy(() -> Linalg.svd(Mx.ones(new int[] {2, 2}, DType.FLOAT16)))
                .hasMessage("linalg.svd: arrays must have type float32 or float64, got float16");
    }

    // ---- helpers

    private static int[] concat(int[] a, int b) {
        int[] r = Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }

    /** Each column's sign flipped so that its largest-magnitude component is positive (as the script does). */
    private static Array positiveColumns(Array v) {
        int n = v.shape(-1);
        double[] x = v.toDoubleArray();
        for (int base = 0; base < x.length; base += n * n) {
            for (int c = 0; c < n; c++) {
                int arg = 0;
                for (int r = 1; r < n; r++) if (Math.abs(x[base + r * n + c]) > Math.abs(x[base + arg * n + c])) arg = r;
                if (x[base + arg * n + c] < 0) for (int r = 0; r < n; r++) x[base + r * n + c] = -x[base + r * n + c];
            }
        }
        return Mx.astype(Mx.array(x, DType.FLOAT64, v.shape()), v.dtype());
    }

    /** Real and imaginary parts, each batch row sorted by (real, imaginary) as numpy.sort_complex. */
    private static double[][] sortComplex(Array w) {
        double[] re = Mx.real(w).toDoubleArray(), im = Mx.imag(w).toDoubleArray();
        int n = w.shape(-1);
        double[][] out = {new double[re.length], new double[re.length]};
        for (int base = 0; base < re.length; base += n) {
            List<double[]> pairs = new ArrayList<>();
            for (int i = 0; i < n; i++) pairs.add(new double[] {re[base + i], im[base + i]});
            pairs.sort((x, y) -> x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(x[1], y[1]));
            for (int i = 0; i < n; i++) {
                out[0][base + i] = pairs.get(i)[0];
                out[1][base + i] = pairs.get(i)[1];
            }
        }
        return out;
    }

    /** {@code a v_j = w_j v_j} and {@code |v_j| = 1} for every pair, in complex arithmetic. */
    private static void checkEigenpairs(double[] a, Array w, Array v) {
        int n = w.shape(-1);
        double[] wr = Mx.real(w).toDoubleArray(), wi = Mx.imag(w).toDoubleArray();
        double[] vr = Mx.real(v).toDoubleArray(), vi = Mx.imag(v).toDoubleArray();
        for (int b = 0; b < wr.length / n; b++) {
            double scale = 1;
            for (int i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[b * n * n + i]));
            for (int j = 0; j < n; j++) {
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    double sr = 0, si = 0;
                    for (int k = 0; k < n; k++) {
                        sr += a[b * n * n + i * n + k] * vr[b * n * n + k * n + j];
                        si += a[b * n * n + i * n + k] * vi[b * n * n + k * n + j];
                    }
                    double xr = vr[b * n * n + i * n + j], xi = vi[b * n * n + i * n + j];
                    double er = wr[b * n + j] * xr - wi[b * n + j] * xi, ei = wr[b * n + j] * xi + wi[b * n + j] * xr;
                    assertThat(Math.hypot(sr - er, si - ei)).as("eigenpair %d of matrix %d, row %d", j, b, i)
                            .isLessThan(1e-4 * scale * n);
                    norm += xr * xr + xi * xi;
                }
                assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
            }
        }
    }
}
