package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlx4j.core.backend.cpu.FusedKernels;
import org.mlx4j.core.primitives.Compiled;

/**
 * {@link Mx#compile}: compiled functions give the values of the uncompiled ones (and of float64 reference
 * code), trace once per shape and dtype, fuse element-wise chains into one {@code Compiled} node that
 * allocates only its output, read and update captured arrays, differentiate, and fail clearly.
 */
class CompileTest {
    private final Random rng = new Random(2024);

    private Sample rand(DType t, int... shape) { return sample(rng, t, -1, 1, shape); }

    private static Fn fn(Function<List<Array>, Array> body) { return args -> List.of(body.apply(args)); }

    /** exp(a * b + c) * 2 - 1, the chain fused into one kernel. */
    private static final Fn CHAIN = fn(a -> a.get(0).multiply(a.get(1)).add(a.get(2)).exp().multiply(2).subtract(1));

    /** Many element-wise ops: unary, binary, comparisons, where, maximum, weak scalars. */
    private static final Fn MIXED = fn(a -> {
        Array x = a.get(0), y = a.get(1), z = a.get(2);
        Array t = x.multiply(y).add(z);
        Array s = t.exp().multiply(2).subtract(1).sigmoid().add(x.tanh())
                .subtract(y.abs().sqrt().divide(z.square().add(1)));
        Array other = Mx.maximum(x, z).multiply(Mx.rsqrt(z.abs().add(1))).add(y.sin().multiply(x.cos()));
        return Mx.where(x.greater(y), s, other).add(Mx.minimum(y, z).negative().reciprocal().multiply(0.01));
    });

    private static List<Array> args(Sample... s) {
        List<Array> r = new ArrayList<>();
        for (Sample x : s) r.add(x.array());
        return r;
    }

    private static void assertSameValues(Array got, Array expected, double rtol, double atol) {
        assertThat(got.dtype()).as("dtype").isEqualTo(expected.dtype());
        assertThat(got.shape()).as("shape").containsExactly(expected.shape());
        assertAllClose(got.toDoubleArray(), expected.toDoubleArray(), rtol, atol);
    }

    private static String dot(Array... outputs) {
        StringWriter w = new StringWriter();
        Mx.exportToDot(w, outputs);
        return w.toString();
    }

    private static int count(String text, String label) {
        Matcher m = Pattern.compile("label=\"" + label + "\\\\n").matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    // ------------------------------------------------------------------ values

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64", "FLOAT16", "BFLOAT16"})
    void valuesEqualTheUncompiledFunctionAndAFloat64Reference(DType t) {
        int[] shape = {3, 37}; // odd rows exercise the vector tails
        Sample a = rand(t, shape), b = rand(t, shape), c = rand(t, shape);
        Array got = Mx.compile(CHAIN).apply(args(a, b, c)).get(0);
        double[] ref = new double[size(shape)];
        for (int i = 0; i < ref.length; i++) ref[i] = Math.exp(a.values()[i] * b.values()[i] + c.values()[i]) * 2 - 1;
        assertClose(got, t, shape, ref, 2 * rtol(t) + (t.size() == 2 ? 1e-2 : 0), 4 * atol(t));
        double tol = t == DType.FLOAT64 ? 1e-13 : t == DType.FLOAT32 ? 2e-6 : 0;
        assertSameValues(got, CHAIN.apply(args(a, b, c)).get(0), tol, tol);

        Sample x = rand(t, shape), y = rand(t, shape), z = rand(t, shape);
        Array mixed = Mx.compile(MIXED).apply(args(x, y, z)).get(0);
        assertSameValues(mixed, MIXED.apply(args(x, y, z)).get(0), tol, tol);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64", "FLOAT16"})
    void chainsRunAsOneCompiledNodeGeneratedForFloat32AndFloat64(DType t) {
        Sample a = rand(t, 8), b = rand(t, 8), c = rand(t, 8);
        Array out = Mx.compile(MIXED).apply(args(a, b, c)).get(0);
        assertThat(out.node().primitive()).isInstanceOf(Compiled.class);
        Compiled program = (Compiled) out.node().primitive();
        assertThat(program.instrs().size()).isGreaterThan(20);
        assertThat(FusedKernels.isGenerated(program)).isEqualTo(t != DType.FLOAT16);
        out.eval();
    }

    /** Every op the generator has a vector form for, each checked against the unfused op. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void everyGeneratedOpMatchesTheUnfusedOp(DType t) {
        List<Function<Array, Array>> unary = List.of(Mx::abs, Mx::negative, Mx::sqrt, Mx::exp, Mx::expm1, Mx::log, Mx::log10,
                Mx::log1p, Mx::sin, Mx::cos, Mx::tan, Mx::arcsin, Mx::arccos, Mx::arctan, Mx::sinh, Mx::cosh, Mx::tanh,
                Mx::square, Mx::reciprocal, Mx::rsqrt, Mx::sigmoid, Mx::sign);
        List<java.util.function.BinaryOperator<Array>> binary = List.of(Mx::add, Mx::subtract, Mx::multiply, Mx::divide,
                Mx::maximum, Mx::minimum, Mx::power, Mx::arctan2,
                (a, b) -> Mx.where(a.less(b).logicalAnd(a.notEqual(b)), a, b),
                (a, b) -> Mx.where(a.lessEqual(b).logicalOr(a.equal(b)), b, a),
                (a, b) -> Mx.where(Mx.logicalNot(a.greaterEqual(b)), a.greater(b).astype(t), a.astype(DType.BOOL).astype(t)),
                (a, b) -> Mx.where(Mx.isfinite(a).logicalAnd(Mx.logicalNot(Mx.isnan(b))), a, b));
        // special values in every position: NaN, infinities, zeros of both signs, outside [-1, 1]
        double[] v = uniform(rng, 37, -3, 3);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1.0, -1.0, 1e-30};
        for (int i = 0; i < specials.length; i++) v[i * 4] = specials[i];
        Array x = array(v, t, 37), y = rand(t, 37).array();
        double tol = t == DType.FLOAT32 ? 2e-6 : 1e-14;
        for (Function<Array, Array> op : unary) {
            Fn f = fn(a -> op.apply(a.get(0).multiply(a.get(1))).add(a.get(1)));
            Array out = Mx.compile(f).apply(List.of(x, y)).get(0);
            assertThat(FusedKernels.isGenerated((Compiled) out.node().primitive())).isTrue();
            assertSameValues(out, f.apply(List.of(x, y)).get(0), tol, tol);
        }
        for (java.util.function.BinaryOperator<Array> op : binary) {
            Fn f = fn(a -> op.apply(a.get(0), a.get(1).add(0.5)));
            Array out = Mx.compile(f).apply(List.of(x, y)).get(0);
            assertThat(FusedKernels.isGenerated((Compiled) out.node().primitive())).isTrue();
            assertSameValues(out, f.apply(List.of(x, y)).get(0), tol, tol);
        }
    }

    @Test
    void mixedBroadcastingOfScalarsRowsAndColumns() {
        DType t = DType.FLOAT32;
        Sample m = rand(t, 4, 5), row = rand(t, 5), col = rand(t, 4, 1), scalar = rand(t);
        Fn f = fn(a -> a.get(0).multiply(a.get(1)).add(a.get(2)).multiply(2.5).subtract(a.get(3)).exp());
        Array got = Mx.compile(f).apply(args(m, row, col, scalar)).get(0);
        double[] ref = new double[20];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                ref[i * 5 + j] = Math.exp((m.values()[i * 5 + j] * row.values()[j] + col.values()[i]) * 2.5 - scalar.values()[0]);
            }
        }
        assertClose(got, t, new int[] {4, 5}, ref);
        assertSameValues(got, f.apply(args(m, row, col, scalar)).get(0), 2e-6, 2e-6);
        // only broadcast operands: a row against a column makes the output shape
        Fn outer = fn(a -> a.get(0).multiply(a.get(1)).add(a.get(0)).tanh());
        Sample r = rand(DType.FLOAT64, 1, 7), c = rand(DType.FLOAT64, 6, 1);
        assertSameValues(Mx.compile(outer).apply(args(r, c)).get(0), outer.apply(args(r, c)).get(0), 1e-13, 1e-13);
    }

    @Test
    void stridedReversedEmptyAndSizeOneInputsAndThreadedSizes() {
        Function<Array, Array> f = x -> x.multiply(x).add(x.abs().sqrt()).sigmoid().subtract(0.5);
        Function<Array, Array> cf = Mx.compile(f);
        Array m = rand(DType.FLOAT32, 33, 17).array();
        for (Array in : List.of(m.T(), m.get("::-1, ::2"), m.get("3:4, :"), Mx.zeros(new int[] {0, 3}, DType.FLOAT32),
                rand(DType.FLOAT32, 1).array(), rand(DType.FLOAT32, 40_003).array(), rand(DType.FLOAT64, 40_003).array())) {
            double tol = in.dtype() == DType.FLOAT32 ? 2e-6 : 1e-13;
            assertSameValues(cf.apply(in), f.apply(in), tol, tol);
        }
        // a strided operand together with a contiguous one and a broadcast column, in float16 (block path)
        Sample hs = rand(DType.FLOAT16, 9, 11), h2s = rand(DType.FLOAT16, 11, 9), cols = rand(DType.FLOAT16, 11, 1);
        Array h = hs.array(), h2 = h2s.array(), col = cols.array();
        Fn g = fn(a -> a.get(0).T().multiply(a.get(1)).add(a.get(2)).exp());
        Array compiled = Mx.compile(g).apply(List.of(h, h2, col)).get(0);
        assertSameValues(compiled, g.apply(List.of(h, h2, col)).get(0), 0, 0);
        // float64 reference: out[i][j] = exp(h[j][i] * h2[i][j] + col[i]); float16 rounds after each op
        double[] ref = new double[11 * 9];
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 9; j++) {
                ref[i * 9 + j] = Math.exp(hs.values()[j * 11 + i] * h2s.values()[i * 9 + j] + cols.values()[i]);
            }
        }
        assertClose(compiled, DType.FLOAT16, new int[] {11, 9}, ref, 3e-3, 1e-3);
    }

    @Test
    void specialValuesPropagateLikeTheUncompiledOps() {
        float nan = Float.NaN, inf = Float.POSITIVE_INFINITY;
        Array x = Mx.array(new float[] {nan, inf, -inf, -0.0f, 0.0f, 1e30f, -1e30f, 3f, -2f}, 9);
        Array y = Mx.array(new float[] {1f, nan, 2f, 0.0f, -0.0f, inf, 5f, nan, -inf}, 9);
        Fn f = fn(a -> Mx.where(a.get(0).greater(a.get(1)), a.get(0).exp(), Mx.maximum(a.get(0), a.get(1)))
                .add(a.get(1).sigmoid()).multiply(a.get(0).sign()));
        Array fc = Mx.compile(f).apply(List.of(x, y)).get(0);
        assertSameValues(fc, f.apply(List.of(x, y)).get(0), 0, 0);
        Fn tests = fn(a -> Mx.where(Mx.isnan(a.get(0)).logicalOr(Mx.isinf(a.get(1))), a.get(1), a.get(0).square()));
        Array tc = Mx.compile(tests).apply(List.of(x, y)).get(0);
        assertSameValues(tc, tests.apply(List.of(x, y)).get(0), 0, 0);
        // plain Java references (float32 where overflow matters): NaN propagates through maximum, sign(NaN) is 0
        float[] xv = x.toFloatArray(), yv = y.toFloatArray();
        double[] fRef = new double[9], tRef = new double[9];
        for (int i = 0; i < 9; i++) {
            float a = xv[i], b = yv[i];
            float max = Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.max(a, b);
            float picked = a > b ? (float) Math.exp(a) : max;
            float sigmoid = (float) (1 / (1 + Math.exp(-(double) b)));
            float sign = a > 0 ? 1 : a < 0 ? -1 : 0;
            fRef[i] = (picked + sigmoid) * sign;
            tRef[i] = Float.isNaN(a) || Float.isInfinite(b) ? b : a * a;
        }
        assertClose(fc, DType.FLOAT32, new int[] {9}, fRef, 1e-6, 1e-7);
        assertClose(tc, DType.FLOAT32, new int[] {9}, tRef, 0, 0);
    }

    @Test
    void integerAndBooleanChainsMatchExactlyIncludingOverflowWrap() {
        Array a = Mx.array(new int[] {Integer.MAX_VALUE, -7, 12, 0, 5, -3, 1 << 30}, 7);
        Array b = Mx.array(new int[] {2, 3, -5, 9, 5, 4, 4}, 7);
        Fn f = fn(x -> x.get(0).multiply(x.get(1)).add(x.get(0)).remainder(x.get(1))
                .add(Mx.where(x.get(0).greater(x.get(1)), x.get(0), x.get(1))));
        int[] av = a.toIntArray(), bv = b.toIntArray();
        Array got = Mx.compile(f).apply(List.of(a, b)).get(0);
        assertThat(got.dtype()).isEqualTo(DType.INT32);
        assertThat(got.toIntArray()).containsExactly(f.apply(List.of(a, b)).get(0).toIntArray());
        // Java int arithmetic wraps as int32 does; remainder takes the divisor's sign (floorMod), as in MLX
        int[] intRef = new int[7];
        for (int i = 0; i < 7; i++) intRef[i] = Math.floorMod(av[i] * bv[i] + av[i], bv[i]) + (av[i] > bv[i] ? av[i] : bv[i]);
        assertThat(got.toIntArray()).containsExactly(intRef);
        Fn bools = fn(x -> x.get(0).greater(0).logicalAnd(x.get(1).less(4)).logicalOr(x.get(0).equal(x.get(1))));
        boolean[] boolGot = Mx.compile(bools).apply(List.of(a, b)).get(0).toBooleanArray();
        assertThat(boolGot).containsExactly(bools.apply(List.of(a, b)).get(0).toBooleanArray());
        boolean[] boolRef = new boolean[7];
        for (int i = 0; i < 7; i++) boolRef[i] = av[i] > 0 && bv[i] < 4 || av[i] == bv[i];
        assertThat(boolGot).containsExactly(boolRef);
        // int32 promoted to float32 by a float scalar: a conversion inside the fused region
        Fn promoted = fn(x -> x.get(0).multiply(0.5).add(x.get(1)).floor());
        Array promotedGot = Mx.compile(promoted).apply(List.of(a, b)).get(0);
        assertSameValues(promotedGot, promoted.apply(List.of(a, b)).get(0), 0, 0);
        // reference with float32 rounding after each op (2^31 - 1 becomes 2^31; 2^30 + 2 rounds to 2^30)
        double[] promotedRef = new double[7];
        for (int i = 0; i < 7; i++) promotedRef[i] = Math.floor((float) ((float) av[i] * 0.5f) + (float) bv[i]);
        assertExact(promotedGot, DType.FLOAT32, new int[] {7}, promotedRef);
    }

    @Test
    void veryLongChainsFallBackToTheBlockPathWithEqualValues() {
        Fn f = fn(a -> {
            Array x = a.get(0);
            for (int i = 0; i < 300; i++) x = x.multiply(a.get(1)).add(0.25).tanh();
            return x;
        });
        Sample x = rand(DType.FLOAT32, 2, 50), y = rand(DType.FLOAT32, 50);
        Array out = Mx.compile(f).apply(args(x, y)).get(0);
        Compiled program = (Compiled) out.node().primitive();
        assertThat(program.instrs()).hasSize(900);
        assertThat(FusedKernels.isGenerated(program)).as("a 900-op loop is too big for the JIT").isFalse();
        assertSameValues(out, f.apply(args(x, y)).get(0), 0, 0);
    }

    @Test
    void streamsChosenInsideTheFunctionAreKept() {
        Stream side = Mx.newStream(Device.cpu());
        Fn f = fn(a -> {
            Array e;
            try (StreamScope scope = Mx.withStream(side)) {
                e = a.get(0).exp().multiply(2);
            }
            return e.add(a.get(0)).sqrt();
        });
        Sample x = sample(rng, DType.FLOAT32, 0, 1, 6);
        Array out = Mx.compile(f).apply(args(x)).get(0);
        assertThat(out.node().stream).isEqualTo(Mx.currentStream());
        assertThat(out.node().inputs()).anyMatch(n -> n.stream == side);
        assertSameValues(out, f.apply(args(x)).get(0), 2e-6, 2e-6);
    }

    // ------------------------------------------------------------------ tracing and caching

    @Test
    void tracesOncePerShapeAndDtypeNotPerValue() {
        AtomicInteger traces = new AtomicInteger();
        Fn f = fn(a -> {
            traces.incrementAndGet();
            return a.get(0).multiply(a.get(1)).exp();
        });
        Fn cf = Mx.compile(f);
        Sample x = rand(DType.FLOAT32, 5), y = rand(DType.FLOAT32, 5);
        Array first = cf.apply(args(x, y)).get(0);
        assertThat(traces).hasValue(1);
        Sample x2 = rand(DType.FLOAT32, 5), y2 = rand(DType.FLOAT32, 5);
        Array second = cf.apply(args(x2, y2)).get(0);
        assertThat(traces).as("new values reuse the trace").hasValue(1);
        assertSameValues(first, f.apply(args(x, y)).get(0), 2e-6, 2e-6);
        assertSameValues(second, f.apply(args(x2, y2)).get(0), 2e-6, 2e-6);
        traces.set(1);
        cf.apply(args(rand(DType.FLOAT32, 6), rand(DType.FLOAT32, 6))).get(0).eval();
        assertThat(traces).as("a new shape retraces").hasValue(2);
        cf.apply(args(rand(DType.FLOAT64, 6), rand(DType.FLOAT64, 6))).get(0).eval();
        assertThat(traces).as("a new dtype retraces").hasValue(3);
        cf.apply(args(rand(DType.FLOAT32, 5), rand(DType.FLOAT32, 5))).get(0).eval();
        cf.apply(args(rand(DType.FLOAT32, 6), rand(DType.FLOAT32, 6))).get(0).eval();
        assertThat(traces).as("shapes seen before are cached").hasValue(3);
    }

    @Test
    void shapelessReusesTheTraceAcrossShapesOfOneRank() {
        AtomicInteger traces = new AtomicInteger();
        Fn f = fn(a -> {
            traces.incrementAndGet();
            Array t = a.get(0).multiply(a.get(1)).add(2).exp(); // a [n, m] row-scaled
            return t.sum(1).add(t.max(1)).multiply(a.get(0).transpose().min(0));
        });
        Fn cf = Mx.compile(f, CompileOptions.shapeless());
        for (int[] s : new int[][] {{3, 4}, {5, 7}, {1, 2}, {6, 1}}) {
            Sample x = rand(DType.FLOAT32, s), row = rand(DType.FLOAT32, s[1]);
            assertSameValues(cf.apply(args(x, row)).get(0), f.apply(args(x, row)).get(0), 1e-5, 1e-5);
        }
        assertThat(traces).as("one trace plus one uncompiled call per shape").hasValue(1 + 4);
        // broadcasting follows each call: a column where the trace had a full matrix
        Fn g = Mx.compile(fn(a -> a.get(0).add(a.get(1)).multiply(a.get(1))), CompileOptions.shapeless());
        g.apply(args(rand(DType.FLOAT64, 2, 3), rand(DType.FLOAT64, 2, 3))).get(0).eval();
        Sample p = rand(DType.FLOAT64, 4, 1), q = rand(DType.FLOAT64, 1, 5);
        Array r = g.apply(args(p, q)).get(0);
        assertSameValues(r, p.array().add(q.array()).multiply(q.array()), 1e-15, 1e-15);
        // a new rank is a new trace
        AtomicInteger rank = new AtomicInteger();
        Fn h = Mx.compile(fn(a -> {
            rank.incrementAndGet();
            return a.get(0).multiply(a.get(0)).sum(-1);
        }), CompileOptions.shapeless());
        h.apply(args(rand(DType.FLOAT32, 2, 3))).get(0).eval();
        h.apply(args(rand(DType.FLOAT32, 4, 5))).get(0).eval();
        assertThat(rank).hasValue(1);
        Sample cube = rand(DType.FLOAT32, 2, 3, 4);
        assertSameValues(h.apply(args(cube)).get(0), cube.array().square().sum(-1), 1e-6, 1e-6);
        assertThat(rank).hasValue(2);
    }

    @Test
    void shapelessErrorsNameTheOpAndShapesForOpsThatCannotFollow() {
        Fn mm = Mx.compile(fn(a -> a.get(0).matmul(a.get(1)).exp()), CompileOptions.shapeless());
        mm.apply(args(rand(DType.FLOAT32, 2, 3), rand(DType.FLOAT32, 3, 4))).get(0).eval();
        assertFailsWith(() -> mm.apply(args(rand(DType.FLOAT32, 2, 3), rand(DType.FLOAT32, 5, 4))),
                "Matmul", "[2, 3]", "[5, 4]");
        Fn reshape = Mx.compile(fn(a -> a.get(0).reshape(2, 3).exp()), CompileOptions.shapeless());
        reshape.apply(args(rand(DType.FLOAT32, 6))).get(0).eval();
        assertFailsWith(() -> reshape.apply(args(rand(DType.FLOAT32, 8))), "Reshape", "[8]", "shapeless");
        Fn add = Mx.compile(fn(a -> a.get(0).add(a.get(1)).exp()), CompileOptions.shapeless());
        add.apply(args(rand(DType.FLOAT32, 2, 3), rand(DType.FLOAT32, 2, 3))).get(0).eval();
        assertFailsWith(() -> add.apply(args(rand(DType.FLOAT32, 2, 3), rand(DType.FLOAT32, 4, 3))), "[2, 3]", "[4, 3]", "broadcast");
    }

    // ------------------------------------------------------------------ captured arrays

    @Test
    void capturedInputsAreReadAtEveryCallAndOtherCapturesAreConstants() {
        Array w = Mx.array(new float[] {1, 2, 3}, 3);
        Map<String, Array> params = new HashMap<>(Map.of("b", Mx.array(new float[] {10, 20, 30}, 3)));
        AtomicInteger traces = new AtomicInteger();
        Function<Array, Array> body = x -> {
            traces.incrementAndGet();
            return x.multiply(w).add(params.get("b"));
        };
        Function<Array, Array> read = Mx.compile(body, CompileOptions.defaults().withInputs(w, params));
        Function<Array, Array> baked = Mx.compile(body);
        Array x = Mx.array(new float[] {1, 1, 2}, 3);
        assertThat(read.apply(x).toFloatArray()).containsExactly(11, 22, 36);
        assertThat(baked.apply(x).toFloatArray()).containsExactly(11, 22, 36);
        w.set(":", 5.0); // rebinds the handle
        params.put("b", Mx.array(new float[] {0, 0, 1}, 3).eval()); // a new evaluated value in the tree
        assertThat(read.apply(x).toFloatArray()).containsExactly(5, 5, 11);
        assertThat(baked.apply(x).toFloatArray()).as("captures not named as inputs are compiled in").containsExactly(11, 22, 36);
        assertThat(traces).hasValue(2);
        assertThat(w.toFloatArray()).as("the handle is restored after tracing").containsExactly(5, 5, 5);
    }

    @Test
    void capturedOutputsAreReboundAfterEveryCall() {
        Array state = Mx.zeros(3);
        List<Array> history = new ArrayList<>(List.of(Mx.zeros(3)));
        AtomicInteger traces = new AtomicInteger();
        Function<Array, Array> step = Mx.compile((Array x) -> {
            traces.incrementAndGet();
            state.set(":", state.add(x));              // rebinding a handle
            history.set(0, history.get(0).multiply(0.5).add(x)); // replacing a list entry
            return state.multiply(2);
        }, CompileOptions.defaults().withInputs(state, history).withOutputs(state, history));
        double[] expected = new double[3], decayed = new double[3];
        for (int call = 0; call < 4; call++) {
            Sample x = rand(DType.FLOAT32, 3);
            Array out = step.apply(x.array());
            for (int i = 0; i < 3; i++) {
                expected[i] += x.values()[i];
                decayed[i] = decayed[i] * 0.5 + x.values()[i];
            }
            assertClose(out, DType.FLOAT32, new int[] {3}, java.util.Arrays.stream(expected).map(v -> 2 * v).toArray());
            assertClose(state, DType.FLOAT32, new int[] {3}, expected);
            assertClose(history.get(0), DType.FLOAT32, new int[] {3}, decayed);
        }
        assertThat(traces).hasValue(1);
    }

    @Test
    void constantsOfTheTraceOutliveTheScopeAndHandlesThatMadeThem() {
        Array captured = Mx.array(new float[] {1, 2, 3}, 3);
        Function<Array, Array> f = Mx.compile((Array x) -> x.multiply(captured).add(0.5).exp());
        Array x = Mx.array(new float[] {0.1f, 0.2f, 0.3f}, 3);
        try (Memory.Scope scope = Memory.scope()) { // the trace's weak scalar 0.5 is made inside this scope
            scope.keep(f.apply(x)).eval();
        }
        captured.close();
        assertClose(f.apply(x), DType.FLOAT32, new int[] {3},
                new double[] {Math.exp(0.1 + 0.5), Math.exp(0.4f + 0.5), Math.exp(0.3f * 3 + 0.5)});
    }

    // ------------------------------------------------------------------ graph shape

    @Test
    void exportToDotShowsOneCompiledNodeForAnElementwiseChain() {
        Sample a = rand(DType.FLOAT32, 4), b = rand(DType.FLOAT32, 4), c = rand(DType.FLOAT32, 4);
        Array out = Mx.compile(CHAIN).apply(args(a, b, c)).get(0);
        String text = dot(out);
        assertThat(count(text, "Compiled")).isEqualTo(1);
        for (String op : List.of("Exp", "Add", "Multiply", "Subtract", "BroadcastTo")) assertThat(count(text, op)).as(op).isZero();
        String eager = dot(CHAIN.apply(args(a, b, c)).get(0));
        assertThat(count(eager, "Compiled")).isZero();
        assertThat(count(eager, "Exp")).isEqualTo(1);
    }

    @Test
    void equalSubexpressionsMergeAndDeadCodeIsDropped() {
        Fn f = fn(a -> {
            Array unused = a.get(0).matmul(a.get(0)).sum(); // never returned
            Array p = a.get(0).matmul(a.get(0)), q = a.get(0).matmul(a.get(0));
            return p.add(q).sum(1).add(a.get(0).exp().sum(1)).add(a.get(0).exp().sum(1));
        });
        Sample x = rand(DType.FLOAT64, 3, 3);
        Array out = Mx.compile(f).apply(args(x)).get(0);
        String text = dot(out);
        assertThat(count(text, "Matmul")).isEqualTo(1);
        assertThat(count(text, "Sum")).isEqualTo(2);
        assertSameValues(out, f.apply(args(x)).get(0), 1e-13, 1e-13);
    }

    @Test
    void multipleOutputsSharedIntermediatesAndPassThroughOutputs() {
        Fn f = args -> {
            Array t = args.get(0).multiply(args.get(1));
            List<Array> qr = Mx.divmod(args.get(0), args.get(1));
            return List.of(t.exp(), t.add(1).sqrt().abs(), args.get(1), qr.get(0).add(qr.get(1)), t);
        };
        Sample x = rand(DType.FLOAT32, 2, 5), y = rand(DType.FLOAT32, 2, 5);
        List<Array> got = Mx.compile(f).apply(args(x, y)), want = f.apply(args(x, y));
        assertThat(got).hasSize(5);
        for (int i = 0; i < 5; i++) assertSameValues(got.get(i), want.get(i), 2e-6, 2e-6);
    }

    // ------------------------------------------------------------------ transformations

    @Test
    void gradOfCompiledEqualsGradOfUncompiled() {
        Sample x = rand(DType.FLOAT64, 4, 6), w = rand(DType.FLOAT64, 6), b = rand(DType.FLOAT64, 4, 1);
        Fn loss = fn(a -> a.get(0).multiply(a.get(1)).add(a.get(2)).exp().multiply(2).subtract(a.get(0).tanh())
                .sigmoid().sum());
        List<Array> plain = Mx.grad(loss, 0, 1, 2).apply(args(x, w, b));
        List<Array> compiled = Mx.grad(Mx.compile(loss), 0, 1, 2).apply(args(x, w, b));
        List<Array> ofGrad = Mx.compile(Mx.grad(loss, 0, 1, 2)).apply(args(x, w, b));
        for (int i = 0; i < 3; i++) {
            assertSameValues(compiled.get(i), plain.get(i), 1e-12, 1e-12);
            assertSameValues(ofGrad.get(i), plain.get(i), 1e-12, 1e-12);
        }
        // forward mode (the transpose of the vjp) through the fused region
        Sample tx = rand(DType.FLOAT64, 4, 6), tw = rand(DType.FLOAT64, 6), tb = rand(DType.FLOAT64, 4, 1);
        JvpResult jc = Mx.jvp(Mx.compile(loss), args(x, w, b), args(tx, tw, tb));
        JvpResult jp = Mx.jvp(loss, args(x, w, b), args(tx, tw, tb));
        assertSameValues(jc.jvps().get(0), jp.jvps().get(0), 1e-12, 1e-12);
        assertSameValues(jc.outputs().get(0), jp.outputs().get(0), 1e-12, 1e-12);
        // second derivative through the fused region
        Function<Array, Array> f = v -> v.multiply(v).exp().sum();
        Array g2 = Mx.grad(Mx.grad(Mx.compile(f)).andThen(Array::sum)).apply(x.array());
        Array g2ref = Mx.grad(Mx.grad(f).andThen(Array::sum)).apply(x.array());
        assertSameValues(g2, g2ref, 1e-12, 1e-12);
    }

    @Test
    void vmapOfCompiledEqualsAPerExampleLoopAndPlainVmap() {
        Fn f = fn(a -> a.get(0).multiply(a.get(1)).add(1).log().multiply(0.5).sum());
        Sample x = sample(rng, DType.FLOAT64, 0.5, 2, 5, 3), y = sample(rng, DType.FLOAT64, 0.5, 2, 3);
        Array got = Mx.vmap(Mx.compile(f), new int[] {0, Mx.UNMAPPED}, new int[] {0}).apply(args(x, y)).get(0);
        List<Array> rows = new ArrayList<>();
        for (int b = 0; b < 5; b++) rows.add(f.apply(List.of(x.array().get(b), y.array())).get(0));
        assertSameValues(got, Mx.stack(rows, 0), 1e-13, 1e-13);
        assertSameValues(got, Mx.vmap(f, new int[] {0, Mx.UNMAPPED}, new int[] {0}).apply(args(x, y)).get(0), 1e-13, 1e-13);
    }

    // ------------------------------------------------------------------ errors and memory

    @Test
    void errorsAreClear() {
        Fn two = Mx.compile(fn(a -> a.get(0).add(a.get(1)).exp()));
        assertFailsWith(() -> two.apply(args(rand(DType.FLOAT32, 3))), "compile", "1 argument");
        assertFailsWith(() -> two.apply(java.util.Arrays.asList(rand(DType.FLOAT32, 3).array(), null)), "argument 1 is null");
        Fn evaluates = Mx.compile(fn(a -> Mx.array((float) a.get(0).exp().sum().item())));
        assertFailsWith(() -> evaluates.apply(args(rand(DType.FLOAT32, 3))), "compile", "only build graphs");
        Array w = rand(DType.FLOAT32, 3).array();
        Fn failing = Mx.compile(fn(a -> a.get(0).matmul(a.get(0))), CompileOptions.defaults().withInputs(w));
        Array before = w;
        assertFailsWith(() -> failing.apply(args(rand(DType.FLOAT32, 3, 4))), "matmul");
        assertThat(w.node()).isSameAs(before.node());
        assertThat(w.toFloatArray()).hasSize(3);
    }

    @Test
    void aFusedChainAllocatesOnlyItsOutput() {
        int n = 1 << 20;
        Array a = rand(DType.FLOAT32, n).array(), b = rand(DType.FLOAT32, n).array(), c = rand(DType.FLOAT32, n).array();
        Mx.eval(a, b, c);
        Fn expMulAdd = Mx.compile(fn(x -> x.get(0).multiply(x.get(1)).add(x.get(2)).exp()));
        Fn reuse = Mx.compile(fn(x -> {
            Array t = x.get(0).multiply(x.get(1));
            return t.add(x.get(2)).exp().multiply(t).subtract(t.square());
        }));
        for (Fn f : List.of(expMulAdd, reuse)) {
            f.apply(List.of(a, b, c)).get(0).eval().close(); // trace and warm up outside the measurement
            long before = Memory.activeMemory();
            Memory.resetPeakMemory();
            Array out = f.apply(List.of(a, b, c)).get(0).eval();
            long peak = Memory.peakMemory() - before;
            assertThat(peak).as("peak bytes above the inputs").isLessThanOrEqualTo(4L * n + 4096);
            out.close();
        }
    }
}
