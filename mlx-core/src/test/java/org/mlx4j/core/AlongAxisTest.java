package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.GoldenText.*;
import static org.mlx4j.core.TestArrays.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlx4j.core.graph.ScatterOp;

/**
 * {@link Mx#takeAlongAxis} and {@link Mx#putAlongAxis} called through the public API against NumPy's
 * {@code take_along_axis}, {@code put_along_axis} and {@code np.add.at} (golden/along_axis_golden.py).
 */
class AlongAxisTest {

    record Case(String kind, int axis, int[] shape, double[] src, int[] idxShape, int[] idx, int[] valShape, double[] vals,
                int[] outShape, double[] out, String line) {
        @Override
        public String toString() {
            return kind + " axis " + axis + " src " + Arrays.toString(shape) + " indices " + Arrays.toString(idxShape);
        }
    }

    static Stream<Case> cases() throws IOException {
        try (InputStream in = AlongAxisTest.class.getResourceAsStream("/golden/along_axis_golden.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Case> cases = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank()) continue;
                String[] f = line.split(" \\| ", -1);
                String kind = f[0].trim();
                int axis = Integer.parseInt(f[1].trim());
                if (kind.equals("take")) {
                    cases.add(new Case(kind, axis, ints(f[2]), doubles(f[3]), ints(f[4]), ints(f[5]), null, null,
                            ints(f[6]), doubles(f[7]), line));
                } else {
                    cases.add(new Case(kind, axis, ints(f[2]), doubles(f[3]), ints(f[4]), ints(f[5]), ints(f[6]), doubles(f[7]),
                            ints(f[8]), doubles(f[9]), line));
                }
            }
            return cases.stream();
        }
    }



    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesNumpy(Case c) {
        Array src = Mx.array(c.src, DType.FLOAT32, c.shape);
        Array idx = Mx.array(c.idx, c.idxShape);
        Array result = switch (c.kind) {
            case "take" -> Mx.takeAlongAxis(src, idx, c.axis);
            case "put" -> Mx.putAlongAxis(src, idx, Mx.array(c.vals, DType.FLOAT32, c.valShape), c.axis);
            case "putadd" -> Mx.putAlongAxis(src, idx, Mx.array(c.vals, DType.FLOAT32, c.valShape), c.axis, ScatterOp.ADD);
            default -> throw new IllegalStateException(c.kind);
        };
        if (c.kind.equals("putadd")) assertClose(result, DType.FLOAT32, c.outShape, c.out); // summed in float32
        else assertClose(result, DType.FLOAT32, c.outShape, c.out, 0, 0);                  // copies are exact
    }

    @Test
    void integerArraysKeepTheirDtypeAndInt64IndicesWork() {
        Array a = Mx.array(new int[] {5, 6, 7, 8, 9, 10}, 2, 3);
        Array idx = Mx.array(new long[] {2, 0, 1, 1}, 2, 2);
        assertExact(Mx.takeAlongAxis(a, idx, 1), DType.INT32, shape(2, 2), 7, 5, 9, 9);
        Array put = Mx.putAlongAxis(a, Mx.array(new long[] {0, 2}, 2, 1), Mx.array(new int[] {-1}), 1);
        assertExact(put, DType.INT32, shape(2, 3), -1, 6, 7, 8, 9, -1);
    }

    @Test
    void putAlongAxisLeavesItsInputAlone() {
        Array a = Mx.array(new float[] {1, 2, 3});
        Array put = Mx.putAlongAxis(a, Mx.array(new int[] {1}), Mx.array(new float[] {9}), 0);
        assertExact(put, DType.FLOAT32, shape(3), 1, 9, 3);
        assertExact(a, DType.FLOAT32, shape(3), 1, 2, 3);
    }

    @Test
    void badInputsNameTheOp() {
        Array a = Mx.zeros(3, 4);
        assertFailsWith(() -> Mx.takeAlongAxis(a, Mx.array(new int[] {0, 1}), 1), "takeAlongAxis", "2 dimensions");
        assertFailsWith(() -> Mx.takeAlongAxis(a, Mx.zeros(3, 1), 1), "takeAlongAxis", "integers", "float32");
        assertFailsWith(() -> Mx.takeAlongAxis(a, Mx.zeros(new int[] {3, 1}, DType.INT32), 2), "takeAlongAxis", "axis 2");
        assertFailsWith(() -> Mx.takeAlongAxis(a, Mx.zeros(new int[] {2, 1}, DType.INT32), 1), "takeAlongAxis");
        assertFailsWith(() -> Mx.putAlongAxis(a, Mx.array(new int[] {0}), Mx.zeros(1), 0), "putAlongAxis", "2 dimensions");
        assertFailsWith(() -> Mx.putAlongAxis(a, Mx.zeros(new int[] {2, 1}, DType.INT32), Mx.zeros(2, 1), 1),
                "putAlongAxis", "(2, 1)", "(3, 4)");
        assertThat(a.shape()).containsExactly(3, 4);
    }
}
