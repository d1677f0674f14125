package org.mlx4j.utils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.TreeLike;

class TreeTest {
    private static final java.util.Random RNG = new java.util.Random(21);

    private static Array arr(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = RNG.nextFloat() * 2 - 1 + 0.01f;
        return Mx.array(v, shape);
    }

    /** Round-to-nearest-even to bfloat16 (the top 16 bits of a float32), for finite values. */
    private static float bfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        bits += 0x7fff + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(bits & 0xffff0000);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** A model-like tree: embedding, two layers in a list, a head. */
    private static Map<String, Object> model(Array emb, Array w0, Array b0, Array w1, Array b1, Array head) {
        return map("embedding", map("weight", emb),
                "layers", List.of(map("weight", w0, "bias", b0), map("weight", w1, "bias", b1)),
                "head", head);
    }

    @Test
    void flattenGivesDottedKeysInTraversalOrder() {
        Array emb = arr(10, 4), w0 = arr(4, 4), b0 = arr(4), w1 = arr(4, 4), b1 = arr(4), head = arr(4, 2);
        Map<String, Array> flat = Tree.flatten(model(emb, w0, b0, w1, b1, head));
        assertThat(flat).isInstanceOf(LinkedHashMap.class);
        assertThat(flat.keySet()).containsExactly("embedding.weight", "layers.0.weight", "layers.0.bias",
                "layers.1.weight", "layers.1.bias", "head");
        assertThat(flat.get("layers.1.weight")).isSameAs(w1);
        assertThat(flat.get("head")).isSameAs(head);
    }

    @Test
    void flattenEdgeCases() {
        Array a = arr(2);
        assertThat(Tree.flatten(a)).containsExactly(Map.entry("", a));
        assertThat(Tree.flatten(List.of())).isEmpty();
        assertThat(Tree.flatten(map("empty", map(), "list", List.of(), "x", a))).containsOnlyKeys("x");
        Map<String, Object> withNull = map("a", a, "b", null);
        assertThat(Tree.flatten(withNull)).containsOnlyKeys("a");
        Map<Integer, Object> intKeys = new LinkedHashMap<>();
        intKeys.put(3, a);
        assertThat(Tree.flatten(intKeys)).containsOnlyKeys("3");
        assertThat(Tree.flatten(new Object[] {a, List.of(a)})).containsOnlyKeys("0", "1.0");
        assertThatThrownBy(() -> Tree.flatten(map("layers", List.of(map("w", "not an array")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flatten").hasMessageContaining("layers.0.w").hasMessageContaining("String");
    }

    @Test
    void flattenAcceptsTreeLike() {
        Array w = arr(3, 3), b = arr(3);
        TreeLike module = () -> map("weight", w, "bias", b);
        assertThat(Tree.flatten(module).keySet()).containsExactly("weight", "bias");
        TreeLike outer = () -> map("blocks", List.of(module, module));
        assertThat(Tree.flatten(outer).keySet())
                .containsExactly("blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias");
    }

    @Test
    void unflattenInvertsFlatten() {
        Array emb = arr(10, 4), w0 = arr(4, 4), b0 = arr(4), w1 = arr(4, 4), b1 = arr(4), head = arr(4, 2);
        Map<String, Object> tree = model(emb, w0, b0, w1, b1, head);
        Object back = Tree.unflatten(Tree.flatten(tree));
        assertThat(back).isEqualTo(tree);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) back;
        assertThat(m.get("layers")).isInstanceOf(List.class);
        assertThat(((List<?>) m.get("layers")).get(1)).isEqualTo(map("weight", w1, "bias", b1));
    }

    @Test
    void unflattenBuildsListsOnlyFromIndicesZeroToNMinusOne() {
        Array a = arr(1), b = arr(1), c = arr(1);
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("l.2", c);
        flat.put("l.0", a);
        flat.put("l.1", b);
        flat.put("gap.0", a);
        flat.put("gap.2", b);
        flat.put("lead.00", a);
        flat.put("lead.1", b);
        flat.put("named.x", c);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) Tree.unflatten(flat);
        assertThat(m.get("l")).isEqualTo(List.of(a, b, c));
        assertThat(m.get("gap")).isEqualTo(map("0", a, "2", b));
        assertThat(m.get("lead")).isEqualTo(map("00", a, "1", b));
        assertThat(m.get("named")).isEqualTo(map("x", c));
        // numeric keys at the top make a list too, and nested lists of lists work
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("0.0", a);
        top.put("0.1", b);
        top.put("1.0", c);
        assertThat(Tree.unflatten(top)).isEqualTo(List.of(List.of(a, b), List.of(c)));
        assertThat(Tree.unflatten(Map.of("", a))).isSameAs(a);
        assertThat(Tree.unflatten(Map.of())).isEqualTo(Map.of());
        // values need not be arrays, and user maps are kept as they are
        Map<String, Object> config = map("0", "zero");
        Map<String, Object> mixed = new LinkedHashMap<>();
        mixed.put("opt.step", 3);
        mixed.put("opt.config", config);
        assertThat(Tree.unflatten(mixed)).isEqualTo(map("opt", map("step", 3, "config", config)));
    }

    @Test
    void unflattenRejectsClashingKeys() {
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("a", arr(1));
        flat.put("a.b", arr(1));
        assertThatThrownBy(() -> Tree.unflatten(flat)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unflatten").hasMessageContaining("a.b");
        Map<String, Object> flat2 = new LinkedHashMap<>();
        flat2.put("a.b", arr(1));
        flat2.put("a", arr(1));
        assertThatThrownBy(() -> Tree.unflatten(flat2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
        assertThatThrownBy(() -> Tree.unflatten(Map.of("a..b", arr(1)))).hasMessageContaining("empty part");
    }

    @Test
    void mapKeepsTheStructureAndAppliesFnToEveryArray() {
        Array emb = arr(10, 4), w0 = arr(4, 4), b0 = arr(4), w1 = arr(4, 4), b1 = arr(4), head = arr(4, 2);
        Map<String, Object> tree = model(emb, w0, b0, w1, b1, head);
        List<Array> seen = new ArrayList<>();
        Object doubled = Tree.map(x -> {
            seen.add(x);
            return Mx.multiply(x, 2.0);
        }, tree);
        assertThat(seen).containsExactly(emb, w0, b0, w1, b1, head);
        Map<String, Array> flat = Tree.flatten(doubled);
        Map<String, Array> orig = Tree.flatten(tree);
        assertThat(flat.keySet()).containsExactlyElementsOf(orig.keySet());
        for (String k : orig.keySet()) {
            float[] want = orig.get(k).toFloatArray(), got = flat.get(k).toFloatArray();
            for (int i = 0; i < want.length; i++) assertThat(got[i]).isEqualTo(2 * want[i]);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) doubled;
        assertThat(m.get("layers")).isInstanceOf(List.class);
        // dtypes can change, nulls stay, TreeLike and Object[] map to their trees
        Object cast = Tree.map(x -> Mx.astype(x, DType.BFLOAT16), map("a", w0, "n", null, "b", w1));
        Map<String, Array> castFlat = Tree.flatten(cast);
        assertThat(castFlat.keySet()).containsExactly("a", "b");
        for (var e : Map.of("a", w0, "b", w1).entrySet()) {
            Array got = castFlat.get(e.getKey());
            assertThat(got.dtype()).isEqualTo(DType.BFLOAT16);
            assertThat(got.shape()).containsExactly(4, 4);
            // each leaf is its own input rounded to the nearest bfloat16 (ties to even)
            float[] src = e.getValue().toFloatArray(), vals = got.toFloatArray();
            for (int i = 0; i < src.length; i++) {
                assertThat(vals[i]).as("%s[%d]", e.getKey(), i).isEqualTo(bfloat16(src[i]));
            }
        }
        assertThat(((Map<?, ?>) cast).containsKey("n")).isTrue();
        assertThat(((Map<?, ?>) cast).get("n")).isNull();
        TreeLike module = () -> map("w", w0);
        assertThat(Tree.map(x -> x, module)).isEqualTo(map("w", w0));
        assertThat(Tree.map(x -> x, new Object[] {w0, b0})).isEqualTo(List.of(w0, b0));
        assertThat(Tree.map(x -> head, emb)).isSameAs(head);
        assertThatThrownBy(() -> Tree.map(x -> x, map("k", 1.5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("map").hasMessageContaining("'k'");
    }

    record Owner(Array inside) implements AutoCloseable {
        @Override
        public void close() { }
    }

    @Test
    void forEachLeafHandsOverWholeWhatIsLeafSaysAndWalksTheRest() {
        Array a = arr(2), b = arr(3), c = arr(1);
        Owner owner = new Owner(c);
        List<Object> leaves = new ArrayList<>();
        Tree.forEachLeaf(map("x", a, "rest", List.of(java.util.Optional.of(b), "name", 7, owner)),
                o -> o instanceof Owner, leaves::add);
        assertThat(leaves).containsExactly(a, b, "name", 7, owner);
        leaves.clear();
        Tree.forEachLeaf(List.of(owner), o -> false, leaves::add);
        assertThat(leaves).containsExactly(c);
    }

    @Test
    void aCycleIsReportedNotAStackOverflow() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(arr(1));
        cycle.add(cycle);
        assertThatThrownBy(() -> Tree.arrays(cycle)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deeper than 256");
        assertThatThrownBy(() -> Tree.map(x -> x, cycle)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deeper than 256");
    }
}
