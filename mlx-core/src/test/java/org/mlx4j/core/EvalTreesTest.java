package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mlx4j.utils.Tree;

/**
 * Every container kind {@link Tree} walks (Map, List, other Collections, Object[]/Array[], records, Optional,
 * TreeLike, nested), through {@link Mx#eval}, {@link Mx#asyncEval}, compile's captured trees and
 * {@link Memory.Scope#keep}: each array of the tree is computed, and its values are the float64 reference.
 */
class EvalTreesTest {
    private static final java.util.Random RNG = new java.util.Random(41);

    record Batch(Array x, Array y) { }

    record Labelled(String name, Optional<Array> weight, List<Array> extra) { }

    /** A lazy array (x * 2 + 1 over random inputs) and its float64 reference. */
    private static final class Lazy {
        final double[] input;
        final Array array;

        Lazy(int n) {
            input = new double[n];
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = RNG.nextFloat() * 4 - 2;
                input[i] = f[i];
            }
            array = Mx.array(f, n).multiply(2.0).add(1.0);
        }

        void assertComputed() {
            assertThat(array.node().isAvailable()).as("evaluated").isTrue();
            float[] got = array.toFloatArray();
            for (int i = 0; i < got.length; i++) assertThat((double) got[i]).isCloseTo(input[i] * 2 + 1, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    private static List<Lazy> lazies(int count) {
        List<Lazy> l = new ArrayList<>();
        for (int i = 0; i < count; i++) l.add(new Lazy(3 + RNG.nextInt(5)));
        return l;
    }

    /** Each container kind holding the given arrays (two of them per tree). */
    private static Map<String, Function<List<Array>, Object>> kinds() {
        Map<String, Function<List<Array>, Object>> k = new LinkedHashMap<>();
        k.put("map", a -> Map.of("a", a.get(0), "b", a.get(1)));
        k.put("list", a -> List.of(a.get(0), a.get(1)));
        k.put("set", a -> new LinkedHashSet<>(a));
        k.put("Array[]", a -> a.toArray(new Array[0]));
        k.put("record", a -> new Batch(a.get(0), a.get(1)));
        k.put("Optional", a -> List.of(Optional.of(a.get(0)), Optional.empty(), Optional.of(a.get(1))));
        k.put("TreeLike", a -> (TreeLike) () -> Map.of("w", a.get(0), "b", a.get(1)));
        k.put("nested", a -> Map.of("layers", List.of(new Labelled("l0", Optional.of(a.get(0)), List.of(a.get(1))))));
        return k;
    }

    @Test
    void evalComputesEveryArrayOfEveryContainerKind() {
        kinds().forEach((name, make) -> {
            List<Lazy> l = lazies(2);
            Object tree = make.apply(List.of(l.get(0).array, l.get(1).array));
            Mx.eval(tree);
            for (Lazy z : l) z.assertComputed();
        });
    }

    @Test
    void asyncEvalComputesEveryArrayOfEveryContainerKind() {
        kinds().forEach((name, make) -> {
            List<Lazy> l = lazies(2);
            Mx.asyncEval(make.apply(List.of(l.get(0).array, l.get(1).array))).join();
            for (Lazy z : l) z.assertComputed();
        });
    }

    record Layer(Optional<Array> weight, List<Array> extra) { }

    @Test
    void flattenNamesRecordComponentsAndSeesThroughOptional() {
        List<Lazy> l = lazies(3);
        Array a = l.get(0).array, b = l.get(1).array, c = l.get(2).array;
        Map<String, Array> flat = Tree.flatten(Map.of("m", new Layer(Optional.of(a), List.of(b, c)), "n", Optional.empty()));
        assertThat(flat).containsExactly(Map.entry("m.weight", a), Map.entry("m.extra.0", b), Map.entry("m.extra.1", c));
        // a String component is a leaf that is not an array: flatten rejects it, naming its path
        assertThatThrownBy(() -> Tree.flatten(List.of(new Labelled("l0", Optional.of(a), List.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'0.name'");
    }

    @Test
    void mapRebuildsRecordsAndOptionals() {
        List<Lazy> l = lazies(3);
        Object mapped = Tree.map(x -> x.multiply(3.0), List.of(new Layer(Optional.of(l.get(0).array), List.of(l.get(1).array)),
                Optional.of(l.get(2).array), Optional.empty()));
        List<?> list = (List<?>) mapped;
        assertThat(list.get(0)).isInstanceOf(Layer.class);
        assertThat(list.get(2)).isEqualTo(Optional.empty());
        Layer layer = (Layer) list.get(0);
        Array[] got = {layer.weight().orElseThrow(), layer.extra().get(0), ((Optional<?>) list.get(1)).map(Array.class::cast).orElseThrow()};
        for (int k = 0; k < 3; k++) {
            float[] v = got[k].toFloatArray();
            double[] in = l.get(k).input;
            for (int i = 0; i < v.length; i++) assertThat((double) v[i]).isCloseTo((in[i] * 2 + 1) * 3, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void leavesThatAreNotArraysAreIgnoredAsMlxDoes() {
        List<Lazy> l = lazies(2);
        Mx.eval(Map.of("step", 3, "layers", List.of(new Labelled("l0", Optional.empty(), List.of(l.get(0).array)), "note")),
                "a string", 1.5, l.get(1).array);
        for (Lazy z : l) z.assertComputed();
    }

    @Test
    void compileReadsAndRebindsCapturedTreesOfEveryKind() {
        kinds().forEach((name, make) -> {
            Array s0 = Mx.array(new float[] {1, 2}), s1 = Mx.array(new float[] {10, 20});
            Object state = make.apply(List.of(s0, s1));
            // the function reads both captured arrays: (s0 + s1) * x
            Fn body = args -> List.of(s0.add(s1).multiply(args.get(0)));
            Fn f = Mx.compile(body, CompileOptions.defaults().withInputs(state));
            float[] got = f.apply(List.of(Mx.array(new float[] {3, 4}))).get(0).toFloatArray();
            assertThat(got).as(name).containsExactly(33f, 88f);
            // a later call reads the captured values afresh
            s0.set(":", 5.0);
            got = f.apply(List.of(Mx.array(new float[] {1, 1}))).get(0).toFloatArray();
            assertThat(got).as(name + " after the captured array changed").containsExactly(15f, 25f);
        });
    }

    @Test
    void scopeKeepsTheArraysOfARecord() {
        List<Lazy> l = lazies(2);
        Batch kept;
        try (var scope = Memory.scope()) {
            Array x = l.get(0).array.add(0.0), y = l.get(1).array.add(0.0);
            kept = scope.keep(new Batch(x, y));
        }
        assertThat(kept.x().node().data()).as("kept past the scope").isNotNull();
        assertThat(kept.y().node().data()).isNotNull();
    }
}
