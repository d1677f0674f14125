package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.nn.Ref.assertClose;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

class ActivationsTest {
    private static final int N = 64;

    /** Inputs in [-4, 4] away from the kinks at 0, +-0.5 and +-3, where finite differences are not defined. */
    static double[] inputs() {
        double[] x = Ref.uniform(40, N);
        for (int i = 0; i < N; i++) {
            x[i] *= 4;
            for (double kink : new double[] {0, 0.5, -0.5, 3, -3, 1, -1, 6}) {
                if (Math.abs(x[i] - kink) < 0.01) x[i] += 0.05;
            }
        }
        return x;
    }

    static double sigmoid(double v) { return 1 / (1 + Math.exp(-v)); }

    static double softplus(double v) { return Math.log1p(Math.exp(-Math.abs(v))) + Math.max(v, 0); }

    static double erf(double z) { // Abramowitz-Stegun 7.1.26 is too coarse; integrate the series instead
        double sum = 0, term = z;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -z * z / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    static Stream<Arguments> elementwise() {
        return Stream.of(
                Arguments.of("relu", (Function<Array, Array>) Activations::relu, (DoubleUnaryOperator) v -> Math.max(v, 0), new ReLU()),
                Arguments.of("relu6", (Function<Array, Array>) Activations::relu6, (DoubleUnaryOperator) v -> Math.min(Math.max(v, 0), 6), new ReLU6()),
                Arguments.of("leakyRelu", (Function<Array, Array>) x -> Activations.leakyRelu(x, 0.01), (DoubleUnaryOperator) v -> v > 0 ? v : 0.01 * v, new LeakyReLU()),
                Arguments.of("elu", (Function<Array, Array>) x -> Activations.elu(x, 1.0), (DoubleUnaryOperator) v -> v > 0 ? v : Math.expm1(v), new ELU()),
                Arguments.of("celu", (Function<Array, Array>) x -> Activations.celu(x, 1.0), (DoubleUnaryOperator) v -> Math.max(v, 0) + Math.expm1(Math.min(v, 0)), new CELU()),
                Arguments.of("selu", (Function<Array, Array>) Activations::selu, (DoubleUnaryOperator) v -> 1.0507 * (v > 0 ? v : 1.67326 * Math.expm1(v)), new SELU()),
                Arguments.of("silu", (Function<Array, Array>) Activations::silu, (DoubleUnaryOperator) v -> v * sigmoid(v), new SiLU()),
                Arguments.of("mish", (Function<Array, Array>) Activations::mish, (DoubleUnaryOperator) v -> v * Math.tanh(softplus(v)), new Mish()),
                Arguments.of("softplus", (Function<Array, Array>) Activations::softplus, (DoubleUnaryOperator) ActivationsTest::softplus, new Softplus()),
                Arguments.of("softsign", (Function<Array, Array>) Activations::softsign, (DoubleUnaryOperator) v -> v / (1 + Math.abs(v)), new Softsign()),
                Arguments.of("softshrink", (Function<Array, Array>) x -> Activations.softshrink(x, 0.5), (DoubleUnaryOperator) v -> Math.abs(v) > 0.5 ? v - Math.signum(v) * 0.5 : 0, new Softshrink()),
                Arguments.of("hardShrink", (Function<Array, Array>) x -> Activations.hardShrink(x, 0.5), (DoubleUnaryOperator) v -> Math.abs(v) > 0.5 ? v : 0, new Hardshrink()),
                Arguments.of("hardTanh", (Function<Array, Array>) x -> Activations.hardTanh(x, -1, 1), (DoubleUnaryOperator) v -> Math.min(Math.max(v, -1), 1), new HardTanh()),
                Arguments.of("hardswish", (Function<Array, Array>) Activations::hardswish, (DoubleUnaryOperator) v -> v * Math.min(Math.max(v + 3, 0), 6) / 6, new Hardswish()),
                Arguments.of("sigmoid", (Function<Array, Array>) Activations::sigmoid, (DoubleUnaryOperator) ActivationsTest::sigmoid, new Sigmoid()),
                Arguments.of("logSigmoid", (Function<Array, Array>) Activations::logSigmoid, (DoubleUnaryOperator) v -> -softplus(-v), new LogSigmoid()),
                Arguments.of("tanh", (Function<Array, Array>) Activations::tanh, (DoubleUnaryOperator) Math::tanh, new Tanh()),
                Arguments.of("gelu", (Function<Array, Array>) Activations::gelu, (DoubleUnaryOperator) v -> v * (1 + erf(v / Math.sqrt(2))) / 2, new GELU()),
                Arguments.of("geluApprox", (Function<Array, Array>) Activations::geluApprox,
                        (DoubleUnaryOperator) v -> 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))), new GELU("tanh")),
                Arguments.of("geluFastApprox", (Function<Array, Array>) Activations::geluFastApprox, (DoubleUnaryOperator) v -> v * sigmoid(1.702 * v), new GELU("fast")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwise")
    void matchesItsFormulaAndItsLayerAndHasFiniteDifferenceGradients(String name, Function<Array, Array> fn,
                                                                     DoubleUnaryOperator ref, UnaryLayer layer) {
        double[] x = inputs();
        double[] expected = new double[N];
        for (int i = 0; i < N; i++) expected[i] = ref.applyAsDouble(x[i]);
        Array x64 = Ref.f64(x, 8, 8);
        assertClose(fn.apply(x64), expected, new int[] {8, 8}, DType.FLOAT64, 1e-9);
        assertClose(fn.apply(Ref.f32(x, 8, 8)), expected, new int[] {8, 8}, DType.FLOAT32, 1e-5);
        assertClose(layer.forward(x64), expected, new int[] {8, 8}, DType.FLOAT64, 1e-9);
        double[] grad = Mx.grad((Array a) -> Mx.sum(fn.apply(a))).apply(x64).toDoubleArray();
        double h = 1e-6;
        for (int i = 0; i < N; i++) {
            double numeric = (ref.applyAsDouble(x[i] + h) - ref.applyAsDouble(x[i] - h)) / (2 * h);
            assertThat(grad[i]).as("%s'(%f)", name, x[i]).isCloseTo(numeric, Offset.offset(1e-5 * (1 + Math.abs(numeric))));
        }
    }

    @Test
    void axisActivationsNormaliseAlongTheAxis() {
        double[] x = inputs();
        Array a = Ref.f64(x, 4, 16);
        double[] soft = new double[N], logSoft = new double[N], softmin = new double[N];
        for (int r = 0; r < 4; r++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0, sumNeg = 0;
            for (int j = 0; j < 16; j++) max = Math.max(max, x[r * 16 + j]);
            for (int j = 0; j < 16; j++) sum += Math.exp(x[r * 16 + j] - max);
            for (int j = 0; j < 16; j++) sumNeg += Math.exp(-x[r * 16 + j]);
            for (int j = 0; j < 16; j++) {
                soft[r * 16 + j] = Math.exp(x[r * 16 + j] - max) / sum;
                logSoft[r * 16 + j] = x[r * 16 + j] - max - Math.log(sum);
                softmin[r * 16 + j] = Math.exp(-x[r * 16 + j]) / sumNeg;
            }
        }
        int[] shape = {4, 16};
        assertClose(new Softmax().forward(a), soft, shape, DType.FLOAT64, 1e-12);
        assertClose(new LogSoftmax().forward(a), logSoft, shape, DType.FLOAT64, 1e-12);
        assertClose(new Softmin().forward(a), softmin, shape, DType.FLOAT64, 1e-12);
        double[] glu = new double[32];
        for (int r = 0; r < 4; r++) for (int j = 0; j < 8; j++) glu[r * 8 + j] = x[r * 16 + j] * sigmoid(x[r * 16 + 8 + j]);
        assertClose(new GLU().forward(a), glu, new int[] {4, 8}, DType.FLOAT64, 1e-12);
        assertThatThrownBy(() -> Activations.glu(Ref.f64(new double[3], 3), -1)).hasMessageContaining("even");
    }

    @Test
    void stepIsAnIntegerIndicatorAndPreluUsesItsLearnedSlope() {
        Array s = new Step().forward(Ref.f32(new double[] {-1, 0, 2}, 3));
        assertThat(s.dtype()).isEqualTo(DType.INT32);
        assertThat(s.toIntArray()).containsExactly(0, 0, 1);
        assertThat(new PReLU().forward(Ref.f32(new double[] {-2, 3}, 2)).toFloatArray()).containsExactly(-0.5f, 3f);
        assertThatThrownBy(() -> new GELU("cubic")).hasMessageContaining("approx");
        assertThat(List.of(new ReLU().parameters(), new Tanh().parameters())).allMatch(java.util.Map::isEmpty);
    }
}
