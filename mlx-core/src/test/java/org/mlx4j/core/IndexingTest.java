package org.mlx4j.core;

import static org.assertj.core.api.Assertions.*;
import static org.mlx4j.core.GoldenText.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Indexing against NumPy golden results (src/test/resources/golden/indexing_golden.py). */
class IndexingTest {

    record Case(String kind, int[] shape, Object[] items, float[] value, int[] valueShape, int[] outShape, float[] out, String line) {
        @Override
        public String toString() { return line; }
    }

    static Stream<Case> cases() throws IOException {
        try (InputStream in = IndexingTest.class.getResourceAsStream("/golden/indexing_golden.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Case> cases = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank()) continue;
                String[] f = line.split(" \\| ", -1);
                String kind = f[0].trim();
                int[] shape = ints(f[1]);
                Object[] items = items(f[2]);
                float[] value = null;
                int[] valueShape = null;
                int k = 3;
                if (!f[3].trim().equals("-")) {
                    valueShape = ints(f[3]);
                    value = floats(f[4]);
                    k = 5;
                } else {
                    k = 4;
                }
                cases.add(new Case(kind, shape, items, value, valueShape, ints(f[k]), floats(f[k + 1]), line));
            }
            return cases.stream();
        }
    }



    private static Object[] items(String s) {
        List<Object> out = new ArrayList<>();
        for (String it : s.trim().split(";")) {
            if (it.equals("N")) out.add(Index.NEW_AXIS);
            else if (it.equals("E")) out.add(Index.ELLIPSIS);
            else if (it.startsWith("i:")) out.add(Integer.parseInt(it.substring(2)));
            else if (it.startsWith("s:")) {
                String[] p = it.substring(2).split(":", -1);
                out.add(Slice.of(p[0].isEmpty() ? null : Integer.valueOf(p[0]), p[1].isEmpty() ? null : Integer.valueOf(p[1]),
                        p[2].isEmpty() ? 1 : Integer.parseInt(p[2])));
            } else {
                String[] p = it.substring(2).split(":");
                int[] shape = ints(p[0]);
                int[] values = ints(p[1]);
                if (it.startsWith("m:")) {
                    boolean[] b = new boolean[values.length];
                    for (int i = 0; i < b.length; i++) b[i] = values[i] != 0;
                    out.add(Mx.array(b, shape));
                } else {
                    out.add(Mx.array(values, shape));
                }
            }
        }
        return out.toArray();
    }

    private static Array source(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return Mx.arange(0, n, 1).reshape(shape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesNumpy(Case c) {
        Array x = source(c.shape);
        Array result = switch (c.kind) {
            case "get" -> x.get(c.items);
            case "set" -> {
                Array before = x;
                Array v = c.valueShape.length == 0 ? Mx.array(c.value[0]) : Mx.array(c.value, c.valueShape);
                Array r = x.set(c.items, v);
                assertThat(r).isSameAs(before); // the handle is rebound, not replaced
                yield r;
            }
            case "add" -> x.at(c.items).add(Mx.array(c.value[0]));
            default -> throw new IllegalStateException(c.kind);
        };
        assertThat(result.shape()).as("shape").containsExactly(c.outShape);
        assertThat(result.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(result.toFloatArray()).as("values").containsExactly(c.out);
    }

    @Test
    void stringSyntaxMatchesObjectSyntax() {
        Array x = source(new int[] {2, 3, 4});
        assertThat(x.get("1:, ..., None, ::-1").toFloatArray()).containsExactly(
                x.get(Slice.from(1), Index.ELLIPSIS, Index.NEW_AXIS, Slice.step(-1)).toFloatArray());
        assertThat(x.get("1, 2").shape()).containsExactly(4);
        assertThat(x.get("-1, -1, -1").floatValue()).isEqualTo(23f);
        Array y = source(new int[] {3});
        y.set("0", 10.0);
        assertThat(y.toFloatArray()).containsExactly(10, 1, 2);
    }

    @Test
    void functionalUpdatesLeaveTheOriginalAlone() {
        Array x = source(new int[] {4});
        Array y = x.at("1:3").multiply(10.0);
        assertThat(y.toFloatArray()).containsExactly(0, 10, 20, 3);
        assertThat(x.toFloatArray()).containsExactly(0, 1, 2, 3);
        assertThat(x.at(Mx.array(new int[] {0, 0})).subtract(1.0).toFloatArray()).containsExactly(-2, 1, 2, 3);
    }

    @Test
    void badIndicesGiveClearErrors() {
        Array x = source(new int[] {3, 4});
        assertThatThrownBy(() -> x.get("5")).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 5 is out of bounds for axis 0 with size 3");
        assertThatThrownBy(() -> x.get("0, 0, 0")).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("too many indices").hasMessageContaining("2-dimensional");
        assertThatThrownBy(() -> x.get("a:b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a:b");
        assertThatThrownBy(() -> x.get("..., ...")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ellipsis");
        assertThatThrownBy(() -> x.get(Mx.array(new float[] {1f}))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("integer or boolean").hasMessageContaining("float32");
        assertThatThrownBy(() -> x.get(Mx.array(new int[] {7})).eval()).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("7");
        assertThatThrownBy(() -> x.set("0", Mx.zeros(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(5,)").hasMessageContaining("(4,)");
    }
}
