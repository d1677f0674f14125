package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.GradientChecks.*;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradients through Sort (and topk's partition) and the Scan family (cumsum, cumprod, cummax, cummin,
 * logcumsumexp; forward and reverse, inclusive and exclusive), checked against central finite
 * differences in FLOAT64. Inputs avoid ties (sorts, running extremes) and zeros (cumprod), where the
 * function has no derivative to compare with.
 */
class SortScanGradientTest {

    @ParameterizedTest(name = "sort along axis {0}")
    @ValueSource(ints = {0, 1, -1})
    void sortGradientRoutesEachCotangentBackToItsElement(int axis) {
        Random rng = new Random(300 + axis);
        Sample x = distinct64(rng, 0.25, 4, 5);
        checkUnaryVjp(a -> Mx.sort(a, axis), rng, x);
    }

    @Test
    void sortGradientOfAThreeDimensionalArray() {
        Random rng = new Random(304);
        Sample x = distinct64(rng, 0.25, 2, 3, 4);
        checkUnaryVjp(a -> Mx.sort(a, 1), rng, x);
        checkUnaryVjp(Mx::sort, rng, x);
    }

    @ParameterizedTest(name = "topk along axis {0}")
    @ValueSource(ints = {0, 1})
    void topkGradientReachesOnlyTheSelectedElements(int axis) {
        Random rng = new Random(305 + axis);
        Sample x = distinct64(rng, 0.25, 4, 6);
        checkUnaryVjp(a -> Mx.topk(a, 3, axis), rng, x);
    }

    record ScanCase(String op, int[] shape, int axis, boolean reverse, boolean inclusive) {
        @Override
        public String toString() {
            return op + " shape " + java.util.Arrays.toString(shape) + " axis " + axis + (reverse ? " reverse" : "")
                    + (inclusive ? " inclusive" : " exclusive");
        }

        Array apply(Array a) {
            return switch (op) {
                case "cumsum" -> Mx.cumsum(a, axis, reverse, inclusive);
                case "cumprod" -> Mx.cumprod(a, axis, reverse, inclusive);
                case "cummax" -> Mx.cummax(a, axis, reverse, inclusive);
                case "cummin" -> Mx.cummin(a, axis, reverse, inclusive);
                case "logcumsumexp" -> Mx.logcumsumexp(a, axis, reverse, inclusive);
                default -> throw new IllegalArgumentException(op);
            };
        }

        Sample input(Random rng) {
            return switch (op) {
                case "cumprod" -> {
                    double[] v = awayFromZero(rng, size(shape), 0.5, 1.5);
                    yield new Sample(f64(v, shape), v, shape);
                }
                case "cummax", "cummin" -> distinct64(rng, 0.25, shape);
                default -> sample64(rng, -2, 2, shape);
            };
        }
    }

    static Stream<ScanCase> scans() {
        List<ScanCase> cases = new ArrayList<>();
        for (String op : List.of("cumsum", "cumprod", "cummax", "cummin", "logcumsumexp")) {
            boolean[] inclusive = op.startsWith("cumm") ? new boolean[] {true} : new boolean[] {true, false};
            for (boolean inc : inclusive) {
                for (boolean rev : new boolean[] {false, true}) {
                    cases.add(new ScanCase(op, shape(3, 5), 1, rev, inc));
                    cases.add(new ScanCase(op, shape(4, 3), 0, rev, inc));
                }
                cases.add(new ScanCase(op, shape(2, 3, 4), -2, false, inc));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scans")
    void scanGradientMatchesFiniteDifferences(ScanCase c) {
        Random rng = new Random(c.toString().hashCode());
        Sample x = c.input(rng);
        // an exclusive logcumsumexp starts at -inf; its exponential keeps the objective finite
        Function<Array, Array> f = c.op.equals("logcumsumexp") && !c.inclusive ? a -> Mx.exp(c.apply(a)) : c::apply;
        checkUnaryVjp(f, rng, x);
    }

    @Test
    void cumsumGradientIsTheReversedCumsumOfTheWeights() {
        Random rng = new Random(310);
        Sample w = sample64(rng, -1, 1, 6);
        Array g = Mx.grad((Array a) -> Mx.cumsum(a, 0).multiply(w.array()).sum()).apply(Mx.zeros(new int[] {6}, DType.FLOAT64));
        double[] expected = new double[6];
        for (int j = 0; j < 6; j++) for (int i = j; i < 6; i++) expected[j] += w.values()[i];
        assertClose(g, DType.FLOAT64, shape(6), expected);
    }

    @Test
    void float32InputsGetFloat32GradientsOfTheSameValue() {
        Random rng = new Random(311);
        Sample x64 = distinct64(rng, 0.25, 3, 4);
        Array x32 = Mx.array(storedAs(DType.FLOAT32, x64.values()), DType.FLOAT32, 3, 4);
        Array x64rounded = f64(storedAs(DType.FLOAT32, x64.values()), 3, 4);
        List<Function<Array, Array>> ops = List.of(a -> Mx.sort(a, 0), a -> Mx.cumsum(a, 1), a -> Mx.cumprod(a.exp(), 1),
                a -> Mx.cummax(a, 0, true, true), a -> Mx.cummin(a, 1, false, true), a -> Mx.logcumsumexp(a, 1, false, true),
                a -> Mx.take(a, Mx.array(new int[] {2, 0, 2}), 0), a -> Mx.takeAlongAxis(a, Mx.array(new int[] {3, 3, 0}, 3, 1), 1));
        for (Function<Array, Array> op : ops) {
            int[] outShape = op.apply(x32).shape();
            Array w = f64(uniform(rng, size(outShape), -1, 1), outShape);
            Array w32 = w.astype(DType.FLOAT32), w64 = w32.astype(DType.FLOAT64);
            Array g32 = Mx.grad((Array a) -> op.apply(a).multiply(w32).sum()).apply(x32);
            Array g64 = Mx.grad((Array a) -> op.apply(a).multiply(w64).sum()).apply(x64rounded);
            assertClose(g32, DType.FLOAT32, shape(3, 4), g64.toDoubleArray(), 1e-5, 1e-5);
        }
    }

    @Test
    void unsupportedScanGradientsNameThePrimitive() {
        Array x = Mx.array(new float[] {1, 3, 2});
        Fn exclusiveMax = a -> List.of(Mx.cummax(a.get(0), 0, false, false));
        assertFailsWith(() -> Mx.vjp(exclusiveMax, List.of(x), List.of(Mx.ones(3))), "CumMax", "exclusive");
        Fn exclusiveMin = a -> List.of(Mx.cummin(a.get(0), 0, true, false));
        assertFailsWith(() -> Mx.vjp(exclusiveMin, List.of(x), List.of(Mx.ones(3))), "CumMin", "exclusive");
        assertThat(x.shape()).containsExactly(3);
    }
}
