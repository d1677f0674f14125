package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.graph.BinaryOp;
import org.mlx4j.core.graph.DTypeRule;
import org.mlx4j.core.graph.UnaryOp;
import org.mlx4j.core.primitives.Binary;
import org.mlx4j.core.primitives.Unary;

/**
 * The forward-mode rules of the element-wise primitives, built from each op's description: for every
 * differentiable op, in float64 on random inputs, the jvp matches central finite differences, and it is
 * the transpose of the vjp ({@code <v, J u>} from jvp equals {@code <J^T v, u>} from vjp for random u, v).
 */
class ElementwiseJvpTest {
    private static final int N = 33;
    private static final double H = TestArrays.FD_STEP;
    private final Random rng = new Random(7);

    @Test
    void unaryJvpMatchesFiniteDifferencesAndIsTheTransposeOfTheVjp() {
        for (UnaryOp op : UnaryOp.values()) {
            if (op.rule().action(DType.FLOAT64) != DTypeRule.Input.COMPUTE) continue; // identity, zeros or rejected
            Unary p = new Unary(op);
            Array x = f64(ElementwiseReference.domain(op)), u = f64(new double[] {-1, 1}), v = f64(new double[] {-1, 1});
            Array y = Ops.unary(op, x);
            if (!op.differentiable()) {
                assertThat(p.jvp(List.of(x), List.of(u), List.of(y)).get(0)).as(op + ": piecewise constant, no tangent").isNull();
                continue;
            }
            Array jvp = p.jvp(List.of(x), List.of(u), List.of(y)).get(0);
            Array fd = Mx.divide(Mx.subtract(Ops.unary(op, Mx.add(x, Mx.multiply(u, H))),
                    Ops.unary(op, Mx.subtract(x, Mx.multiply(u, H)))), 2 * H);
            assertClose(op + " jvp vs finite differences", jvp.toDoubleArray(), fd.toDoubleArray(), 1e-6, 1e-7);
            Array vjp = p.vjp(List.of(x), List.of(v), new int[] {0}, List.of(y)).get(0);
            assertSameScalar(op + " <v, Ju> vs <J^T v, u>", dot(v, jvp), dot(vjp, u));
            assertThat(p.jvp(List.of(x), Arrays.asList((Array) null), List.of(y)).get(0))
                    .as(op + " with no tangent").isNull();
        }
    }

    @Test
    void binaryJvpMatchesFiniteDifferencesAndIsTheTransposeOfTheVjp() {
        for (BinaryOp op : BinaryOp.values()) {
            if (!op.rule().accepts(DType.FLOAT64)) continue;
            Binary p = new Binary(op);
            double[][] d = ElementwiseReference.domain(op);
            Array a = f64(d[0]), b = f64(d[1]);
            Array ua = f64(new double[] {-1, 1}), ub = f64(new double[] {-1, 1}), v = f64(new double[] {-1, 1});
            Array y = Ops.binary(op, a, b);
            Array jvp = p.jvp(List.of(a, b), List.of(ua, ub), List.of(y)).get(0);
            if (!op.differentiable()) {
                if (jvp != null) assertThat(jvp.toDoubleArray()).as(op.toString()).containsOnly(0.0);
                continue;
            }
            Array fd = Mx.divide(Mx.subtract(
                    Ops.binary(op, Mx.add(a, Mx.multiply(ua, H)), Mx.add(b, Mx.multiply(ub, H))),
                    Ops.binary(op, Mx.subtract(a, Mx.multiply(ua, H)), Mx.subtract(b, Mx.multiply(ub, H)))), 2 * H);
            assertClose(op + " jvp vs finite differences", jvp.toDoubleArray(), fd.toDoubleArray(), 1e-6, 1e-7);
            List<Array> vjp = p.vjp(List.of(a, b), List.of(v), new int[] {0, 1}, List.of(y));
            assertSameScalar(op + " <v, Ju> vs <J^T v, u>", dot(v, jvp), dot(vjp.get(0), ua) + dot(vjp.get(1), ub));
            // one operand at a time: a null tangent is zero
            Array onlyA = p.jvp(List.of(a, b), Arrays.asList(ua, null), List.of(y)).get(0);
            assertSameScalar(op + " jvp in a alone", dot(v, onlyA), dot(vjp.get(0), ua));
            Array onlyB = p.jvp(List.of(a, b), Arrays.asList(null, ub), List.of(y)).get(0);
            assertSameScalar(op + " jvp in b alone", dot(v, onlyB), dot(vjp.get(1), ub));
        }
    }

    @Test
    void complexPartsHaveNoComplexGradientButAreRealLinearForward() {
        Array z = Mx.astype(Mx.array(new double[] {1, 2}, DType.FLOAT32, 2), DType.COMPLEX64);
        Array t = Mx.astype(Mx.array(new double[] {3, -5}, DType.FLOAT32, 2), DType.COMPLEX64);
        for (UnaryOp op : List.of(UnaryOp.REAL, UnaryOp.IMAG, UnaryOp.CONJUGATE)) {
            Array y = Ops.unary(op, z);
            assertThatThrownBy(() -> new Unary(op).vjp(List.of(z), List.of(y), new int[] {0}, List.of(y)))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining(op.mlxName());
            Array jvp = new Unary(op).jvp(List.of(z), List.of(t), List.of(y)).get(0);
            Array expected = Ops.unary(op, t);
            assertThat(jvp.dtype()).as(op.toString()).isEqualTo(expected.dtype());
            assertThat(Mx.max(Mx.abs(Mx.subtract(jvp, expected))).item()).as(op + ": the op applied to the tangent").isEqualTo(0.0);
        }
    }

    private Array f64(double[] range) { return Mx.array(ElementwiseReference.uniform(rng, N, range[0], range[1]), DType.FLOAT64, N); }

    private static double dot(Array p, Array q) {
        double[] x = p.toDoubleArray(), y = q.toDoubleArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    private static void assertSameScalar(String what, double got, double expected) {
        assertThat(Math.abs(got - expected)).as(what + ": " + got + " vs " + expected)
                .isLessThanOrEqualTo(1e-12 * (1 + Math.abs(expected)));
    }

    private static void assertClose(String what, double[] got, double[] expected, double rtol, double atol) {
        try {
            TestArrays.assertAllClose(got, expected, rtol, atol);
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }
}
