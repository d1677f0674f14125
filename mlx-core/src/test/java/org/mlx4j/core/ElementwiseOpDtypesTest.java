package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.graph.BinaryOp;
import org.mlx4j.core.graph.UnaryOp;

/**
 * Every unary and binary op on every dtype: where the op's description accepts the dtype, the result
 * dtype and values match plain float64/long reference code ({@link ElementwiseReference}) on random
 * inputs; where it does not, the op throws at once, naming itself and the dtype.
 */
class ElementwiseOpDtypesTest {
    private static final int N = 67;
    private final Random rng = new Random(20261203);

    @Test
    void everyUnaryOpOnEveryDtype() {
        for (UnaryOp op : UnaryOp.values()) {
            for (DType t : DType.values()) {
                Array x = input(t, ElementwiseReference.domain(op));
                if (!op.rule().accepts(t)) {
                    assertThatThrownBy(() -> Ops.unary(op, x)).as(op + " on " + t)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining(op.opName()).hasMessageContaining(t.mlxName());
                    continue;
                }
                Array out = Ops.unary(op, x);
                DType rt = ElementwiseReference.resultType(op, t);
                assertThat(out.dtype()).as(op + " on " + t).isEqualTo(rt);
                assertThat(out.shape()).containsExactly(N);
                if (t.isComplex()) { out.eval(); continue; } // complex values: UnaryKernelsTest
                double[] in = x.toDoubleArray();
                double[] expected = new double[N];
                for (int i = 0; i < N; i++) {
                    boolean computesInteger = !t.isInexact() && !ElementwiseReference.FLOAT_UNARY.contains(op);
                    double v = computesInteger ? ElementwiseReference.unary(op, (long) in[i], t) : ElementwiseReference.unary(op, in[i]);
                    expected[i] = ElementwiseReference.stored(rt, v);
                }
                assertClose(op + " on " + t, out.toDoubleArray(), expected, rtol(op, rt), TestArrays.atol(rt));
            }
        }
    }

    @Test
    void everyBinaryOpOnEveryDtype() {
        for (BinaryOp op : BinaryOp.values()) {
            for (DType t : DType.values()) {
                double[][] d = ElementwiseReference.domain(op);
                Array a = input(t, d[0]), b = secondOperand(op, t, d[1]);
                if (!op.rule().accepts(t)) {
                    assertThatThrownBy(() -> Ops.binary(op, a, b)).as(op + " on " + t)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining(op.opName()).hasMessageContaining(t.mlxName());
                    continue;
                }
                Array out = Ops.binary(op, a, b);
                DType rt = ElementwiseReference.resultType(op, t);
                assertThat(out.dtype()).as(op + " on " + t).isEqualTo(rt);
                if (t.isComplex()) { out.eval(); continue; } // complex values: BinaryKernelsTest
                double[] x = a.toDoubleArray(), y = b.toDoubleArray();
                double[] expected = new double[N];
                for (int i = 0; i < N; i++) {
                    boolean computesInteger = !t.isInexact() && !ElementwiseReference.FLOAT_BINARY.contains(op);
                    double v = computesInteger ? ElementwiseReference.binary(op, (long) x[i], (long) y[i], t)
                            : ElementwiseReference.binary(op, x[i], y[i]);
                    expected[i] = ElementwiseReference.stored(rt, v);
                }
                assertClose(op + " on " + t, out.toDoubleArray(), expected, rtol(null, rt), TestArrays.atol(rt));
            }
        }
    }

    /** Random inputs of dtype t in [lo, hi]: integers in the integer part of it (unsigned from 0), bools both ways. */
    private Array input(DType t, double[] range) {
        double[] v = new double[N];
        if (t == DType.BOOL) {
            for (int i = 0; i < N; i++) v[i] = rng.nextBoolean() ? 1 : 0;
        } else if (t.isInteger()) {
            long lo = (long) Math.ceil(range[0]), hi = (long) Math.floor(range[1]);
            if (t.isUnsignedInteger()) lo = Math.max(lo, 0);
            if (hi < lo) hi = lo = Math.max(0, lo);
            lo = Math.max(lo, t.isUnsignedInteger() ? 0 : -9);
            hi = Math.max(lo, Math.min(hi, 9));
            for (int i = 0; i < N; i++) v[i] = lo + rng.nextInt((int) (hi - lo + 1));
        } else {
            v = ElementwiseReference.uniform(rng, N, range[0], range[1]);
        }
        return Mx.array(v, t, N);
    }

    /** The second operand: shifts in [0, 7], integer powers in [0, 3], integer divisors never zero. */
    private Array secondOperand(BinaryOp op, DType t, double[] range) {
        if (t.isInteger()) {
            double[] v = new double[N];
            for (int i = 0; i < N; i++) {
                v[i] = switch (op) {
                    case LEFT_SHIFT, RIGHT_SHIFT -> rng.nextInt(8);
                    case POWER -> rng.nextInt(4);
                    case FLOOR_DIVIDE, REMAINDER -> (1 + rng.nextInt(5)) * (t.isUnsignedInteger() || rng.nextBoolean() ? 1 : -1);
                    default -> t.isUnsignedInteger() ? rng.nextInt(10) : rng.nextInt(19) - 9;
                };
            }
            return Mx.array(v, t, N);
        }
        return input(t, range);
    }

    private static void assertClose(String what, double[] got, double[] expected, double rtol, double atol) {
        try {
            TestArrays.assertAllClose(got, expected, rtol, atol);
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    private static double rtol(UnaryOp op, DType t) {
        double r = TestArrays.rtol(t);
        if (t == DType.FLOAT64 && (op == UnaryOp.ERF || op == UnaryOp.ERFINV)) return 1e-11; // the reference's accuracy
        return r;
    }
}
