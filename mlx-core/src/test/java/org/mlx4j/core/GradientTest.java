package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reverse-mode gradients ({@link Mx#grad}, {@link Mx#valueAndGrad}, {@link Mx#vjp}) checked against
 * central finite differences of the same function evaluated in FLOAT64.
 */
class GradientTest {

    private static final double TOL = 1e-6;

    /** A random FLOAT64 weight array, so that a scalar objective weighs every element differently. */
    private static Array weights(Random rng, int... shape) { return f64(uniform(rng, size(shape), -1, 1), shape); }

    /** Checks Mx.grad of a scalar function against central differences. */
    private static void checkGrad(Function<Array, Array> f, Sample x) {
        Array g = Mx.grad(f).apply(x.array());
        double[] fd = centralDifferences(v -> f.apply(f64(v, x.shape())).doubleValue(), x.values(), FD_STEP);
        assertClose(g, DType.FLOAT64, x.shape(), fd, TOL, TOL);
    }

    /** Checks the gradients of a scalar function of several arguments, with respect to all of them. */
    private static void checkGrads(Fn f, Sample... xs) {
        List<Array> args = new ArrayList<>();
        for (Sample s : xs) args.add(s.array());
        int[] argnums = new int[xs.length];
        for (int i = 0; i < xs.length; i++) argnums[i] = i;
        List<Array> grads = Mx.grad(f, argnums).apply(args);
        assertThat(grads).hasSize(xs.length);
        for (int i = 0; i < xs.length; i++) {
            int k = i;
            double[] fd = centralDifferences(v -> {
                List<Array> moved = new ArrayList<>(args);
                moved.set(k, f64(v, xs[k].shape()));
                return f.apply(moved).get(0).doubleValue();
            }, xs[i].values(), FD_STEP);
            assertClose(grads.get(i), DType.FLOAT64, xs[i].shape(), fd, TOL, TOL);
        }
    }

    /** Checks Mx.vjp of an array-valued function with a random cotangent. */
    private static void checkVjp(Function<Array, Array> f, Sample x, Random rng) {
        Array out = f.apply(x.array());
        double[] ct = uniform(rng, (int) out.size(), -1, 1);
        VjpResult r = Mx.vjp(args -> List.of(f.apply(args.get(0))), List.of(x.array()), List.of(f64(ct, out.shape())));
        assertClose(r.outputs().get(0), DType.FLOAT64, out.shape(), out.toDoubleArray());
        double[] fd = centralDifferences(v -> dot(ct, f.apply(f64(v, x.shape())).toDoubleArray()), x.values(), FD_STEP);
        assertThat(r.vjps()).hasSize(1);
        assertClose(r.vjps().get(0), DType.FLOAT64, x.shape(), fd, TOL, TOL);
    }

    // ================================================================ unary ops

    record UnaryGrad(String name, Function<Array, Array> op, double lo, double hi, boolean awayFromZero) {
        @Override
        public String toString() { return name; }
    }

    private static UnaryGrad ug(String name, Function<Array, Array> op, double lo, double hi) {
        return new UnaryGrad(name, op, lo, hi, false);
    }

    static List<UnaryGrad> unaryOps() {
        List<UnaryGrad> u = new ArrayList<>();
        u.add(new UnaryGrad("abs", Mx::abs, 0.1, 3, true));
        u.add(ug("negative", Mx::negative, -3, 3));
        u.add(ug("sqrt", Mx::sqrt, 0.1, 4));
        u.add(ug("rsqrt", Mx::rsqrt, 0.2, 4));
        u.add(ug("square", Mx::square, -3, 3));
        u.add(new UnaryGrad("reciprocal", Mx::reciprocal, 0.3, 3, true));
        u.add(ug("exp", Mx::exp, -2, 2));
        u.add(ug("expm1", Mx::expm1, -2, 2));
        u.add(ug("log", Mx::log, 0.1, 5));
        u.add(ug("log2", Mx::log2, 0.1, 5));
        u.add(ug("log10", Mx::log10, 0.1, 5));
        u.add(ug("log1p", Mx::log1p, -0.8, 3));
        u.add(ug("sin", Mx::sin, -4, 4));
        u.add(ug("cos", Mx::cos, -4, 4));
        u.add(ug("tan", Mx::tan, -1.2, 1.2));
        u.add(ug("arcsin", Mx::arcsin, -0.9, 0.9));
        u.add(ug("arccos", Mx::arccos, -0.9, 0.9));
        u.add(ug("arctan", Mx::arctan, -3, 3));
        u.add(ug("sinh", Mx::sinh, -2, 2));
        u.add(ug("cosh", Mx::cosh, -2, 2));
        u.add(ug("tanh", Mx::tanh, -2, 2));
        u.add(ug("arcsinh", Mx::arcsinh, -3, 3));
        u.add(ug("arccosh", Mx::arccosh, 1.2, 4));
        u.add(ug("arctanh", Mx::arctanh, -0.8, 0.8));
        u.add(ug("erf", Mx::erf, -2, 2));
        u.add(ug("erfinv", Mx::erfinv, -0.8, 0.8));
        u.add(ug("sigmoid", Mx::sigmoid, -4, 4));
        u.add(ug("degrees", Mx::degrees, -2, 2));
        u.add(ug("radians", Mx::radians, -2, 2));
        // piecewise constant: zero gradient away from the jumps
        u.add(ug("sign", Mx::sign, -3, 3));
        u.add(ug("floor", Mx::floor, -3, 3));
        u.add(ug("ceil", Mx::ceil, -3, 3));
        u.add(ug("round", Mx::round, -3, 3));
        return u;
    }

    @ParameterizedTest(name = "grad of sum(w * {0}(x))")
    @MethodSource("unaryOps")
    void unaryOpGradient(UnaryGrad c) {
        Random rng = new Random(c.name().hashCode());
        double[] v = c.awayFromZero() ? awayFromZero(rng, 12, c.lo(), c.hi()) : uniform(rng, 12, c.lo(), c.hi());
        Sample x = new Sample(f64(v, 3, 4), v, shape(3, 4));
        Array w = weights(rng, 3, 4);
        checkGrad(a -> Mx.sum(Mx.multiply(c.op().apply(a), w)), x);
    }

    @ParameterizedTest(name = "vjp of {0}")
    @MethodSource("unaryOps")
    void unaryOpVjp(UnaryGrad c) {
        Random rng = new Random(c.name().hashCode() + 1);
        double[] v = c.awayFromZero() ? awayFromZero(rng, 6, c.lo(), c.hi()) : uniform(rng, 6, c.lo(), c.hi());
        checkVjp(c.op(), new Sample(f64(v, 2, 3), v, shape(2, 3)), rng);
    }

    // ================================================================ binary ops

    record BinaryGrad(String name, BinaryOperator<Array> op, double aLo, double aHi, double bLo, double bHi) {
        @Override
        public String toString() { return name; }
    }

    static List<BinaryGrad> binaryOps() {
        List<BinaryGrad> b = new ArrayList<>();
        b.add(new BinaryGrad("add", Mx::add, -2, 2, -2, 2));
        b.add(new BinaryGrad("subtract", Mx::subtract, -2, 2, -2, 2));
        b.add(new BinaryGrad("multiply", Mx::multiply, -2, 2, -2, 2));
        b.add(new BinaryGrad("divide", Mx::divide, -2, 2, 0.5, 2));
        b.add(new BinaryGrad("power", Mx::power, 0.3, 2, -1.5, 1.5));
        b.add(new BinaryGrad("maximum", Mx::maximum, -2, 2, -2, 2));
        b.add(new BinaryGrad("minimum", Mx::minimum, -2, 2, -2, 2));
        b.add(new BinaryGrad("arctan2", Mx::arctan2, -2, 2, 0.3, 2));
        b.add(new BinaryGrad("logaddexp", Mx::logaddexp, -2, 2, -2, 2));
        return b;
    }

    /** a of shape (2, 3) and b of shape (3,): b's gradient sums over the broadcast axis. */
    @ParameterizedTest(name = "grad of sum(w * {0}(a, b)) with broadcasting")
    @MethodSource("binaryOps")
    void binaryOpGradientWithBroadcasting(BinaryGrad c) {
        Random rng = new Random(c.name().hashCode());
        Sample a = sample64(rng, c.aLo(), c.aHi(), 2, 3), b = sample64(rng, c.bLo(), c.bHi(), 3);
        Array w = weights(rng, 2, 3);
        checkGrads(args -> List.of(Mx.sum(Mx.multiply(c.op().apply(args.get(0), args.get(1)), w))), a, b);
    }

    @Test
    void remainderGradientAwayFromItsJumps() {
        // a / b stays between integers: a in (0.2, 0.8) * b + k * b
        Random rng = new Random(3);
        double[] bv = uniform(rng, 4, 1, 2), av = new double[4];
        for (int i = 0; i < 4; i++) av[i] = (rng.nextInt(5) - 2 + 0.2 + 0.6 * rng.nextDouble()) * bv[i];
        Sample a = new Sample(f64(av, 4), av, shape(4)), b = new Sample(f64(bv, 4), bv, shape(4));
        checkGrads(args -> List.of(Mx.sum(Mx.remainder(args.get(0), args.get(1)))), a, b);
    }

    @Test
    void comparisonsAndFloorDivideHaveZeroGradient() {
        Random rng = new Random(4);
        Sample a = sample64(rng, -2, 2, 5), b = sample64(rng, 0.5, 2, 5);
        Fn f = args -> List.of(Mx.sum(Mx.add(Mx.add(Mx.greater(args.get(0), args.get(1)), Mx.floorDivide(args.get(0), args.get(1))),
                Mx.equal(args.get(0), args.get(1)))));
        List<Array> g = Mx.grad(f, 0, 1).apply(List.of(a.array(), b.array()));
        assertExact(g.get(0), DType.FLOAT64, shape(5), new double[5]);
        assertExact(g.get(1), DType.FLOAT64, shape(5), new double[5]);
    }

    @Test
    void clipPassesGradientOnlyInsideTheBounds() {
        Random rng = new Random(5);
        Sample x = sample64(rng, -3, 3, 10);
        checkGrad(a -> Mx.sum(Mx.multiply(Mx.clip(a, -1.0, 1.5), a)), x);
    }

    // ================================================================ reductions

    record ReductionGrad(String name, Function<Array, Array> op, double lo, double hi) {
        @Override
        public String toString() { return name; }
    }

    static List<ReductionGrad> reductions() {
        List<ReductionGrad> r = new ArrayList<>();
        r.add(new ReductionGrad("sum all", a -> Mx.sum(a), -2, 2));
        r.add(new ReductionGrad("sum axis 1", a -> Mx.sum(a, 1), -2, 2));
        r.add(new ReductionGrad("sum axes (0, 2) keepdims", a -> Mx.sum(a, new int[] {0, 2}, true), -2, 2));
        r.add(new ReductionGrad("prod axis -1", a -> Mx.prod(a, -1), 0.5, 1.5));
        r.add(new ReductionGrad("prod all", a -> Mx.prod(a), 0.8, 1.2));
        r.add(new ReductionGrad("max axis 0", a -> Mx.max(a, 0), -2, 2));
        r.add(new ReductionGrad("max all", a -> Mx.max(a), -2, 2));
        r.add(new ReductionGrad("min axes (1, 2)", a -> Mx.min(a, 1, 2), -2, 2));
        r.add(new ReductionGrad("mean axis 2", a -> Mx.mean(a, 2), -2, 2));
        r.add(new ReductionGrad("mean all", a -> Mx.mean(a), -2, 2));
        r.add(new ReductionGrad("var axis 1", a -> Mx.var(a, 1), -2, 2));
        r.add(new ReductionGrad("var all ddof=1", a -> Mx.var(a, new int[0], false, 1), -2, 2));
        r.add(new ReductionGrad("std axis -1", a -> Mx.std(a, -1), -2, 2));
        r.add(new ReductionGrad("logsumexp axis 1", a -> Mx.logsumexp(a, 1), -2, 2));
        r.add(new ReductionGrad("logsumexp axes (0, 2)", a -> Mx.logsumexp(a, 0, 2), -2, 2));
        r.add(new ReductionGrad("softmax last axis", a -> Mx.softmax(a), -2, 2));
        r.add(new ReductionGrad("softmax axis 0", a -> Mx.softmax(a, 0), -2, 2));
        r.add(new ReductionGrad("softmax axes (1, 2)", a -> Mx.softmax(a, 1, 2), -2, 2));
        return r;
    }

    @ParameterizedTest(name = "vjp of {0}")
    @MethodSource("reductions")
    void reductionVjp(ReductionGrad c) {
        Random rng = new Random(c.name().hashCode());
        checkVjp(c.op(), sample64(rng, c.lo(), c.hi(), 2, 3, 4), rng);
    }

    @ParameterizedTest(name = "grad of sum(w * {0})")
    @MethodSource("reductions")
    void reductionGradThroughValueAndGrad(ReductionGrad c) {
        Random rng = new Random(c.name().hashCode() + 7);
        Sample x = sample64(rng, c.lo(), c.hi(), 3, 2, 2);
        Array probe = c.op().apply(x.array());
        Array w = weights(rng, probe.shape());
        Function<Array, Array> f = a -> Mx.sum(Mx.multiply(c.op().apply(a), w));
        ValueAndGrad vg = Mx.valueAndGrad(f).apply(x.array());
        assertClose(vg.value(), DType.FLOAT64, shape(), new double[] {f.apply(x.array()).doubleValue()});
        double[] fd = centralDifferences(v -> f.apply(f64(v, x.shape())).doubleValue(), x.values(), FD_STEP);
        assertClose(vg.grad(), DType.FLOAT64, x.shape(), fd, TOL, TOL);
    }

    @Test
    void maxGradientSplitsEvenlyBetweenTies() {
        Array x = f64(new double[] {1, 3, 3, 2}, 4);
        assertClose(Mx.grad((Array a) -> Mx.max(a)).apply(x), DType.FLOAT64, shape(4), new double[] {0, 0.5, 0.5, 0});
    }

    // ================================================================ matmul

    @Test
    void matmulGradient() {
        Random rng = new Random(6);
        Sample a = sample64(rng, -1, 1, 3, 4), b = sample64(rng, -1, 1, 4, 2);
        Array w = weights(rng, 3, 2);
        checkGrads(args -> List.of(Mx.sum(Mx.multiply(Mx.matmul(args.get(0), args.get(1)), w))), a, b);
    }

    @Test
    void batchedMatmulGradientWithBroadcastBatch() {
        Random rng = new Random(7);
        Sample a = sample64(rng, -1, 1, 2, 1, 3, 4), b = sample64(rng, -1, 1, 3, 4, 2);
        Array w = weights(rng, 2, 3, 3, 2);
        checkGrads(args -> List.of(Mx.sum(Mx.multiply(Mx.matmul(args.get(0), args.get(1)), w))), a, b);
    }

    @Test
    void matmulGradientWithVectorAndTransposedOperands() {
        Random rng = new Random(8);
        Sample v = sample64(rng, -1, 1, 4), m = sample64(rng, -1, 1, 3, 4);
        Array w = weights(rng, 3);
        checkGrads(args -> List.of(Mx.sum(Mx.multiply(Mx.matmul(args.get(0), args.get(1).T()), w))), v, m);
        checkGrads(args -> List.of(Mx.matmul(args.get(0), args.get(0))), v);
    }

    // ================================================================ shape ops, where, astype

    @Test
    void reshapeTransposeBroadcastGradients() {
        Random rng = new Random(9);
        Sample x = sample64(rng, -2, 2, 2, 3, 2);
        Array w1 = weights(rng, 4, 3), w2 = weights(rng, 2, 2, 3), w3 = weights(rng, 3, 2, 3, 2);
        checkGrad(a -> Mx.sum(Mx.multiply(Mx.square(a.reshape(4, 3)), w1)), x);
        checkGrad(a -> Mx.sum(Mx.multiply(Mx.sin(a.transpose(2, 0, 1)), w2)), x);
        checkGrad(a -> Mx.sum(Mx.multiply(Mx.exp(Mx.broadcastTo(a, 3, 2, 3, 2)), w3)), x);
        Sample c = sample64(rng, -2, 2, 3, 1);
        Array w4 = weights(rng, 2, 3, 4);
        checkGrad(a -> Mx.sum(Mx.multiply(Mx.broadcastTo(a, 2, 3, 4), w4)), c);
        Array w5 = weights(rng, 1, 3);
        checkGrad(a -> Mx.sum(Mx.multiply(Mx.expandDims(Mx.squeeze(a), 0), w5)), c);
        checkGrad(a -> Mx.sum(Mx.multiply(Mx.moveAxis(a, 0, -1), Mx.swapAxes(a, 0, 1))), c);
    }

    @Test
    void sliceGradientWithNegativeSteps() {
        Random rng = new Random(10);
        Sample x = sample64(rng, -2, 2, 4, 5);
        int[] st = {3, 0}, sp = {-100, 5}, step = {-2, 2};
        Array w = weights(rng, sliceShape(x.shape(), st, sp, step));
        checkGrad(a -> Mx.sum(Mx.multiply(Mx.square(Mx.slice(a, st, sp, step)), w)), x);
    }

    @Test
    void sliceUpdateGradientForSourceAndUpdate() {
        Random rng = new Random(11);
        Sample src = sample64(rng, -2, 2, 4, 5);
        int[] st = {1, 4}, sp = {4, -100}, step = {1, -2};
        Sample upd = sample64(rng, -2, 2, sliceShape(src.shape(), st, sp, step));
        Array w = weights(rng, 4, 5);
        checkGrads(args -> List.of(Mx.sum(Mx.multiply(Mx.square(Mx.sliceUpdate(args.get(0), args.get(1), st, sp, step)), w))), src, upd);
        // a broadcast (0-d) update receives the sum over the slice
        Sample scalar = new Sample(f64(new double[] {0.7}), new double[] {0.7}, shape());
        checkGrads(args -> List.of(Mx.sum(Mx.multiply(Mx.sliceUpdate(args.get(0), args.get(1), st, sp, step), w))), src, scalar);
    }

    @Test
    void whereGradient() {
        Random rng = new Random(12);
        Sample x = sample64(rng, -2, 2, 3, 4), y = sample64(rng, -2, 2, 4);
        Array cond = Mx.array(new boolean[] {true, false, false, true, true, true, false, false, true, false, true, false}, 3, 4);
        Array w = weights(rng, 3, 4);
        checkGrads(args -> List.of(Mx.sum(Mx.multiply(Mx.where(cond, Mx.sin(args.get(0)), Mx.exp(args.get(1))), w))), x, y);
        // a condition that depends on the input
        checkGrad(a -> Mx.sum(Mx.where(Mx.greater(a, 0.0), Mx.square(a), Mx.sin(a))), x);
    }

    @Test
    void astypeGradientIsCastBack() {
        Random rng = new Random(13);
        Sample x = sample64(rng, -2, 2, 5);
        double[] c = uniform(rng, 5, -1, 1);
        Array c32 = Mx.array(c, DType.FLOAT32, 5);
        Array g = Mx.grad((Array a) -> Mx.sum(Mx.multiply(a.astype(DType.FLOAT32), c32))).apply(x.array());
        assertClose(g, DType.FLOAT64, shape(5), storedAs(DType.FLOAT32, c), 0, 0);
        // through float32 and back, the gradient of a smooth function matches to float32 precision
        Array h = Mx.grad((Array a) -> Mx.sum(Mx.square(a.astype(DType.FLOAT32)).astype(DType.FLOAT64))).apply(x.array());
        assertClose(h, DType.FLOAT64, shape(5), mapRef(x.values(), v -> 2 * v), 1e-6, 1e-6);
    }

    @Test
    void stopGradientAndCopy() {
        Random rng = new Random(14);
        Sample x = sample64(rng, -2, 2, 6);
        // d/dx sum(x * stop(x)) = stop(x) = x, not 2x
        assertClose(Mx.grad((Array a) -> Mx.sum(Mx.multiply(a, Mx.stopGradient(a)))).apply(x.array()), DType.FLOAT64, shape(6), x.values());
        assertClose(Mx.grad((Array a) -> Mx.sum(Mx.stopGradient(Mx.exp(a)))).apply(x.array()), DType.FLOAT64, shape(6), new double[6]);
        checkGrad(a -> Mx.sum(Mx.square(Mx.copy(a.reshape(2, 3).T()))), x);
    }

    // ================================================================ compositions

    @Test
    void secondAndThirdDerivativeOfSin() {
        Random rng = new Random(15);
        Sample x = sample64(rng, -3, 3, 7);
        Function<Array, Array> d1 = Mx.grad((Array a) -> Mx.sum(Mx.sin(a)));
        Function<Array, Array> d2 = Mx.grad((Array a) -> Mx.sum(d1.apply(a)));
        Function<Array, Array> d3 = Mx.grad((Array a) -> Mx.sum(d2.apply(a)));
        assertClose(d1.apply(x.array()), DType.FLOAT64, shape(7), mapRef(x.values(), Math::cos), 1e-12, 1e-12);
        assertClose(d2.apply(x.array()), DType.FLOAT64, shape(7), mapRef(x.values(), v -> -Math.sin(v)), 1e-12, 1e-12);
        assertClose(d3.apply(x.array()), DType.FLOAT64, shape(7), mapRef(x.values(), v -> -Math.cos(v)), 1e-12, 1e-12);
        // and d2 against finite differences of d1
        checkGrad(a -> Mx.sum(d1.apply(a)), x);
    }

    @Test
    void secondDerivativesOfTanhAndSigmoid() {
        Random rng = new Random(16);
        Sample x = sample64(rng, -2, 2, 6);
        Function<Array, Array> dt = Mx.grad((Array a) -> Mx.sum(Mx.tanh(a)));
        double[] want = mapRef(x.values(), v -> -2 * Math.tanh(v) * (1 - Math.tanh(v) * Math.tanh(v)));
        assertClose(Mx.grad((Array a) -> Mx.sum(dt.apply(a))).apply(x.array()), DType.FLOAT64, shape(6), want, 1e-12, 1e-12);
        Function<Array, Array> ds = Mx.grad((Array a) -> Mx.sum(Mx.sigmoid(a)));
        checkGrad(a -> Mx.sum(ds.apply(a)), x);
    }

    @Test
    void hessianVectorProductsOfLogsumexpAndAQuadraticForm() {
        Random rng = new Random(17);
        Sample x = sample64(rng, -2, 2, 5);
        Array v = weights(rng, 5);
        Function<Array, Array> g = Mx.grad((Array a) -> Mx.logsumexp(a));
        checkGrad(a -> Mx.sum(Mx.multiply(g.apply(a), v)), x);
        Sample m = sample64(rng, -1, 1, 5, 5);
        Function<Array, Array> q = Mx.grad((Array a) -> Mx.matmul(a, Mx.matmul(m.array(), a)));
        // Hessian of x^T M x is M + M^T
        Array hv = Mx.grad((Array a) -> Mx.sum(Mx.multiply(q.apply(a), v))).apply(x.array());
        double[] mt = transposeRef(m.values(), m.shape(), 1, 0);
        double[] sym = new double[25];
        for (int i = 0; i < 25; i++) sym[i] = m.values()[i] + mt[i];
        assertClose(hv, DType.FLOAT64, shape(5), matmulRef(sym, v.toDoubleArray(), 1, 5, 5, 1), 1e-12, 1e-12);
    }

    @Test
    void mixedSecondPartials() {
        Random rng = new Random(18);
        Sample a = sample64(rng, -2, 2, 4), b = sample64(rng, -2, 2, 4);
        // f = sum(a^2 b): d/db of sum(df/da) = d/db sum(2 a b) = 2a
        Fn f = args -> List.of(Mx.sum(Mx.multiply(Mx.square(args.get(0)), args.get(1))));
        Fn dfa = args -> List.of(Mx.sum(Mx.grad(f, 0).apply(args).get(0)));
        List<Array> g = Mx.grad(dfa, 1).apply(List.of(a.array(), b.array()));
        assertClose(g.get(0), DType.FLOAT64, shape(4), mapRef(a.values(), v -> 2 * v), 1e-12, 1e-12);
    }

    @Test
    void inputUsedSeveralTimesAccumulates() {
        Random rng = new Random(19);
        Sample x = sample64(rng, -2, 2, 5);
        checkGrad(a -> Mx.sum(Mx.add(Mx.multiply(a, a), Mx.multiply(Mx.sin(a), Mx.exp(a)))), x);
        assertClose(Mx.grad((Array a) -> Mx.sum(Mx.add(a, Mx.add(a, a)))).apply(x.array()), DType.FLOAT64, shape(5), new double[] {3, 3, 3, 3, 3});
    }

    @Test
    void outputThatDoesNotDependOnTheInputHasZeroGradient() {
        Array x = f64(new double[] {1, 2, 3}, 3);
        Array c = f64(new double[] {4, 5}, 2);
        Array g = Mx.grad((Array a) -> Mx.sum(c)).apply(x);
        assertExact(g, DType.FLOAT64, shape(3), 0, 0, 0);
    }

    @Test
    void float32InputsGiveFloat32Gradients() {
        Array x = Mx.array(new float[] {1, -2, 3}, 3);
        assertClose(Mx.grad((Array a) -> Mx.sum(Mx.square(a))).apply(x), DType.FLOAT32, shape(3), new double[] {2, -4, 6});
        Array h = Mx.array(new double[] {1, -2}, DType.FLOAT16, 2);
        assertClose(Mx.grad((Array a) -> Mx.sum(Mx.multiply(a, 3.0))).apply(h), DType.FLOAT16, shape(2), new double[] {3, 3});
    }

    // ================================================================ argnums, errors, auxiliary outputs

    @Test
    void argnumsSelectAndOrderTheGradients() {
        Random rng = new Random(20);
        Sample a = sample64(rng, -2, 2, 3), b = sample64(rng, -2, 2, 3), c = sample64(rng, -2, 2, 3);
        Fn f = args -> List.of(Mx.sum(Mx.add(Mx.multiply(args.get(0), args.get(1)), Mx.multiply(Mx.sin(args.get(2)), args.get(0)))));
        List<Array> in = List.of(a.array(), b.array(), c.array());
        double[] dA = new double[3], dB = a.values(), dC = new double[3];
        for (int i = 0; i < 3; i++) {
            dA[i] = b.values()[i] + Math.sin(c.values()[i]);
            dC[i] = Math.cos(c.values()[i]) * a.values()[i];
        }
        List<Array> g02 = Mx.grad(f, 0, 2).apply(in);
        assertThat(g02).hasSize(2);
        assertClose(g02.get(0), DType.FLOAT64, shape(3), dA);
        assertClose(g02.get(1), DType.FLOAT64, shape(3), dC);
        List<Array> g20 = Mx.grad(f, 2, 0).apply(in);
        assertClose(g20.get(0), DType.FLOAT64, shape(3), dC);
        assertClose(g20.get(1), DType.FLOAT64, shape(3), dA);
        List<Array> g1 = Mx.grad(f, 1).apply(in);
        assertThat(g1).hasSize(1);
        assertClose(g1.get(0), DType.FLOAT64, shape(3), dB);
        List<Array> gDefault = Mx.grad(f).apply(in);
        assertThat(gDefault).hasSize(1);
        assertClose(gDefault.get(0), DType.FLOAT64, shape(3), dA);
        checkGrads(f, a, b, c);
    }

    @Test
    void argnumOutOfRangeIsAnError() {
        Fn f = args -> List.of(Mx.sum(args.get(0)));
        List<Array> in = List.of(Mx.zeros(2), Mx.zeros(2), Mx.zeros(2));
        assertFailsWith(() -> Mx.grad(f, 3).apply(in), "grad", "argnum", "3");
        assertFailsWith(() -> Mx.valueAndGrad(f, -1).apply(in), "argnum", "-1");
    }

    @Test
    void nonScalarOutputIsAnError() {
        Array x = Mx.array(new float[] {1, 2, 3});
        assertFailsWith(() -> Mx.grad((Array a) -> Mx.multiply(a, 2.0)).apply(x), "grad", "scalar", "3");
        assertFailsWith(() -> Mx.valueAndGrad((Array a) -> Mx.reshape(a, 3, 1)).apply(x), "scalar", "3, 1");
        // one element in any shape is a scalar
        assertClose(Mx.grad((Array a) -> Mx.sum(a, new int[] {0}, true)).apply(x), DType.FLOAT32, shape(3), new double[] {1, 1, 1});
    }

    @Test
    void valueAndGradReturnsAuxiliaryOutputs() {
        Random rng = new Random(21);
        Sample x = sample64(rng, -2, 2, 4), y = sample64(rng, -2, 2, 4);
        Fn f = args -> {
            Array diff = Mx.subtract(args.get(0), args.get(1));
            Array loss = Mx.sum(Mx.square(diff));
            return List.of(loss, diff, Mx.max(diff));
        };
        ValueAndGrad vg = Mx.valueAndGrad(f, 0, 1).apply(List.of(x.array(), y.array()));
        double[] diff = new double[4];
        double loss = 0, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            diff[i] = x.values()[i] - y.values()[i];
            loss += diff[i] * diff[i];
            max = Math.max(max, diff[i]);
        }
        assertThat(vg.values()).hasSize(3);
        assertClose(vg.value(), DType.FLOAT64, shape(), new double[] {loss});
        assertClose(vg.values().get(1), DType.FLOAT64, shape(4), diff);
        assertClose(vg.values().get(2), DType.FLOAT64, shape(), new double[] {max});
        assertThat(vg.grads()).hasSize(2);
        assertClose(vg.grad(), DType.FLOAT64, shape(4), mapRef(diff, d -> 2 * d));
        assertClose(vg.grads().get(1), DType.FLOAT64, shape(4), mapRef(diff, d -> -2 * d));
    }

    @Test
    void valueAndGradOfAFunctionOfOneArray() {
        Random rng = new Random(22);
        Sample x = sample64(rng, -2, 2, 2, 3);
        ValueAndGrad vg = Mx.valueAndGrad((Array a) -> Mx.sum(Mx.exp(a))).apply(x.array());
        assertClose(vg.value(), DType.FLOAT64, shape(), new double[] {sumRef(mapRef(x.values(), Math::exp), x.shape())[0]});
        assertClose(vg.grad(), DType.FLOAT64, shape(2, 3), mapRef(x.values(), Math::exp));
    }

    @Test
    void vjpOfSeveralOutputsAndInputs() {
        Random rng = new Random(23);
        Sample x = sample64(rng, -2, 2, 3), y = sample64(rng, -2, 2, 3);
        double[] c1 = uniform(rng, 3, -1, 1), c2 = uniform(rng, 3, -1, 1);
        Fn f = args -> List.of(Mx.multiply(args.get(0), args.get(1)), Mx.sin(args.get(0)));
        VjpResult r = Mx.vjp(f, List.of(x.array(), y.array()), List.of(f64(c1, 3), f64(c2, 3)));
        assertThat(r.outputs()).hasSize(2);
        assertThat(r.vjps()).hasSize(2);
        double[] gx = new double[3], gy = new double[3];
        for (int i = 0; i < 3; i++) {
            gx[i] = c1[i] * y.values()[i] + c2[i] * Math.cos(x.values()[i]);
            gy[i] = c1[i] * x.values()[i];
        }
        assertClose(r.vjps().get(0), DType.FLOAT64, shape(3), gx);
        assertClose(r.vjps().get(1), DType.FLOAT64, shape(3), gy);
        assertClose(r.outputs().get(1), DType.FLOAT64, shape(3), mapRef(x.values(), Math::sin));
    }

    @Test
    void vjpCotangentErrors() {
        Fn f = args -> List.of(Mx.exp(args.get(0)));
        List<Array> p = List.of(Mx.zeros(3));
        assertFailsWith(() -> Mx.vjp(f, p, List.of(Mx.zeros(2))), "vjp", "cotangent", "3", "2");
        assertFailsWith(() -> Mx.vjp(f, p, List.of(Mx.zeros(3), Mx.zeros(3))), "vjp", "2", "1");
    }
}
