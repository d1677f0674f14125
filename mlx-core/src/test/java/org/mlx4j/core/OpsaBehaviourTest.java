package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Dtypes, shapes, errors and the interop and compile stories of the op-surface ops, against plain float64 code. */
class OpsaBehaviourTest {
    private final Random rng = new Random(2026);

    @Test
    void asarrayFollowsMlxDtypesForJavaValues() {
        assertShape(Mx.asarray(List.of(List.of(1, 2, 3), List.of(4, 5, 6))), DType.INT32, 2, 3);
        assertShape(Mx.asarray(new float[][] {{1, 2}, {3, 4}, {5, 6}}), DType.FLOAT32, 3, 2);
        assertShape(Mx.asarray(new long[] {1, 2}), DType.INT64, 2);
        assertShape(Mx.asarray(List.of(true, false)), DType.BOOL, 2);
        assertShape(Mx.asarray(List.of(1, 2.5)), DType.FLOAT32, 2);
        assertShape(Mx.asarray(3), DType.INT32);
        assertShape(Mx.asarray(List.of()), DType.FLOAT32, 0);
        assertShape(Mx.asarray(List.of(1, 2), DType.FLOAT16), DType.FLOAT16, 2);
        assertThat(Mx.asarray(new Object[] {new int[] {1, 2}, List.of(3, 4)}).toIntArray()).containsExactly(1, 2, 3, 4);
        Array a = Mx.ones(2, 2);
        assertThat(Mx.asarray(a)).isSameAs(a);
        Array stacked = Mx.asarray(List.of(List.of(a, Mx.zeros(new int[] {2, 2}, DType.FLOAT16)), List.of(a, a)));
        assertShape(stacked, DType.FLOAT32, 2, 2, 2, 2);
        assertThat(stacked.toFloatArray()[4]).isEqualTo(0f);
        assertShape(Mx.asarray(List.of(Mx.array(1), Mx.array(2)), DType.INT8), DType.INT8, 2);
        assertFailsWith(() -> Mx.asarray(List.of(Mx.ones(2), Mx.ones(3))), "(2,)", "(3,)");
        assertFailsWith(() -> Mx.asarray(List.of(List.of(1, 2), List.of(3))), "asarray", "rectangular");
        assertFailsWith(() -> Mx.asarray(List.of("x")), "asarray", "String");
        assertFailsWith(() -> Mx.asarray(null), "asarray", "null");
    }

    @Test
    void memorySegmentsRoundTripEveryDtype() {
        for (DType t : DType.values()) {
            Sample s = sample(rng, t == DType.COMPLEX64 ? DType.FLOAT32 : t, -50, 50, 3, 4);
            Array a = t == DType.COMPLEX64 ? s.array().astype(t) : s.array();
            Array strided = a.transpose(); // not contiguous: the copy is row-major in the transposed shape
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment seg = Mx.toMemorySegment(strided, arena);
                assertThat(seg.byteSize()).isEqualTo(12L * t.size());
                Array back = Mx.array(seg, t, 4, 3);
                assertThat(Mx.arrayEqual(back, strided).booleanValue()).as("%s round trip", t).isTrue();
            }
        }
        Array f = Mx.array(new float[] {1.5f, -2f});
        MemorySegment dst = MemorySegment.ofArray(new float[3]);
        MemorySegment written = Mx.copyToSegment(f, dst);
        assertThat(written.byteSize()).isEqualTo(8);
        assertThat(dst.getAtIndex(ValueLayout.JAVA_FLOAT, 1)).isEqualTo(-2f);
        assertFailsWith(() -> Mx.copyToSegment(f, MemorySegment.ofArray(new float[1])), "copyToSegment", "4 bytes", "needs 8");
    }

    @Test
    void triangleAndWindowShapes() {
        assertShape(Mx.tri(3), DType.FLOAT32, 3, 3);
        assertExact(Mx.tri(2, 3, -1, DType.INT32), DType.INT32, shape(2, 3), 0, 0, 0, 1, 0, 0);
        assertExact(Mx.tril(Mx.ones(new int[] {2, 2}, DType.BOOL)), DType.BOOL, shape(2, 2), 1, 0, 1, 1);
        assertExact(Mx.triu(Mx.full(new int[] {2, 3}, 7, DType.UINT8), 1), DType.UINT8, shape(2, 3), 0, 7, 7, 0, 0, 7);
        assertFailsWith(() -> Mx.tril(Mx.ones(3)), "tril", "at least 2 dimensions", "(3,)");
        assertFailsWith(() -> Mx.tri(-1, 2, 0, DType.FLOAT32), "tri", ">= 0");
        assertShape(Mx.hanning(-3), DType.FLOAT32, 0);
    }

    @Test
    void truncAndLogicOverDtypes() {
        assertExact(Mx.trunc(Mx.array(new int[] {-3, 4})), DType.INT32, shape(2), -3, 4);
        double[] v = uniform(rng, 64, -40, 40);
        for (DType t : new DType[] {DType.FLOAT16, DType.BFLOAT16, DType.FLOAT32, DType.FLOAT64}) {
            double[] in = storedAs(t, v), want = new double[in.length];
            for (int i = 0; i < in.length; i++) want[i] = in[i] < 0 ? Math.ceil(in[i]) : Math.floor(in[i]);
            assertExact(Mx.trunc(array(in, t, 64)), t, shape(64), want);
            // the fused form (compile) agrees with the eager kernel
            assertExact(Mx.compile((Array x) -> Mx.trunc(Mx.multiply(x, 1.0))).apply(array(in, t, 64)), t, shape(64), want);
        }
        assertExact(Mx.trunc(Mx.array(new double[] {-0.0, Double.NaN, Double.NEGATIVE_INFINITY}, DType.FLOAT64, 3)),
                DType.FLOAT64, shape(3), -0.0, Double.NaN, Double.NEGATIVE_INFINITY);
        assertFailsWith(() -> Mx.trunc(Mx.array(new float[] {1}).astype(DType.COMPLEX64)), "trunc", "complex64");
        Array a = Mx.array(new double[] {0, 2, 0, -1}, DType.FLOAT32, 4), b = Mx.array(new int[] {0, 0, 5, 3});
        assertBools(Mx.logicalXor(a, b), shape(4), false, true, true, false);
        assertBools(Mx.logicalXor(b, true), shape(4), true, true, false, false);
        assertBools(Mx.isposinf(Mx.array(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1})), shape(3), true, false, false);
        assertBools(Mx.isneginf(Mx.array(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1})), shape(3), false, true, false);
        assertBools(Mx.isposinf(Mx.array(new int[] {1})), shape(1), false);
        assertExact(Mx.nanToNum(Mx.array(new double[] {Double.POSITIVE_INFINITY}, DType.FLOAT16, 1)), DType.FLOAT16, shape(1), 65504);
        Array ints = Mx.array(new int[] {1, 2});
        assertThat(Mx.nanToNum(ints)).isSameAs(ints);
        assertThat(Mx.positive(ints)).isSameAs(ints);
        assertFailsWith(() -> Mx.positive(Mx.array(true)), "positive", "bool");
    }

    @Test
    void closenessAndEquality() {
        Array a = Mx.array(new float[] {1, 2, 3}), b = Mx.array(new float[] {1, 2, 3.00001f});
        assertThat(Mx.allclose(a, b).booleanValue()).isTrue();
        assertThat(Mx.allclose(a, b, 0, 1e-7).booleanValue()).isFalse();
        assertThat(Mx.arrayEqual(a, b).booleanValue()).isFalse();
        assertThat(Mx.arrayEqual(a, Mx.array(new int[] {1, 2, 3})).booleanValue()).isTrue();
        assertThat(Mx.arrayEqual(a, Mx.array(new float[] {1, 2})).booleanValue()).isFalse();
        Array nan = Mx.array(new float[] {Float.NaN});
        assertThat(Mx.arrayEqual(nan, nan).booleanValue()).isFalse();
        assertThat(Mx.arrayEqual(nan, nan, true).booleanValue()).isTrue();
        assertThat(Mx.allclose(nan, nan, 1e-5, 1e-8, true).booleanValue()).isTrue();
        assertShape(Mx.isclose(Mx.ones(2, 1), Mx.ones(3)), DType.BOOL, 2, 3);
        assertFailsWith(() -> Mx.isclose(Mx.ones(2), Mx.ones(3)), "isclose", "(2,)", "(3,)");
    }

    @Test
    void shapeOpsAgainstPlainLoops() {
        double[] v = uniform(rng, 24, -1, 1);
        Array x = Mx.array(v, DType.FLOAT64, 2, 3, 4);
        // flip reverses: element (i, j, k) of flip(x, 1) is x[i, 2 - j, k]
        double[] want = new double[24];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) want[i * 12 + j * 4 + k] = v[i * 12 + (2 - j) * 4 + k];
        assertClose(Mx.flip(x, 1), DType.FLOAT64, shape(2, 3, 4), want, 0, 0);
        assertShape(Mx.flatten(x, 0, 1), DType.FLOAT64, 6, 4);
        assertShape(Mx.flatten(x, -2, -1), DType.FLOAT64, 2, 12);
        assertShape(Mx.flatten(Mx.array(3)), DType.INT32, 1);
        assertShape(Mx.unflatten(x, -1, 2, 2), DType.FLOAT64, 2, 3, 2, 2);
        assertShape(Mx.atleast1d(Mx.array(1f)), DType.FLOAT32, 1);
        assertShape(Mx.atleast2d(Mx.ones(3)), DType.FLOAT32, 1, 3);
        assertShape(Mx.atleast3d(Mx.ones(2, 3)), DType.FLOAT32, 2, 3, 1);
        assertShape(Mx.atleast3d(Mx.array(1f)), DType.FLOAT32, 1, 1, 1);
        List<Array> parts = Mx.unstack(x, 2);
        assertThat(parts).hasSize(4);
        assertShape(parts.get(3), DType.FLOAT64, 2, 3);
        assertThat(Mx.unstack(Mx.zeros(0, 2))).isEmpty();
        assertThat(Mx.broadcastShapes(new int[] {3, 1}, new int[] {4}, new int[] {1, 1, 1})).containsExactly(1, 3, 4);
        List<Array> b = Mx.broadcastArrays(Mx.ones(3, 1), Mx.zeros(new int[] {2}, DType.INT8));
        assertShape(b.get(0), DType.FLOAT32, 3, 2);
        assertShape(b.get(1), DType.INT8, 3, 2);
        assertShape(Mx.repeat(Mx.ones(new int[] {2, 3}, DType.BOOL), 0, 1), DType.BOOL, 2, 0);
        assertShape(Mx.tile(Mx.array(1), 2, 2), DType.INT32, 2, 2);
        assertExact(Mx.roll(Mx.arange(5), 7, 0), DType.INT32, shape(5), 3, 4, 0, 1, 2);
        assertExact(Mx.pad(Mx.arange(3), 2), DType.INT32, shape(7), 0, 0, 0, 1, 2, 0, 0);
        assertExact(Mx.pad(Mx.array(new int[] {1, 2}), new int[][] {{4, 1}}, "reflect", 0), DType.INT32, shape(7), 1, 2, 1, 2, 1, 2, 1);
        assertExact(Mx.pad(Mx.array(new int[] {5}), new int[][] {{2, 1}}, "reflect", 0), DType.INT32, shape(4), 5, 5, 5, 5);
        assertExact(Mx.trace(Mx.array(new int[] {1, 2, 3, 4}, 2, 2), 0, 0, 1, DType.FLOAT32), DType.FLOAT32, shape(), 5);
        assertShape(Mx.diagonal(Mx.ones(2, 3), 5, 0, 1), DType.FLOAT32, 0);
        assertShape(Mx.diag(Mx.zeros(0)), DType.FLOAT32, 0, 0);
        assertExact(Mx.view(Mx.array(1f), DType.INT32), DType.INT32, shape(), 1065353216);
        assertExact(Mx.view(Mx.array(new int[] {258}), DType.UINT8), DType.UINT8, shape(4), 2, 1, 0, 0);
        assertExact(Mx.view(Mx.array(new int[] {1, 2}).astype(DType.UINT8), DType.BOOL), DType.BOOL, shape(2), 1, 1); // a nonzero byte reads as true
    }

    @Test
    void flippedViewsFeedEveryConsumer() {
        double[] av = uniform(rng, 12, -1, 1), bv = uniform(rng, 8, -1, 1);
        Array a = Mx.array(av, DType.FLOAT32, 3, 4), b = Mx.array(bv, DType.FLOAT32, 4, 2);
        double[] want = new double[6];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 4; k++) want[i * 2 + j] += storedAs(DType.FLOAT32, av[(2 - i) * 4 + (3 - k)]) * storedAs(DType.FLOAT32, bv[k * 2 + j]);
            }
        }
        Array flipped = Mx.flip(a);
        assertClose(Mx.matmul(flipped, b), DType.FLOAT32, shape(3, 2), want, 1e-5, 1e-6);
        assertThat(Mx.reshape(flipped, 12).toFloatArray()).containsExactly(Mx.contiguous(flipped).reshape(12).toFloatArray());
        assertThat(Mx.view(flipped, DType.INT32).toIntArray()).containsExactly(Mx.view(Mx.contiguous(flipped), DType.INT32).toIntArray());
        assertExact(Mx.sum(Mx.flip(Mx.arange(5)), 0), DType.INT32, shape(), 10);
        assertExact(Mx.cumsum(Mx.flip(Mx.arange(4)), 0), DType.INT32, shape(4), 3, 5, 6, 6);
    }

    @Test
    void viewAndContiguousUnderVmapAndCompile() {
        Array x = Mx.array(uniform(rng, 24, -1, 1), DType.FLOAT32, 3, 8);
        Array viaVmap = Mx.vmap((Array r) -> Mx.view(r, DType.UINT16), 0, 0).apply(x);
        assertShape(viaVmap, DType.UINT16, 3, 16);
        assertThat(viaVmap.toIntArray()).containsExactly(Mx.view(x, DType.UINT16).toIntArray());
        Array viaVmapCols = Mx.vmap((Array c) -> Mx.view(c, DType.INT32), 1, 0).apply(x);
        assertThat(viaVmapCols.toIntArray()).containsExactly(Mx.view(Mx.contiguous(Mx.transpose(x)), DType.INT32).toIntArray());
        Array compiled = Mx.compile((Array r) -> Mx.view(Mx.contiguous(Mx.transpose(Mx.multiply(r, 2.0))), DType.UINT8)).apply(x);
        assertThat(compiled.toIntArray()).containsExactly(Mx.view(Mx.contiguous(Mx.transpose(Mx.multiply(x, 2.0))), DType.UINT8).toIntArray());
        assertFailsWith(() -> Mx.grad((Array r) -> Mx.sum(Mx.view(r, DType.INT32).astype(DType.FLOAT32))).apply(x), "view", "no derivative");
    }

    @Test
    void badShapeInputsNameTheOp() {
        Array x = Mx.ones(2, 3);
        assertFailsWith(() -> Mx.flatten(x, 1, 0), "flatten", "start axis 1", "end axis 0");
        assertFailsWith(() -> Mx.unflatten(x, 1, 2, 2), "unflatten", "extent 3");
        assertFailsWith(() -> Mx.flip(x, 2), "flip", "axis 2");
        assertFailsWith(() -> Mx.repeat(x, -1, 0), "repeat", ">= 0");
        assertFailsWith(() -> Mx.tile(x, -2), "tile", ">= 0");
        assertFailsWith(() -> Mx.pad(x, new int[][] {{1, 1}, {1, 1}}, "wrap", 0), "pad", "wrap", "constant, edge, reflect, symmetric");
        assertFailsWith(() -> Mx.pad(x, new int[][] {{1, 1}, {1, 1}, {1, 1}}, "constant", 0), "pad", "per axis", "(2, 3)");
        assertFailsWith(() -> Mx.pad(x, new int[][] {{-1, 1}}), "pad", ">= 0");
        assertFailsWith(() -> Mx.pad(Mx.zeros(0, 2), new int[][] {{1, 1}}, "edge", 0), "pad", "empty axis 0");
        assertFailsWith(() -> Mx.diagonal(x, 0, 1, 1), "diagonal", "must differ");
        assertFailsWith(() -> Mx.diag(Mx.ones(2, 2, 2)), "diag", "1-d or 2-d");
        assertFailsWith(() -> Mx.asStrided(x, new int[] {3}, new long[] {3}, 0), "asStrided", "element 6", "6 elements");
        assertFailsWith(() -> Mx.view(Mx.array(1f), DType.UINT8), "view", "0-d", "float32", "uint8");
        assertFailsWith(() -> Mx.view(Mx.ones(new int[] {3}, DType.UINT8), DType.INT16), "view", "3 bytes", "int16");
        assertFailsWith(() -> Mx.median(Mx.zeros(0)), "median", "empty");
        assertFailsWith(() -> Mx.searchsorted(x, Mx.ones(2)), "searchsorted", "1-d", "(2, 3)");
        assertFailsWith(() -> Mx.searchsorted(Mx.ones(2), Mx.ones(2), "middle"), "searchsorted", "left", "right");
        assertFailsWith(() -> Mx.diff(Mx.array(1f)), "diff", "0-d");
        assertFailsWith(() -> Mx.diff(Mx.ones(3), -1, 0), "diff", ">= 0");
        assertFailsWith(() -> Mx.meshgrid(List.of(Mx.ones(2)), false, "xz"), "meshgrid", "'xy' or 'ij'");
        assertFailsWith(() -> Mx.slice(x, Mx.array(new float[] {1}), new int[] {0}, new int[] {1, 3}), "slice", "integers", "float32");
        assertFailsWith(() -> Mx.slice(x, Mx.array(new int[] {1, 1}), new int[] {0}, new int[] {1, 3}), "slice", "one index per axis");
        assertFailsWith(() -> Mx.slice(x, Mx.array(1), new int[] {0}, new int[] {3, 3}), "slice", "does not fit");
        assertFailsWith(() -> Mx.sliceUpdate(x, Mx.ones(3), Mx.array(1), new int[] {0}), "sliceUpdate", "rank");
    }

    @Test
    void medianCountAndSearchAgainstPlainCode() {
        double[] v = uniform(rng, 35, -5, 5);
        Array x = Mx.array(v, DType.FLOAT32, 5, 7);
        double[] want = new double[5];
        int[] nonzero = new int[7];
        for (int i = 0; i < 5; i++) {
            double[] row = java.util.Arrays.copyOfRange(storedAs(DType.FLOAT32, v), i * 7, i * 7 + 7);
            java.util.Arrays.sort(row);
            want[i] = row[3];
        }
        assertClose(Mx.median(x, 1), DType.FLOAT32, shape(5), want, 0, 0);
        Array rounded = Mx.round(x);
        double[] r = rounded.toDoubleArray();
        for (int i = 0; i < 35; i++) if (r[i] != 0) nonzero[i % 7]++;
        assertExact(Mx.countNonzero(rounded, new int[] {0}, true), DType.INT32, shape(1, 7), java.util.Arrays.stream(nonzero).asDoubleStream().toArray());
        Array withNan = Mx.array(new float[] {1, Float.NaN, 3});
        assertThat(Double.isNaN(Mx.median(withNan).doubleValue())).isTrue();
        assertExact(Mx.searchsorted(Mx.array(new int[] {1, 3, 3, 7}), Mx.array(new int[] {0, 3, 8})), DType.INT32, shape(3), 0, 1, 4);
        assertExact(Mx.searchsorted(Mx.array(new int[] {1, 3, 3, 7}), Mx.array(3), "right"), DType.INT32, shape(), 3);
    }

    @Test
    void searchsortedIsABinarySearchOverDtypesAndUnderVmap() {
        for (DType t : new DType[] {DType.INT32, DType.UINT64, DType.INT8, DType.FLOAT32, DType.BFLOAT16}) {
            double[] sorted = storedAs(t, uniform(rng, 3000, 0, 100)), values = storedAs(t, uniform(rng, 2000, -5, 105));
            for (int i = 0; i < sorted.length; i++) sorted[i] = t.isInteger() ? Math.floor(sorted[i]) : sorted[i];
            for (int i = 0; i < values.length; i++) values[i] = t.isInteger() ? Math.max(0, Math.floor(values[i])) : values[i];
            java.util.Arrays.sort(sorted);
            double[] left = new double[values.length], right = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                for (double s : sorted) {
                    if (s < values[i]) left[i]++;
                    if (s <= values[i]) right[i]++;
                }
            }
            Array a = array(sorted, t, sorted.length), v = array(values, t, 40, 50).transpose(); // strided values
            double[] leftT = new double[2000], rightT = new double[2000];
            for (int i = 0; i < 50; i++) for (int j = 0; j < 40; j++) { leftT[i * 40 + j] = left[j * 50 + i]; rightT[i * 40 + j] = right[j * 50 + i]; }
            assertExact(Mx.searchsorted(a, v), DType.INT32, shape(50, 40), leftT);
            assertExact(Mx.searchsorted(a, v, "right"), DType.INT32, shape(50, 40), rightT);
        }
        // vmap: values mapped only, and sorted arrays mapped too, against a loop
        Array sortedRows = Mx.sort(Mx.array(uniform(rng, 3 * 7, -1, 1), DType.FLOAT32, 3, 7), 1);
        Array vals = Mx.array(uniform(rng, 3 * 5, -1.2, 1.2), DType.FLOAT32, 3, 5);
        Fn both = args -> List.of(Mx.searchsorted(args.get(0), args.get(1), "right"));
        Array got = Mx.vmap(both, new int[] {0, 0}, new int[] {0}).apply(List.of(sortedRows, vals)).get(0);
        Array first = Mx.take(sortedRows, Mx.array(0), 0);
        Array gotValuesOnly = Mx.vmap(both, new int[] {Mx.UNMAPPED, 0}, new int[] {0}).apply(List.of(first, vals)).get(0);
        for (int b = 0; b < 3; b++) {
            Array vb = Mx.take(vals, Mx.array(b), 0);
            assertThat(Mx.take(got, Mx.array(b), 0).toIntArray())
                    .containsExactly(Mx.searchsorted(Mx.take(sortedRows, Mx.array(b), 0), vb, "right").toIntArray());
            assertThat(Mx.take(gotValuesOnly, Mx.array(b), 0).toIntArray()).containsExactly(Mx.searchsorted(first, vb, "right").toIntArray());
        }
        assertShape(got, DType.INT32, 3, 5);
    }

    @Test
    void laplaceSamplesHaveTheDistributionsMoments() {
        Array s = org.mlx4j.core.Random.laplace(new int[] {200_000}, DType.FLOAT32, 1.5, 2.0, org.mlx4j.core.Random.key(7));
        assertShape(s, DType.FLOAT32, 200_000);
        double mean = Mx.mean(s).doubleValue(), var = Mx.var(s).doubleValue();
        assertThat(mean).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.03));
        assertThat(var).isCloseTo(8.0, org.assertj.core.data.Offset.offset(0.2)); // 2 b^2
        // the median absolute deviation of a Laplace distribution is b ln 2
        double mad = Mx.median(Mx.abs(Mx.subtract(s, 1.5))).doubleValue();
        assertThat(mad).isCloseTo(2.0 * Math.log(2), org.assertj.core.data.Offset.offset(0.03));
        // the same key gives the same samples; MLX's recipe from its uniform draw
        Array u = org.mlx4j.core.Random.uniform(Mx.array(Math.nextUp(-1.0f)), Mx.array(1f), new int[] {8}, DType.FLOAT32, org.mlx4j.core.Random.key(3));
        double[] uv = u.toDoubleArray(), expected = new double[8];
        for (int i = 0; i < 8; i++) expected[i] = (float) (Math.signum(uv[i]) * (float) Math.log1p(-Math.abs(uv[i])));
        assertClose(org.mlx4j.core.Random.laplace(new int[] {8}, org.mlx4j.core.Random.key(3)), DType.FLOAT32, shape(8), expected, 1e-6, 1e-7);
        assertShape(org.mlx4j.core.Random.laplace(new int[] {2}, DType.BFLOAT16, 0, 1, null), DType.BFLOAT16, 2);
        assertFailsWith(() -> org.mlx4j.core.Random.laplace(new int[] {2}, DType.INT32, 0, 1, null), "laplace", "int32");
    }

    /** A decode step of a KV cache: compiled once, writing and reading at a position given as data. */
    @Test
    void compiledDecodeStepWithDynamicSlices() {
        int heads = 2, maxLen = 8, dim = 3;
        Fn step = args -> {
            Array cache = args.get(0), kv = args.get(1), pos = args.get(2);
            Array updated = Mx.sliceUpdate(cache, kv, Mx.reshape(pos, 1), new int[] {1});
            Array window = Mx.slice(updated, Mx.reshape(Mx.subtract(pos, 1L), 1), new int[] {1}, new int[] {heads, 2, dim});
            return List.of(updated, Mx.sum(window, 1));
        };
        Fn compiled = Mx.compile(step);
        Array cache = Mx.zeros(new int[] {heads, maxLen, dim}, DType.FLOAT32);
        double[] plain = new double[heads * maxLen * dim];
        for (int t = 1; t < 6; t++) {
            double[] kv = uniform(rng, heads * dim, -1, 1);
            List<Array> out = compiled.apply(List.of(cache, Mx.array(kv, DType.FLOAT32, heads, 1, dim), Mx.array(t)));
            cache = out.get(0);
            double[] sums = new double[heads * dim];
            for (int h = 0; h < heads; h++) {
                for (int d = 0; d < dim; d++) {
                    plain[(h * maxLen + t) * dim + d] = storedAs(DType.FLOAT32, kv[h * dim + d]);
                    sums[h * dim + d] = plain[(h * maxLen + t - 1) * dim + d] + plain[(h * maxLen + t) * dim + d];
                }
            }
            assertClose(cache, DType.FLOAT32, shape(heads, maxLen, dim), plain, 0, 0);
            assertClose(out.get(1), DType.FLOAT32, shape(heads, dim), sums, 1e-6, 1e-7);
        }
    }

    @Test
    void dynamicSliceOutOfRangeFailsAtEvaluation() {
        Array a = Mx.arange(5);
        Array s = Mx.slice(a, Mx.array(4), new int[] {0}, new int[] {3});
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(s::toIntArray);
        assertThat(t).isNotNull();
        assertThat(String.valueOf(t.getMessage()) + t.getCause()).contains("gather");
    }
}
