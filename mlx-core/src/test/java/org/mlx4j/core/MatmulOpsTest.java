package org.mlx4j.core;

import static org.mlx4j.core.TestArrays.*;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Matrix products with NumPy's rules: 1-D operands, broadcast batch axes, strided operands, dtypes and errors. */
class MatmulOpsTest {

    private static final double TOL32 = 1e-5;

    static Stream<Arguments> sizes() {
        return Stream.of(Arguments.of(1, 1, 1), Arguments.of(3, 5, 4), Arguments.of(7, 9, 11), Arguments.of(1, 17, 3),
                Arguments.of(16, 8, 1), Arguments.of(13, 1, 6), Arguments.of(33, 19, 17));
    }

    @ParameterizedTest(name = "({0}x{1}) @ ({1}x{2})")
    @MethodSource("sizes")
    void matrixTimesMatrix(int m, int k, int n) {
        Random rng = new Random(m * 1000L + k * 10L + n);
        Sample a = sample(rng, DType.FLOAT32, -1, 1, m, k), b = sample(rng, DType.FLOAT32, -1, 1, k, n);
        assertClose(Mx.matmul(a.array(), b.array()), DType.FLOAT32, shape(m, n), matmulRef(a.values(), b.values(), 1, m, k, n), TOL32, TOL32);
        assertClose(a.array().matmul(b.array()), DType.FLOAT32, shape(m, n), matmulRef(a.values(), b.values(), 1, m, k, n), TOL32, TOL32);
    }

    @ParameterizedTest(name = "float64 ({0}x{1}) @ ({1}x{2})")
    @MethodSource("sizes")
    void float64IsComputedInDoublePrecision(int m, int k, int n) {
        Random rng = new Random(m * 7L + k * 3L + n);
        Sample a = sample64(rng, -1, 1, m, k), b = sample64(rng, -1, 1, k, n);
        assertClose(Mx.matmul(a.array(), b.array()), DType.FLOAT64, shape(m, n), matmulRef(a.values(), b.values(), 1, m, k, n), 1e-13, 1e-13);
    }

    @Test
    void oneDimensionalOperands() {
        Random rng = new Random(1);
        Sample v = sample(rng, DType.FLOAT32, -1, 1, 4), w = sample(rng, DType.FLOAT32, -1, 1, 4);
        Sample m = sample(rng, DType.FLOAT32, -1, 1, 4, 3), n = sample(rng, DType.FLOAT32, -1, 1, 3, 4);
        assertClose(Mx.matmul(v.array(), m.array()), DType.FLOAT32, shape(3), matmulRef(v.values(), m.values(), 1, 1, 4, 3), TOL32, TOL32);
        assertClose(Mx.matmul(n.array(), v.array()), DType.FLOAT32, shape(3), matmulRef(n.values(), v.values(), 1, 3, 4, 1), TOL32, TOL32);
        assertClose(Mx.matmul(v.array(), w.array()), DType.FLOAT32, shape(), new double[] {dot(v.values(), w.values())}, TOL32, TOL32);
        // a vector with a batch of matrices, and a batch of matrices with a vector
        Sample bm = sample(rng, DType.FLOAT32, -1, 1, 2, 4, 3), bn = sample(rng, DType.FLOAT32, -1, 1, 2, 3, 4);
        double[] want = new double[6];
        for (int p = 0; p < 2; p++) {
            double[] part = matmulRef(v.values(), java.util.Arrays.copyOfRange(bm.values(), p * 12, p * 12 + 12), 1, 1, 4, 3);
            System.arraycopy(part, 0, want, p * 3, 3);
        }
        assertClose(Mx.matmul(v.array(), bm.array()), DType.FLOAT32, shape(2, 3), want, TOL32, TOL32);
        double[] want2 = new double[6];
        for (int p = 0; p < 2; p++) {
            double[] part = matmulRef(java.util.Arrays.copyOfRange(bn.values(), p * 12, p * 12 + 12), v.values(), 1, 3, 4, 1);
            System.arraycopy(part, 0, want2, p * 3, 3);
        }
        assertClose(Mx.matmul(bn.array(), v.array()), DType.FLOAT32, shape(2, 3), want2, TOL32, TOL32);
    }

    /** (2, 1, 3, 4) @ (5, 4, 2): batch axes (2, 1) and (5,) broadcast to (2, 5). */
    @Test
    void batchedWithBroadcastBatchAxes() {
        Random rng = new Random(2);
        Sample a = sample(rng, DType.FLOAT32, -1, 1, 2, 1, 3, 4), b = sample(rng, DType.FLOAT32, -1, 1, 5, 4, 2);
        double[] ab = broadcastRef(a.values(), a.shape(), shape(2, 5, 3, 4));
        double[] bb = broadcastRef(b.values(), b.shape(), shape(2, 5, 4, 2));
        assertClose(Mx.matmul(a.array(), b.array()), DType.FLOAT32, shape(2, 5, 3, 2), matmulRef(ab, bb, 10, 3, 4, 2), TOL32, TOL32);
        // a plain matrix against a batch
        Sample c = sample(rng, DType.FLOAT32, -1, 1, 3, 4), d = sample(rng, DType.FLOAT32, -1, 1, 2, 4, 5);
        double[] cb = broadcastRef(c.values(), c.shape(), shape(2, 3, 4));
        assertClose(Mx.matmul(c.array(), d.array()), DType.FLOAT32, shape(2, 3, 5), matmulRef(cb, d.values(), 2, 3, 4, 5), TOL32, TOL32);
        double[] db = d.values();
        Sample e = sample(rng, DType.FLOAT32, -1, 1, 5, 3);
        double[] eb = broadcastRef(e.values(), e.shape(), shape(2, 5, 3));
        assertClose(Mx.matmul(d.array(), e.array()), DType.FLOAT32, shape(2, 4, 3), matmulRef(db, eb, 2, 4, 5, 3), TOL32, TOL32);
    }

    @Test
    void transposedAndStridedViewsAsOperands() {
        Random rng = new Random(3);
        Sample a = sample(rng, DType.FLOAT32, -1, 1, 5, 3), b = sample(rng, DType.FLOAT32, -1, 1, 4, 5);
        double[] at = transposeRef(a.values(), a.shape(), 1, 0), bt = transposeRef(b.values(), b.shape(), 1, 0);
        assertClose(Mx.matmul(a.array().T(), b.array().T()), DType.FLOAT32, shape(3, 4), matmulRef(at, bt, 1, 3, 5, 4), TOL32, TOL32);
        assertClose(Mx.matmul(b.array(), a.array()), DType.FLOAT32, shape(4, 3), matmulRef(b.values(), a.values(), 1, 4, 5, 3), TOL32, TOL32);
        assertClose(Mx.matmul(a.array().T(), a.array()), DType.FLOAT32, shape(3, 3), matmulRef(at, a.values(), 1, 3, 5, 3), TOL32, TOL32);

        // batched operand with swapped batch axes: (3, 2, 4) viewed as (2, 3, 4)
        Sample c = sample(rng, DType.FLOAT32, -1, 1, 3, 2, 4), d = sample(rng, DType.FLOAT32, -1, 1, 2, 4, 2);
        double[] cs = transposeRef(c.values(), c.shape(), 1, 0, 2);
        assertClose(Mx.matmul(c.array().swapAxes(0, 1), d.array()), DType.FLOAT32, shape(2, 3, 2), matmulRef(cs, d.values(), 2, 3, 4, 2), TOL32, TOL32);
        // transposed inner matrices of a batch
        double[] dt = transposeRef(d.values(), d.shape(), 0, 2, 1);
        assertClose(Mx.matmul(d.array().swapAxes(-1, -2), d.array()), DType.FLOAT32, shape(2, 2, 2), matmulRef(dt, d.values(), 2, 2, 4, 2), TOL32, TOL32);

        // rows taken with a step, and columns reversed
        Sample e = sample(rng, DType.FLOAT32, -1, 1, 6, 5);
        int[] st = {0, 4}, sp = {6, -100}, step = {2, -1};
        double[] es = sliceRef(e.values(), e.shape(), st, sp, step);
        assertClose(Mx.matmul(Mx.slice(e.array(), st, sp, step), b.array().T()), DType.FLOAT32, shape(3, 4), matmulRef(es, bt, 1, 3, 5, 4), TOL32, TOL32);

        // a broadcast operand (stride 0)
        Sample r = sample(rng, DType.FLOAT32, -1, 1, 1, 5);
        Array rb = Mx.broadcastTo(r.array(), 3, 5);
        assertClose(Mx.matmul(rb, b.array().T()), DType.FLOAT32, shape(3, 4),
                matmulRef(broadcastRef(r.values(), r.shape(), shape(3, 5)), bt, 1, 3, 5, 4), TOL32, TOL32);
    }

    @Test
    void halfPrecisionDtypes() {
        Random rng = new Random(4);
        for (DType t : new DType[] {DType.FLOAT16, DType.BFLOAT16}) {
            // multiples of 1/8 in [-2, 2] are exact in both formats
            double[] a = new double[15], b = new double[20];
            for (int i = 0; i < a.length; i++) a[i] = (rng.nextInt(33) - 16) / 8.0;
            for (int i = 0; i < b.length; i++) b[i] = (rng.nextInt(33) - 16) / 8.0;
            Array r = Mx.matmul(Mx.array(a, t, 3, 5), Mx.array(b, t, 5, 4));
            assertClose(r, t, shape(3, 4), storedAs(t, matmulRef(a, b, 1, 3, 5, 4)));
            Array rt = Mx.matmul(Mx.array(b, t, 5, 4).T(), Mx.array(a, t, 3, 5).T());
            assertClose(rt, t, shape(4, 3), storedAs(t, transposeRef(matmulRef(a, b, 1, 3, 5, 4), shape(3, 4), 1, 0)));
        }
    }

    @Test
    void mixedDtypesPromote() {
        Array a = Mx.array(new double[] {1, 2, 3, 4}, DType.FLOAT16, 2, 2);
        Array b = Mx.array(new double[] {0.5, 0.25}, DType.FLOAT64, 2, 1);
        assertExact(Mx.matmul(a, b), DType.FLOAT64, shape(2, 1), 1, 2.5);
        assertExact(Mx.matmul(a, Mx.array(new double[] {1, 1}, DType.FLOAT32, 2)), DType.FLOAT32, shape(2), 3, 7);
    }

    @Test
    void emptyDimensions() {
        Array z = Mx.matmul(Mx.ones(3, 0), Mx.ones(0, 4));
        assertExact(z, DType.FLOAT32, shape(3, 4), new double[12]);
        assertExact(Mx.matmul(Mx.ones(0, 5), Mx.ones(5, 2)), DType.FLOAT32, shape(0, 2));
        assertExact(Mx.matmul(Mx.ones(2, 5), Mx.ones(5, 0)), DType.FLOAT32, shape(2, 0));
    }

    @Test
    void innerDimensionMismatchNamesBothShapes() {
        assertFailsWith(() -> Mx.matmul(Mx.zeros(2, 3), Mx.zeros(4, 5)), "matmul", "(2, 3)", "(4, 5)");
        assertFailsWith(() -> Mx.matmul(Mx.zeros(3), Mx.zeros(4)), "matmul", "(3,)", "(4,)");
        assertFailsWith(() -> Mx.matmul(Mx.zeros(2, 2, 3), Mx.zeros(2)), "matmul", "(2, 2, 3)", "(2,)");
    }

    @Test
    void batchAxesThatDoNotBroadcastNameTheShapes() {
        assertFailsWith(() -> Mx.matmul(Mx.zeros(2, 3, 4), Mx.zeros(3, 4, 5)), "matmul", "(2,)", "(3,)");
    }

    @Test
    void integerAndZeroDimOperandsAreRejected() {
        Array i = Mx.array(new int[] {1, 2, 3, 4}, 2, 2);
        assertFailsWith(() -> Mx.matmul(i, i), "matmul", "int32");
        assertFailsWith(() -> Mx.matmul(Mx.array(new boolean[] {true}, 1, 1), Mx.array(new double[] {1}, DType.UINT8, 1, 1)), "matmul", "bool", "uint8");
        assertFailsWith(() -> Mx.matmul(Mx.array(1.0f), Mx.ones(2)), "matmul", "dimension");
    }

    @Test
    void integerOperandPromotedByAFloatOperandIsAccepted() {
        Array i = Mx.array(new int[] {1, 2, 3, 4}, 2, 2);
        Array f = Mx.array(new float[] {1, 0, 0, 1}, 2, 2);
        assertExact(Mx.matmul(i, f), DType.FLOAT32, shape(2, 2), 1, 2, 3, 4);
    }
}
