package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What a compiled function sees of the Java code around it, as in MLX: the function runs only while it
 * is traced, so everything it reads from outside (captured arrays, evaluated or not, Java scalars, the
 * shapes of its arguments) is a constant of that trace; values it computes are placeholders that cannot be
 * evaluated, inside the trace or after escaping it; and each argument count is its own trace.
 */
class CompileSemanticsTest {
    private final Random rng = new Random(77);

    private static String dot(Array... outputs) {
        StringWriter w = new StringWriter();
        Mx.exportToDot(w, outputs);
        return w.toString();
    }

    private static boolean hasNode(String dot, String label) { return dot.contains("label=\"" + label + "\\n"); }

    // ------------------------------------------------------------------ captured arrays and scalars

    @Test
    void aCapturedUnevaluatedGraphIsCompiledInAndStaysAConstantUntilRetraced() {
        Sample base = sample(rng, DType.FLOAT32, -1, 1, 6);
        Array lazy = base.array().exp().multiply(2.0); // captured without being evaluated
        assertThat(lazy.node().isAvailable()).isFalse();
        AtomicInteger traces = new AtomicInteger();
        Function<Array, Array> f = Mx.compile((Array x) -> {
            traces.incrementAndGet();
            return x.multiply(3.0).add(lazy);
        });
        double[] captured = mapRef(base.values(), v -> 2 * Math.exp(v));
        Sample x = sample(rng, DType.FLOAT32, -1, 1, 6);
        Array out = f.apply(x.array());
        // the graph behind the capture is part of the compiled graph: its ops are there, computed with the call
        String graph = dot(out);
        assertThat(hasNode(graph, "Compiled")).isTrue();
        assertThat(hasNode(graph, "Exp")).as("the captured graph is compiled in").isTrue();
        assertClose(out, DType.FLOAT32, new int[] {6}, zipRef(mapRef(x.values(), v -> 3 * v), new int[] {6}, captured,
                new int[] {6}, Double::sum), 1e-6, 1e-6);
        assertThat(lazy.toDoubleArray()).as("the captured handle still gives its own value").hasSize(6);
        assertAllClose(lazy.toDoubleArray(), captured, 1e-6, 1e-6);

        // rebinding the captured handle is not seen by calls that replay the trace
        lazy.set(":", 100.0);
        Sample x2 = sample(rng, DType.FLOAT32, -1, 1, 6);
        assertClose(f.apply(x2.array()), DType.FLOAT32, new int[] {6}, zipRef(mapRef(x2.values(), v -> 3 * v),
                new int[] {6}, captured, new int[] {6}, Double::sum), 1e-6, 1e-6);
        assertThat(traces).hasValue(1);
        // a new shape traces again and reads the handle as it is now
        Sample rows = sample(rng, DType.FLOAT32, -1, 1, 2, 6);
        assertClose(f.apply(rows.array()), DType.FLOAT32, new int[] {2, 6}, mapRef(rows.values(), v -> 3 * v + 100),
                1e-6, 1e-5);
        assertThat(traces).hasValue(2);

        // an evaluated capture is a leaf of the compiled graph: none of the ops that made it are compiled in
        Array evaluated = base.array().exp().multiply(2.0).eval();
        Array out2 = Mx.compile((Array v) -> v.multiply(3.0).add(evaluated)).apply(x.array());
        assertThat(hasNode(dot(out2), "Exp")).isFalse();
        assertAllClose(out2.toDoubleArray(), out.toDoubleArray(), 0, 0);
    }

    @Test
    void javaScalarsReadByTheFunctionAreConstantsOfTheTrace() {
        double[] scale = {3.0}; // a Java value the function reads: only while it is traced
        AtomicInteger traces = new AtomicInteger();
        Function<Array, Array> f = Mx.compile((Array x) -> {
            traces.incrementAndGet();
            return x.multiply(scale[0]).add(1);
        });
        Sample x = sample(rng, DType.FLOAT32, -2, 2, 5);
        assertClose(f.apply(x.array()), DType.FLOAT32, new int[] {5}, mapRef(x.values(), v -> 3 * v + 1), 1e-6, 1e-6);
        scale[0] = 5.0;
        Sample y = sample(rng, DType.FLOAT32, -2, 2, 5);
        assertClose(f.apply(y.array()), DType.FLOAT32, new int[] {5}, mapRef(y.values(), v -> 3 * v + 1), 1e-6, 1e-6);
        assertThat(traces).as("a changed Java value does not retrace").hasValue(1);
        // another shape is another trace, which reads the value as it is now ...
        Sample z = sample(rng, DType.FLOAT32, -2, 2, 7);
        assertClose(f.apply(z.array()), DType.FLOAT32, new int[] {7}, mapRef(z.values(), v -> 5 * v + 1), 1e-6, 1e-6);
        assertThat(traces).hasValue(2);
        // ... while the first shape keeps replaying its own trace
        assertClose(f.apply(y.array()), DType.FLOAT32, new int[] {5}, mapRef(y.values(), v -> 3 * v + 1), 1e-6, 1e-6);
        // the same function uncompiled reads the value at every call
        Function<Array, Array> plain = x2 -> x2.multiply(scale[0]).add(1);
        assertClose(plain.apply(y.array()), DType.FLOAT32, new int[] {5}, mapRef(y.values(), v -> 5 * v + 1), 1e-6, 1e-6);
        // the way to vary it per call: pass it as an array argument (a new value never retraces)
        Fn g = Mx.compile((List<Array> a) -> List.of(a.get(0).multiply(a.get(1)).add(1)));
        for (double s : new double[] {3, 5, -0.5}) {
            Array got = g.apply(List.of(y.array(), Mx.array(s, DType.FLOAT32))).get(0);
            assertClose(got, DType.FLOAT32, new int[] {5}, mapRef(y.values(), v -> (float) v * s + 1), 1e-6, 1e-6);
        }
    }

    // ------------------------------------------------------------------ shapes read by Java code

    @Test
    void shapelessTracesFreezeShapesThatJavaCodeReads() {
        // what CompileOptions.shapeless() documents: shape() read while tracing gives a constant of that trace
        AtomicInteger traces = new AtomicInteger();
        Fn mean = Mx.compile((List<Array> a) -> {
            traces.incrementAndGet();
            Array x = a.get(0);
            return List.of(x.sum(0).multiply(1.0 / x.shape(0))); // a mean written with the traced length
        }, CompileOptions.shapeless());
        Sample four = sample(rng, DType.FLOAT64, -1, 1, 4, 3);
        assertClose(mean.apply(List.of(four.array())).get(0), DType.FLOAT64, new int[] {3},
                meanRef(four.values(), new int[] {4, 3}, 0), 1e-14, 1e-14);
        Sample eight = sample(rng, DType.FLOAT64, -1, 1, 8, 3);
        Array replayed = mean.apply(List.of(eight.array())).get(0);
        assertThat(traces).as("shapeless: one trace for every shape of rank 2").hasValue(1);
        // the sum follows the new shape, the divisor stays the traced 1/4
        double[] sum = sumRef(eight.values(), new int[] {8, 3}, 0);
        assertClose(replayed, DType.FLOAT64, new int[] {3}, mapRef(sum, v -> v / 4), 1e-14, 1e-14);
        // without shapeless the new shape is a new trace that reads the new length
        Fn exact = Mx.compile((List<Array> a) -> List.of(a.get(0).sum(0).multiply(1.0 / a.get(0).shape(0))));
        exact.apply(List.of(four.array())).get(0).eval();
        assertClose(exact.apply(List.of(eight.array())).get(0), DType.FLOAT64, new int[] {3},
                meanRef(eight.values(), new int[] {8, 3}, 0), 1e-14, 1e-14);
        // a shape computed from shape() is frozen too: the replay fails, naming the op, instead of guessing
        Fn halves = Mx.compile((List<Array> a) -> List.of(a.get(0).reshape(2, a.get(0).shape(0) / 2).sum(1)), CompileOptions.shapeless());
        assertClose(halves.apply(List.of(Mx.arange(0, 6, 1))).get(0), DType.FLOAT32, new int[] {2}, new double[] {3, 12});
        assertFailsWith(() -> halves.apply(List.of(Mx.arange(0, 8, 1))), "Reshape", "[8]", "shapeless");
    }

    // ------------------------------------------------------------------ argument counts

    @Test
    void aVariadicFunctionIsTracedOncePerArgumentCount() {
        AtomicInteger traces = new AtomicInteger();
        List<Integer> traceSizes = new ArrayList<>();
        Fn sum = Mx.compile((List<Array> args) -> {
            traces.incrementAndGet();
            traceSizes.add(args.size());
            Array acc = args.get(0);
            for (int i = 1; i < args.size(); i++) acc = acc.add(args.get(i).multiply(i + 1));
            return List.of(acc);
        });
        int[] counts = {2, 3, 2, 1, 3, 4, 1};
        for (int n : counts) {
            List<Array> args = new ArrayList<>();
            double[] expected = new double[4];
            for (int i = 0; i < n; i++) {
                Sample s = sample(rng, DType.FLOAT32, -1, 1, 4);
                args.add(s.array());
                for (int j = 0; j < 4; j++) expected[j] += (i + 1) * s.values()[j];
            }
            assertClose(sum.apply(args).get(0), DType.FLOAT32, new int[] {4}, expected, 1e-6, 1e-6);
        }
        assertThat(traces).as("one trace per argument count seen").hasValue(4);
        assertThat(traceSizes).containsExactly(2, 3, 1, 4);
    }

    // ------------------------------------------------------------------ evaluation while tracing

    @Test
    void evaluatingOrPrintingAValueOfTheTraceFailsClearly() {
        Sample x = sample(rng, DType.FLOAT32, -1, 1, 3);
        Fn evals = Mx.compile((List<Array> a) -> {
            Array t = a.get(0).exp();
            Mx.eval(t);
            return List.of(t);
        });
        assertFailsWith(() -> evals.apply(List.of(x.array())), "compile", "only build graphs", "eval");
        Fn prints = Mx.compile((List<Array> a) -> {
            Array t = a.get(0).exp();
            String text = t.toString(); // printing evaluates, as print(x) does in MLX
            return List.of(t.add(text.length()));
        });
        assertFailsWith(() -> prints.apply(List.of(x.array())), "compile", "only build graphs");
        Fn reads = Mx.compile((List<Array> a) -> List.of(Mx.array(a.get(0).sum().floatValue())));
        assertFailsWith(() -> reads.apply(List.of(x.array())), "compile", "only build graphs");
        // the failures leave no trace behind: the next call traces (and fails) again
        assertFailsWith(() -> evals.apply(List.of(x.array())), "compile", "only build graphs");
        // values that do not depend on the inputs may be evaluated and printed (MLX rejects only tracers)
        Array captured = Mx.array(new float[] {1, 2, 3}, 3);
        List<String> printed = new ArrayList<>();
        Fn ok = Mx.compile((List<Array> a) -> {
            Array c = captured.multiply(2);
            Mx.eval(c);
            printed.add(c.toString());
            return List.of(a.get(0).add(c));
        });
        assertClose(ok.apply(List.of(x.array())).get(0), DType.FLOAT32, new int[] {3},
                zipRef(x.values(), new int[] {3}, new double[] {2, 4, 6}, new int[] {3}, Double::sum), 1e-6, 1e-6);
        assertThat(printed).containsExactly("array([2, 4, 6], dtype=float32)");
    }

    // ------------------------------------------------------------------ values escaping the trace

    @Test
    void aTracedValueLeakedWithoutWithOutputsCannotBeEvaluated() {
        List<Array> leaked = new ArrayList<>();
        AtomicInteger traces = new AtomicInteger();
        Function<Array, Array> f = Mx.compile((Array x) -> {
            traces.incrementAndGet();
            Array doubled = x.multiply(2);
            leaked.add(doubled); // stored outside the function, not named in withOutputs
            return doubled.add(1);
        });
        Sample x = sample(rng, DType.FLOAT32, -1, 1, 2, 3);
        assertClose(f.apply(x.array()), DType.FLOAT32, new int[] {2, 3}, mapRef(x.values(), v -> 2 * v + 1), 1e-6, 1e-6);
        assertThat(leaked).hasSize(1);
        Array tracer = leaked.get(0);
        // its shape and dtype are known (they never evaluate), its value never is: it was computed from a placeholder
        assertShape(tracer, DType.FLOAT32, 2, 3);
        assertFailsWith(tracer::toFloatArray, "compile", "withOutputs");
        assertFailsWith(() -> Mx.eval(tracer.add(1)), "compile", "withOutputs");
        // replaying does not call the function: nothing more leaks, the leaked value is not updated
        f.apply(x.array()).eval();
        assertThat(leaked).hasSize(1);
        assertThat(traces).hasValue(1);
        // named in withOutputs, the holder is rebound to the computed value after every call
        List<Array> holder = new ArrayList<>(List.of(Mx.zeros(new int[] {2, 3}, DType.FLOAT32)));
        Function<Array, Array> g = Mx.compile((Array v) -> {
            Array doubled = v.multiply(2);
            holder.set(0, doubled);
            return doubled.add(1);
        }, CompileOptions.defaults().withOutputs(holder));
        for (int call = 0; call < 2; call++) {
            Sample s = sample(rng, DType.FLOAT32, -1, 1, 2, 3);
            assertClose(g.apply(s.array()), DType.FLOAT32, new int[] {2, 3}, mapRef(s.values(), v -> 2 * v + 1), 1e-6, 1e-6);
            assertClose(holder.get(0), DType.FLOAT32, new int[] {2, 3}, mapRef(s.values(), v -> 2 * v), 1e-6, 1e-6);
        }
    }
}
