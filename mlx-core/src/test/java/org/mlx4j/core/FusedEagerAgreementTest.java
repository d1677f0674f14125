package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlx4j.core.backend.cpu.FusedKernels;
import org.mlx4j.core.graph.BinaryOp;
import org.mlx4j.core.graph.UnaryOp;
import org.mlx4j.core.primitives.Compiled;

/**
 * Every unary and binary op, compiled (fused into a {@code Compiled} node with its neighbours) and eager,
 * on random inputs and special values: the results agree. In float32 and float64 an op with a vector
 * formula runs as generated code made from that formula; others (and float16, int32) run through the
 * fused interpreter.
 */
class FusedEagerAgreementTest {
    private static final int N = 45;
    private static final double[] SPECIALS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1.0, -1.0};
    private final Random rng = new Random(42);

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64", "FLOAT16", "INT32"})
    void everyUnaryOp(DType t) {
        for (UnaryOp op : UnaryOp.values()) {
            if (!op.rule().accepts(t) || op.rule().action(t) != org.mlx4j.core.graph.DTypeRule.Input.COMPUTE) continue;
            Array x = input(t, ElementwiseReference.domain(op)), zero = Mx.zerosLike(x);
            Fn f = args -> {
                Array x0 = Mx.add(args.get(0), args.get(1));
                Array y = Ops.unary(op, x0);
                return List.of(y.dtype() == DType.BOOL ? Mx.where(y, x0, args.get(1)) : Mx.add(y, Mx.zerosLike(y)));
            };
            check(op.toString(), t, f, List.of(x, zero), op.formula() != null);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64", "FLOAT16", "INT32"})
    void everyBinaryOp(DType t) {
        for (BinaryOp op : BinaryOp.values()) {
            if (!op.rule().accepts(t)) continue;
            double[][] d = ElementwiseReference.domain(op);
            Array a = input(t, d[0]), b = input(t, d[1]), zero = Mx.zerosLike(a);
            if (t == DType.INT32 && (op == BinaryOp.FLOOR_DIVIDE || op == BinaryOp.REMAINDER || op == BinaryOp.POWER
                    || op == BinaryOp.LEFT_SHIFT || op == BinaryOp.RIGHT_SHIFT)) {
                b = Mx.add(Mx.abs(b), 1L); // positive divisors, exponents and shifts
            }
            Fn f = args -> {
                Array x0 = Mx.add(args.get(0), args.get(2));
                Array y = Ops.binary(op, x0, args.get(1));
                return List.of(y.dtype() == DType.BOOL ? Mx.where(y, x0, args.get(2)) : Mx.add(y, Mx.zerosLike(y)));
            };
            check(op.toString(), t, f, List.of(a, b, zero), op.formula() != null);
        }
    }

    private static void check(String what, DType t, Fn f, List<Array> args, boolean hasFormula) {
        Array fused = Mx.compile(f).apply(args).get(0);
        Array eager = f.apply(args).get(0);
        assertThat(fused.node().primitive()).as(what + " on " + t + " fuses").isInstanceOf(Compiled.class);
        boolean lane = fused.dtype() == DType.FLOAT32 || fused.dtype() == DType.FLOAT64;
        boolean allLane = lane && ((Compiled) fused.node().primitive()).inputTypes().stream().allMatch(d -> d == fused.dtype());
        assertThat(FusedKernels.isGenerated((Compiled) fused.node().primitive())).as(what + " on " + t + " generated")
                .isEqualTo(hasFormula && allLane);
        assertThat(fused.dtype()).isEqualTo(eager.dtype());
        double tol = t == DType.FLOAT64 ? 1e-14 : t == DType.FLOAT32 ? 2e-6 : t == DType.FLOAT16 ? 1e-3 : 0;
        try {
            TestArrays.assertAllClose(fused.toDoubleArray(), eager.toDoubleArray(), tol, tol);
        } catch (AssertionError e) {
            throw new AssertionError(what + " on " + t + ": " + e.getMessage(), e);
        }
    }

    private Array input(DType t, double[] range) {
        double[] v = ElementwiseReference.uniform(rng, N, range[0], range[1]);
        if (t.isInteger()) {
            for (int i = 0; i < N; i++) v[i] = Math.rint(v[i]);
        } else {
            for (int i = 0; i < SPECIALS.length; i++) v[i * 5] = SPECIALS[i];
        }
        return Mx.array(v, t, N);
    }
}
