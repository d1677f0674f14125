package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every element-wise op of {@link Mx} against float64 reference code, plus MLX's edge-case semantics. */
class ElementwiseOpsTest {

    // ================================================================ unary ops on floating types

    record UnaryCase(String name, Function<Array, Array> op, DoubleUnaryOperator ref, double lo, double hi, boolean awayFromZero) {
        @Override
        public String toString() { return name; }
    }

    private static UnaryCase u(String name, Function<Array, Array> op, DoubleUnaryOperator ref, double lo, double hi) {
        return new UnaryCase(name, op, ref, lo, hi, false);
    }

    static List<UnaryCase> unaryCases() {
        List<UnaryCase> c = new ArrayList<>();
        c.add(u("abs", Mx::abs, Math::abs, -3, 3));
        c.add(u("negative", Mx::negative, x -> -x, -3, 3));
        c.add(u("sign", Mx::sign, Math::signum, -3, 3));
        c.add(u("sqrt", Mx::sqrt, Math::sqrt, 0.01, 4));
        c.add(u("rsqrt", Mx::rsqrt, x -> 1 / Math.sqrt(x), 0.1, 4));
        c.add(u("square", Mx::square, x -> x * x, -3, 3));
        c.add(new UnaryCase("reciprocal", Mx::reciprocal, x -> 1 / x, 0.2, 3, true));
        c.add(u("exp", Mx::exp, Math::exp, -3, 3));
        c.add(u("expm1", Mx::expm1, Math::expm1, -2, 2));
        c.add(u("log", Mx::log, Math::log, 0.05, 5));
        c.add(u("log2", Mx::log2, x -> Math.log(x) / Math.log(2), 0.05, 5));
        c.add(u("log10", Mx::log10, Math::log10, 0.05, 5));
        c.add(u("log1p", Mx::log1p, Math::log1p, -0.9, 3));
        c.add(u("sin", Mx::sin, Math::sin, -4, 4));
        c.add(u("cos", Mx::cos, Math::cos, -4, 4));
        c.add(u("tan", Mx::tan, Math::tan, -1.2, 1.2));
        c.add(u("arcsin", Mx::arcsin, Math::asin, -0.95, 0.95));
        c.add(u("arccos", Mx::arccos, Math::acos, -0.95, 0.95));
        c.add(u("arctan", Mx::arctan, Math::atan, -4, 4));
        c.add(u("sinh", Mx::sinh, Math::sinh, -3, 3));
        c.add(u("cosh", Mx::cosh, Math::cosh, -3, 3));
        c.add(u("tanh", Mx::tanh, Math::tanh, -4, 4));
        c.add(u("arcsinh", Mx::arcsinh, x -> Math.signum(x) * Math.log(Math.abs(x) + Math.sqrt(x * x + 1)), -4, 4));
        c.add(u("arccosh", Mx::arccosh, x -> Math.log(x + Math.sqrt(x * x - 1)), 1.05, 5));
        c.add(u("arctanh", Mx::arctanh, x -> 0.5 * Math.log((1 + x) / (1 - x)), -0.9, 0.9));
        c.add(u("floor", Mx::floor, Math::floor, -5, 5));
        c.add(u("ceil", Mx::ceil, Math::ceil, -5, 5));
        c.add(u("round", Mx::round, Math::rint, -5, 5));
        c.add(u("erf", Mx::erf, TestArrays::erf, -2.5, 2.5));
        c.add(u("erfinv", Mx::erfinv, TestArrays::erfinv, -0.9, 0.9));
        c.add(u("sigmoid", Mx::sigmoid, x -> 1 / (1 + Math.exp(-x)), -6, 6));
        c.add(u("degrees", Mx::degrees, x -> x * 180 / Math.PI, -4, 4));
        c.add(u("radians", Mx::radians, x -> x * Math.PI / 180, -200, 200));
        return c;
    }

    static Stream<Arguments> unaryByDtype() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16}) {
            for (UnaryCase c : unaryCases()) b.add(Arguments.of(c, t));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("unaryByDtype")
    void unaryOpMatchesFloat64Reference(UnaryCase c, DType t) {
        Random rng = new Random(31L * c.name().hashCode() + t.ordinal());
        int[] shape = {5, 7};
        double[] x = c.awayFromZero() ? awayFromZero(rng, 35, c.lo(), c.hi()) : uniform(rng, 35, c.lo(), c.hi());
        x = storedAs(t, x);
        Array r = c.op().apply(Mx.array(x, t, shape));
        assertClose(r, t, shape, storedAs(t, mapRef(x, c.ref())));
    }

    @ParameterizedTest(name = "{0} on a transposed float32 view")
    @MethodSource("unaryCases")
    void unaryOpOnNonContiguousInput(UnaryCase c) {
        Random rng = new Random(c.name().hashCode());
        double[] x = storedAs(DType.FLOAT32, c.awayFromZero() ? awayFromZero(rng, 12, c.lo(), c.hi()) : uniform(rng, 12, c.lo(), c.hi()));
        Array a = Mx.array(x, DType.FLOAT32, 3, 4).T();
        double[] xt = transposeRef(x, shape(3, 4), 1, 0);
        assertClose(c.op().apply(a), DType.FLOAT32, shape(4, 3), storedAs(DType.FLOAT32, mapRef(xt, c.ref())));
    }

    @Test
    void unaryOpsOnEmptyAndZeroDimArrays() {
        Array e = Mx.zeros(new int[] {0, 3}, DType.FLOAT32);
        assertShape(Mx.exp(e), DType.FLOAT32, 0, 3);
        assertThat(Mx.exp(e).toFloatArray()).isEmpty();
        Array s = Mx.array(0.5f);
        assertShape(Mx.sin(s), DType.FLOAT32);
        assertThat(Mx.sin(s).doubleValue()).isCloseTo(Math.sin(0.5), org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void floatingEdgeValues() {
        double nan = Double.NaN, inf = Double.POSITIVE_INFINITY;
        Array x = Mx.array(new float[] {-1, 0, (float) inf, (float) -inf, (float) nan}, 5);
        assertExact(Mx.sqrt(x), DType.FLOAT32, shape(5), nan, 0, inf, nan, nan);
        assertExact(Mx.log(x), DType.FLOAT32, shape(5), nan, -inf, inf, nan, nan);
        assertClose(Mx.exp(x), DType.FLOAT32, shape(5), new double[] {Math.exp(-1), 1, inf, 0, nan});
        assertExact(Mx.reciprocal(x), DType.FLOAT32, shape(5), -1, inf, 0, 0, nan);
        assertExact(Mx.rsqrt(Mx.array(new float[] {0, 4}, 2)), DType.FLOAT32, shape(2), inf, 0.5);
        assertExact(Mx.abs(x), DType.FLOAT32, shape(5), 1, 0, inf, inf, nan);
        assertExact(Mx.sin(Mx.array(new float[] {(float) inf, (float) nan}, 2)), DType.FLOAT32, shape(2), nan, nan);
    }

    @Test
    void saturatingFunctionsStayFiniteForLargeInputs() {
        Array x = Mx.array(new float[] {-100, -50, 50, 100}, 4);
        assertExact(Mx.tanh(x), DType.FLOAT32, shape(4), -1, -1, 1, 1);
        assertClose(Mx.sigmoid(x), DType.FLOAT32, shape(4), new double[] {0, 0, 1, 1}, 0, 1e-20);
        assertExact(Mx.erf(Mx.array(new float[] {-10, 10}, 2)), DType.FLOAT32, shape(2), -1, 1);
    }

    @Test
    void log1pAndExpm1AreAccurateForTinyInputs() {
        Array x = Mx.array(new float[] {1e-10f, -3e-9f, 1e-6f}, 3);
        double[] xs = storedAs(DType.FLOAT32, new double[] {1e-10f, -3e-9f, 1e-6f});
        assertClose(Mx.log1p(x), DType.FLOAT32, shape(3), mapRef(xs, Math::log1p), 1e-5, 0);
        assertClose(Mx.expm1(x), DType.FLOAT32, shape(3), mapRef(xs, Math::expm1), 1e-5, 0);
    }

    @Test
    void signedZeros() {
        Array z = Mx.array(new float[] {0f, -0f}, 2);
        float[] neg = Mx.negative(z).toFloatArray();
        assertThat(Float.floatToRawIntBits(neg[0])).as("-(+0) is -0").isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(Float.floatToRawIntBits(neg[1])).as("-(-0) is +0").isEqualTo(0);
        float[] abs = Mx.abs(z).toFloatArray();
        assertThat(Float.floatToRawIntBits(abs[1])).as("abs(-0) is +0").isEqualTo(0);
        assertExact(Mx.reciprocal(z), DType.FLOAT32, shape(2), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    /** MLX's sign is {@code (x > 0) - (x < 0)}: NaN and -0 give 0. */
    @Test
    void signOfNanAndNegativeZeroIsZero() {
        Array x = Mx.array(new float[] {Float.NaN, -0f, -2.5f, 3f, Float.NEGATIVE_INFINITY}, 5);
        assertExact(Mx.sign(x), DType.FLOAT32, shape(5), 0, 0, -1, 1, -1);
    }

    @Test
    void roundIsHalfToEven() {
        Array x = Mx.array(new float[] {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 2.4f, -2.6f}, 8);
        assertExact(Mx.round(x), DType.FLOAT32, shape(8), 0, 2, 2, -0.0, -2, -2, 2, -3);
    }

    @Test
    void roundWithDecimals() {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Array x = Mx.array(new double[] {3.14159, -2.71828, 0.125, 10.0}, t, 4);
            assertClose(Mx.round(x, 2), t, shape(4), new double[] {3.14, -2.72, 0.12, 10}, rtol(t) * 10, atol(t));
            Array y = Mx.array(new double[] {1234.5678, -1789, 49, 51}, t, 4);
            assertClose(Mx.round(y, -2), t, shape(4), new double[] {1200, -1800, 0, 100}, rtol(t) * 10, atol(t));
        }
    }

    /** MLX rounds integer arrays at negative decimals too, and casts back to the integer dtype. */
    @Test
    void roundIntegerArrayWithNegativeDecimals() {
        Array x = Mx.array(new int[] {123, 155, -1234, 7}, 4);
        assertExact(Mx.round(x, -1), DType.INT32, shape(4), 120, 160, -1230, 10);
        assertExact(Mx.round(x), DType.INT32, shape(4), 123, 155, -1234, 7);
    }

    // ================================================================ unary ops on integer and bool inputs

    @Test
    void integerUnaryOpsKeepTheDtypeAndWrap() {
        Array i32 = Mx.array(new int[] {Integer.MIN_VALUE, -5, 0, 7}, 4);
        assertExact(Mx.abs(i32), DType.INT32, shape(4), Integer.MIN_VALUE, 5, 0, 7);
        assertExact(Mx.negative(i32), DType.INT32, shape(4), Integer.MIN_VALUE, 5, 0, -7);
        assertExact(Mx.sign(i32), DType.INT32, shape(4), -1, -1, 0, 1);
        assertExact(Mx.square(Mx.array(new double[] {300, -3}, DType.INT16, 2)), DType.INT16, shape(2), (short) 90000, 9);
        assertExact(Mx.negative(Mx.array(new double[] {-128, 5}, DType.INT8, 2)), DType.INT8, shape(2), -128, -5);
        assertExact(Mx.sign(Mx.array(new double[] {0, 200}, DType.UINT8, 2)), DType.UINT8, shape(2), 0, 1);
        assertExact(Mx.abs(Mx.array(new double[] {0, 200}, DType.UINT8, 2)), DType.UINT8, shape(2), 0, 200);
        for (Function<Array, Array> f : List.<Function<Array, Array>>of(Mx::floor, Mx::ceil, Mx::round)) {
            assertExact(f.apply(i32), DType.INT32, shape(4), Integer.MIN_VALUE, -5, 0, 7);
        }
    }

    @Test
    void transcendentalOpsOnIntegersGiveFloat32() {
        Array i = Mx.array(new int[] {1, 4, 9}, 3);
        assertClose(Mx.sqrt(i), DType.FLOAT32, shape(3), new double[] {1, 2, 3});
        assertClose(Mx.exp(i), DType.FLOAT32, shape(3), storedAs(DType.FLOAT32, mapRef(new double[] {1, 4, 9}, Math::exp)));
        assertClose(Mx.log(Mx.array(new double[] {1, 4}, DType.UINT8, 2)), DType.FLOAT32, shape(2), new double[] {0, Math.log(4)});
        assertClose(Mx.sin(Mx.array(new boolean[] {true, false}, 2)), DType.FLOAT32, shape(2), new double[] {Math.sin(1), 0});
        assertClose(Mx.sigmoid(Mx.array(new long[] {0, 2}, 2)), DType.FLOAT32, shape(2), new double[] {0.5, 1 / (1 + Math.exp(-2))});
        assertClose(Mx.degrees(Mx.array(new int[] {1}, 1)), DType.FLOAT32, shape(1), new double[] {180 / Math.PI});
    }

    @Test
    void negativeOfBoolIsAnError() {
        assertFailsWith(() -> Mx.negative(Mx.array(new boolean[] {true}, 1)), "negative", "bool");
    }

    @Test
    void predicatesGiveBool() {
        Array x = Mx.array(new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -1.5f}, 5);
        assertBools(Mx.isnan(x), shape(5), true, false, false, false, false);
        assertBools(Mx.isinf(x), shape(5), false, true, true, false, false);
        assertBools(Mx.isfinite(x), shape(5), false, false, false, true, true);
        assertBools(Mx.logicalNot(x), shape(5), false, false, false, true, false);
        assertBools(Mx.logicalNot(Mx.array(new boolean[] {true, false}, 2)), shape(2), false, true);
        assertBools(Mx.isnan(Mx.array(new int[] {1, 0}, 2)), shape(2), false, false);
    }

    @Test
    void bitwiseInvert() {
        assertExact(Mx.bitwiseInvert(Mx.array(new int[] {0, 5, -1}, 3)), DType.INT32, shape(3), -1, -6, 0);
        assertExact(Mx.bitwiseInvert(Mx.array(new double[] {0, 15}, DType.UINT8, 2)), DType.UINT8, shape(2), 255, 240);
        assertFailsWith(() -> Mx.bitwiseInvert(Mx.array(new float[] {1f}, 1)), "bitwiseInvert", "float32");
    }

    @Test
    void realImagConjugateOfRealArrays() {
        Sample s = sample(new Random(5), DType.FLOAT32, -2, 2, 2, 3);
        assertExact(Mx.real(s.array()), DType.FLOAT32, shape(2, 3), s.values());
        assertExact(Mx.imag(s.array()), DType.FLOAT32, shape(2, 3), new double[6]);
        assertExact(Mx.conjugate(s.array()), DType.FLOAT32, shape(2, 3), s.values());
    }

    // ================================================================ binary ops on floating types

    record BinaryCase(String name, BinaryOperator<Array> op, DoubleBinaryOperator ref,
                      double aLo, double aHi, double bLo, double bHi, boolean bAwayFromZero) {
        @Override
        public String toString() { return name; }
    }

    private static BinaryCase bin(String name, BinaryOperator<Array> op, DoubleBinaryOperator ref, double lo, double hi) {
        return new BinaryCase(name, op, ref, lo, hi, lo, hi, false);
    }

    /** Python's {@code a % b} for floats: the result has the divisor's sign. */
    static double pyRemainder(double a, double b) {
        double r = a % b;
        if (r != 0 && (r < 0) != (b < 0)) r += b;
        return r;
    }

    static double pyFloorDiv(long a, long b) { return Math.floorDiv(a, b); }

    static double logaddexp(double a, double b) {
        double m = Math.max(a, b), n = Math.min(a, b);
        if (n == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) return m;
        return m + Math.log1p(Math.exp(n - m));
    }

    static List<BinaryCase> binaryCases() {
        List<BinaryCase> c = new ArrayList<>();
        c.add(bin("add", Mx::add, Double::sum, -3, 3));
        c.add(bin("subtract", Mx::subtract, (a, b) -> a - b, -3, 3));
        c.add(bin("multiply", Mx::multiply, (a, b) -> a * b, -3, 3));
        c.add(new BinaryCase("divide", Mx::divide, (a, b) -> a / b, -3, 3, 0.5, 3, true));
        c.add(new BinaryCase("floorDivide", Mx::floorDivide, (a, b) -> Math.floor(a / b), -10, 10, 0.7, 3, true));
        c.add(new BinaryCase("remainder", Mx::remainder, ElementwiseOpsTest::pyRemainder, -10, 10, 0.7, 3, true));
        c.add(new BinaryCase("power", Mx::power, Math::pow, 0.1, 3, -2, 2, false));
        c.add(bin("maximum", Mx::maximum, Math::max, -3, 3));
        c.add(bin("minimum", Mx::minimum, Math::min, -3, 3));
        c.add(bin("arctan2", Mx::arctan2, Math::atan2, -3, 3));
        c.add(bin("logaddexp", Mx::logaddexp, ElementwiseOpsTest::logaddexp, -5, 5));
        return c;
    }

    static Stream<Arguments> binaryByDtype() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) for (BinaryCase c : binaryCases()) b.add(Arguments.of(c, t));
        return b.build();
    }

    /** Shapes (3, 1, 5) and (4, 5) broadcast to (3, 4, 5). */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("binaryByDtype")
    void binaryOpMatchesFloat64ReferenceWithBroadcasting(BinaryCase c, DType t) {
        Random rng = new Random(17L * c.name().hashCode() + t.ordinal());
        int[] as = {3, 1, 5}, bs = {4, 5};
        double[] a = storedAs(t, uniform(rng, 15, c.aLo(), c.aHi()));
        double[] b = storedAs(t, c.bAwayFromZero() ? awayFromZero(rng, 20, c.bLo(), c.bHi()) : uniform(rng, 20, c.bLo(), c.bHi()));
        Array r = c.op().apply(Mx.array(a, t, as), Mx.array(b, t, bs));
        double tol = t == DType.FLOAT64 ? 1e-12 : 1e-5;
        assertClose(r, t, shape(3, 4, 5), storedAs(t, zipRef(a, as, b, bs, c.ref())), tol, tol);
    }

    @ParameterizedTest(name = "{0} with a 0-d operand and a transposed operand")
    @MethodSource("binaryCases")
    void binaryOpWithZeroDimAndNonContiguousOperands(BinaryCase c) {
        Random rng = new Random(c.name().hashCode());
        double[] a = storedAs(DType.FLOAT32, uniform(rng, 12, c.aLo(), c.aHi()));
        double b0 = storedAs(DType.FLOAT32, c.bAwayFromZero() ? awayFromZero(rng, 1, c.bLo(), c.bHi())[0] : uniform(rng, 1, c.bLo(), c.bHi())[0]);
        Array at = Mx.array(a, DType.FLOAT32, 4, 3).T();
        double[] atv = transposeRef(a, shape(4, 3), 1, 0);
        Array r = c.op().apply(at, Mx.array(b0, DType.FLOAT32));
        assertClose(r, DType.FLOAT32, shape(3, 4), storedAs(DType.FLOAT32, mapRef(atv, x -> c.ref().applyAsDouble(x, b0))), 1e-5, 1e-5);
        Array l = c.op().apply(Mx.array(b0, DType.FLOAT32), at);
        assertClose(l, DType.FLOAT32, shape(3, 4), storedAs(DType.FLOAT32, mapRef(atv, x -> c.ref().applyAsDouble(b0, x))), 1e-5, 1e-5);
    }

    @Test
    void remainderFollowsPythonSemantics() {
        double[] a = {-7, 7, -7, 7, 5.5, -5.5, 6, -6};
        double[] b = {3, -3, -3, 3, 2, 2, 3, -3};
        double[] want = {2, -2, -1, 1, 1.5, 0.5, 0, 0};
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16}) {
            assertExact(Mx.remainder(Mx.array(a, t, 8), Mx.array(b, t, 8)), t, shape(8), want);
        }
        for (DType t : new DType[] {DType.INT8, DType.INT16, DType.INT32, DType.INT64}) {
            Array r = Mx.remainder(Mx.array(new double[] {-7, 7, -7, 7, 6, -6}, t, 6), Mx.array(new double[] {3, -3, -3, 3, 3, -3}, t, 6));
            assertExact(r, t, shape(6), 2, -2, -1, 1, 0, 0);
        }
        Array u = Mx.remainder(Mx.array(new double[] {7, 250}, DType.UINT8, 2), Mx.array(new double[] {3, 7}, DType.UINT8, 2));
        assertExact(u, DType.UINT8, shape(2), 1, 5);
    }

    @Test
    void floorDivideRoundsTowardMinusInfinity() {
        long[] a = {-7, 7, -7, 7, 6, -1, 0};
        long[] b = {3, -3, -3, 3, 3, 5, 4};
        double[] want = new double[a.length];
        for (int i = 0; i < a.length; i++) want[i] = pyFloorDiv(a[i], b[i]);
        for (DType t : new DType[] {DType.INT8, DType.INT32, DType.INT64}) {
            double[] ad = new double[a.length], bd = new double[b.length];
            for (int i = 0; i < a.length; i++) { ad[i] = a[i]; bd[i] = b[i]; }
            assertExact(Mx.floorDivide(Mx.array(ad, t, a.length), Mx.array(bd, t, b.length)), t, shape(a.length), want);
        }
        Array f = Mx.floorDivide(Mx.array(new float[] {-7.5f, 7.5f, 1f}, 3), Mx.array(new float[] {2f, -2f, 0.25f}, 3));
        assertExact(f, DType.FLOAT32, shape(3), -4, -4, 4);
    }

    @Test
    void integerDivisionGivesFloat32() {
        Array r = Mx.divide(Mx.array(new int[] {7, -7, 1, 0}, 4), Mx.array(new int[] {2, 2, 3, 5}, 4));
        assertClose(r, DType.FLOAT32, shape(4), new double[] {3.5, -3.5, 1.0f / 3.0f, 0});
        Array s = Mx.divide(Mx.array(new double[] {9, 200}, DType.UINT8, 2), Mx.array(new double[] {-2, 8}, DType.INT8, 2));
        assertExact(s, DType.FLOAT32, shape(2), -4.5, 25);
        Array h = Mx.divide(Mx.array(new double[] {3}, DType.INT16, 1), Mx.array(new double[] {2}, DType.FLOAT16, 1));
        assertExact(h, DType.FLOAT16, shape(1), 1.5);
        Array b = Mx.divide(Mx.array(new boolean[] {true}, 1), Mx.array(new boolean[] {true}, 1));
        assertExact(b, DType.FLOAT32, shape(1), 1);
    }

    @Test
    void integerBinaryOpsAreExact() {
        Random rng = new Random(99);
        long[] a = randomLongs(rng, 24, -1000, 1000), b = randomLongs(rng, 24, -50, 50);
        for (int i = 0; i < b.length; i++) if (b[i] == 0) b[i] = 7;
        double[] ad = new double[24], bd = new double[24];
        for (int i = 0; i < 24; i++) { ad[i] = a[i]; bd[i] = b[i]; }
        Array x = Mx.array(ad, DType.INT32, 4, 6), y = Mx.array(bd, DType.INT32, 4, 6);
        int[] s = {4, 6};
        assertExact(Mx.add(x, y), DType.INT32, s, zipRef(ad, s, bd, s, Double::sum));
        assertExact(Mx.subtract(x, y), DType.INT32, s, zipRef(ad, s, bd, s, (p, q) -> p - q));
        assertExact(Mx.multiply(x, y), DType.INT32, s, zipRef(ad, s, bd, s, (p, q) -> p * q));
        assertExact(Mx.maximum(x, y), DType.INT32, s, zipRef(ad, s, bd, s, Math::max));
        assertExact(Mx.minimum(x, y), DType.INT32, s, zipRef(ad, s, bd, s, Math::min));
        assertExact(Mx.floorDivide(x, y), DType.INT32, s, zipRef(ad, s, bd, s, (p, q) -> Math.floorDiv((long) p, (long) q)));
        assertExact(Mx.remainder(x, y), DType.INT32, s, zipRef(ad, s, bd, s, (p, q) -> Math.floorMod((long) p, (long) q)));
        assertExact(Mx.power(Mx.array(new int[] {2, 3, -2, 5}, 4), Mx.array(new int[] {3, 2, 3, 0}, 4)), DType.INT32, shape(4), 8, 9, -8, 1);
    }

    @Test
    void integerOverflowWraps() {
        Array a = Mx.array(new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, 65536}, 3);
        Array b = Mx.array(new int[] {1, -1, 65536}, 3);
        assertExact(Mx.add(a, b), DType.INT32, shape(3), Integer.MIN_VALUE, Integer.MAX_VALUE, 131072);
        assertExact(Mx.multiply(a, b), DType.INT32, shape(3), Integer.MAX_VALUE, Integer.MIN_VALUE, 0);
        Array u = Mx.array(new double[] {0, 4294967295.0}, DType.UINT32, 2);
        assertExact(Mx.add(u, Mx.array(new double[] {-1 & 0xffffffffL, 1}, DType.UINT32, 2)), DType.UINT32, shape(2), 4294967295.0, 0);
    }

    @Test
    void int64ArithmeticIsExactBeyondDoublePrecision() {
        long big = (1L << 53) + 1;
        Array a = Mx.array(new long[] {big, Long.MAX_VALUE, 1L << 62}, 3);
        Array b = Mx.array(new long[] {1, 1, 4}, 3);
        assertShape(Mx.add(a, b), DType.INT64, 3);
        // read back through toList, which is exact for int64 (see FormattingTest), to isolate the arithmetic
        assertThat(Mx.add(a, b).toList()).isEqualTo(List.of(big + 1, Long.MIN_VALUE, (1L << 62) + 4));
        assertThat(Mx.multiply(a, b).toList()).isEqualTo(List.of(big, Long.MAX_VALUE, 0L));
        assertThat(Mx.subtract(a, b).toList()).isEqualTo(List.of(big - 1, Long.MAX_VALUE - 1, (1L << 62) - 4));
        assertBools(Mx.equal(a, Mx.array(new long[] {big - 1, Long.MAX_VALUE, 1L << 62}, 3)), shape(3), false, true, true);
    }

    @Test
    void nanPropagatesThroughMaximumAndMinimum() {
        Array a = Mx.array(new float[] {Float.NaN, 1f, 2f}, 3);
        Array b = Mx.array(new float[] {1f, Float.NaN, 3f}, 3);
        assertExact(Mx.maximum(a, b), DType.FLOAT32, shape(3), Double.NaN, Double.NaN, 3);
        assertExact(Mx.minimum(a, b), DType.FLOAT32, shape(3), Double.NaN, Double.NaN, 2);
    }

    @Test
    void logaddexpHandlesInfinities() {
        double inf = Double.POSITIVE_INFINITY;
        Array a = Mx.array(new float[] {(float) -inf, (float) inf, 2f, (float) -inf, 1000f}, 5);
        Array b = Mx.array(new float[] {(float) -inf, (float) inf, (float) -inf, 3f, 1000f}, 5);
        assertClose(Mx.logaddexp(a, b), DType.FLOAT32, shape(5), new double[] {-inf, inf, 2, 3, 1000 + Math.log(2)});
    }

    @Test
    void powerEdgeCases() {
        Array a = Mx.array(new float[] {0f, -8f, 2f, 4f, -2f}, 5);
        Array b = Mx.array(new float[] {0f, 1f / 3, -1f, 0.5f, 2f}, 5);
        assertClose(Mx.power(a, b), DType.FLOAT32, shape(5), new double[] {1, Double.NaN, 0.5, 2, 4});
    }

    // ================================================================ comparisons and logic

    @Test
    void comparisonsMatchReferenceWithTiesAndBroadcasting() {
        Random rng = new Random(7);
        int[] as = {2, 3, 4}, bs = {3, 1};
        // small integers stored as float32 so that ties occur
        double[] a = new double[24], b = new double[3];
        long[] ai = randomLongs(rng, 24, -2, 2), bi = randomLongs(rng, 3, -2, 2);
        for (int i = 0; i < 24; i++) a[i] = ai[i] + 0.0;
        for (int i = 0; i < 3; i++) b[i] = bi[i];
        Array x = Mx.array(a, DType.FLOAT32, as), y = Mx.array(b, DType.FLOAT32, bs);
        record Cmp(BinaryOperator<Array> op, DoubleBinaryOperator ref) {}
        List<Cmp> cmps = List.of(
                new Cmp(Mx::equal, (p, q) -> p == q ? 1 : 0), new Cmp(Mx::notEqual, (p, q) -> p != q ? 1 : 0),
                new Cmp(Mx::less, (p, q) -> p < q ? 1 : 0), new Cmp(Mx::lessEqual, (p, q) -> p <= q ? 1 : 0),
                new Cmp(Mx::greater, (p, q) -> p > q ? 1 : 0), new Cmp(Mx::greaterEqual, (p, q) -> p >= q ? 1 : 0));
        for (Cmp c : cmps) {
            assertExact(c.op().apply(x, y), DType.BOOL, shape(2, 3, 4), zipRef(a, as, b, bs, c.ref()));
            assertExact(c.op().apply(x.astype(DType.INT16), y.astype(DType.INT64)), DType.BOOL, shape(2, 3, 4), zipRef(a, as, b, bs, c.ref()));
        }
    }

    @Test
    void comparisonsWithNan() {
        Array a = Mx.array(new float[] {Float.NaN, Float.NaN, 1f}, 3);
        Array b = Mx.array(new float[] {Float.NaN, 1f, Float.NaN}, 3);
        assertBools(Mx.equal(a, b), shape(3), false, false, false);
        assertBools(Mx.notEqual(a, b), shape(3), true, true, true);
        assertBools(Mx.less(a, b), shape(3), false, false, false);
        assertBools(Mx.greaterEqual(a, b), shape(3), false, false, false);
    }

    @Test
    void logicalAndOr() {
        Array p = Mx.array(new boolean[] {true, true, false, false}, 4);
        Array q = Mx.array(new boolean[] {true, false, true, false}, 4);
        assertBools(Mx.logicalAnd(p, q), shape(4), true, false, false, false);
        assertBools(Mx.logicalOr(p, q), shape(4), true, true, true, false);
        Array f = Mx.array(new float[] {0.5f, 0f, -2f, 0f}, 4);
        assertBools(Mx.logicalAnd(f, q), shape(4), true, false, true, false);
        assertBools(Mx.logicalOr(f, Mx.array(new int[] {0, 0, 0, 3}, 4)), shape(4), true, false, true, true);
    }

    @Test
    void bitwiseOps() {
        Random rng = new Random(3);
        long[] a = randomLongs(rng, 10, -1000, 1000), b = randomLongs(rng, 10, -1000, 1000);
        double[] ad = new double[10], bd = new double[10];
        for (int i = 0; i < 10; i++) { ad[i] = a[i]; bd[i] = b[i]; }
        Array x = Mx.array(ad, DType.INT32, 10), y = Mx.array(bd, DType.INT32, 10);
        int[] s = {10};
        assertExact(Mx.bitwiseAnd(x, y), DType.INT32, s, zipRef(ad, s, bd, s, (p, q) -> (long) p & (long) q));
        assertExact(Mx.bitwiseOr(x, y), DType.INT32, s, zipRef(ad, s, bd, s, (p, q) -> (long) p | (long) q));
        assertExact(Mx.bitwiseXor(x, y), DType.INT32, s, zipRef(ad, s, bd, s, (p, q) -> (long) p ^ (long) q));
        assertExact(Mx.bitwiseAnd(x, 0xff), DType.INT32, s, mapRef(ad, p -> (long) p & 0xff));
        Array u = Mx.array(new double[] {0b1100, 0b1010}, DType.UINT8, 2);
        assertExact(Mx.bitwiseXor(u, Mx.array(new double[] {0b1010, 0b1010}, DType.UINT8, 2)), DType.UINT8, shape(2), 0b0110, 0);
        Array bools = Mx.bitwiseOr(Mx.array(new boolean[] {true, false}, 2), Mx.array(new boolean[] {false, false}, 2));
        assertBools(bools, shape(2), true, false);
    }

    @Test
    void shifts() {
        Array x = Mx.array(new int[] {1, -8, 5, 1024}, 4);
        Array n = Mx.array(new int[] {3, 1, 0, 4}, 4);
        assertExact(Mx.leftShift(x, n), DType.INT32, shape(4), 8, -16, 5, 16384);
        assertExact(Mx.rightShift(x, n), DType.INT32, shape(4), 0, -4, 5, 64);
        assertExact(Mx.leftShift(Mx.array(new double[] {200}, DType.UINT8, 1), 1), DType.UINT8, shape(1), 144);
        assertExact(Mx.rightShift(Mx.array(new double[] {200}, DType.UINT8, 1), 3), DType.UINT8, shape(1), 25);
    }

    @Test
    void bitwiseOpsRejectFloats() {
        Array f = Mx.array(new float[] {1f}, 1), i = Mx.array(new int[] {1}, 1);
        assertFailsWith(() -> Mx.bitwiseAnd(f, i), "bitwiseAnd", "float32", "int32");
        assertFailsWith(() -> Mx.bitwiseOr(i, f), "bitwiseOr", "int32", "float32");
        assertFailsWith(() -> Mx.leftShift(f, i), "leftShift", "float32");
        assertFailsWith(() -> Mx.bitwiseXor(Mx.array(new double[] {1}, DType.FLOAT16, 1), i), "bitwiseXor", "float16");
    }

    // ================================================================ where and clip

    @Test
    void whereBroadcastsAllThreeOperands() {
        Random rng = new Random(11);
        Sample x = sample(rng, DType.FLOAT32, -3, 3, 1, 4);
        Sample y = sample(rng, DType.FLOAT32, -3, 3, 4);
        boolean[] c = {true, false, true};
        Array r = Mx.where(Mx.array(c, 3, 1), x.array(), y.array());
        double[] want = new double[12];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) want[i * 4 + j] = c[i] ? x.values()[j] : y.values()[j];
        assertExact(r, DType.FLOAT32, shape(3, 4), want);
    }

    @Test
    void whereWithNonBoolCondition() {
        Array cond = Mx.array(new float[] {0f, 0.5f, -1f, 0f}, 4);
        Array r = Mx.where(cond, Mx.array(new int[] {1, 2, 3, 4}, 4), Mx.array(new int[] {-1, -2, -3, -4}, 4));
        assertExact(r, DType.INT32, shape(4), -1, 2, 3, -4);
    }

    @Test
    void whereShapeErrorNamesTheShapes() {
        assertFailsWith(() -> Mx.where(Mx.array(new boolean[] {true, false}, 2), Mx.zeros(3), Mx.zeros(3)), "where", "(2,)", "(3,)");
    }

    @Test
    void clipWithArrayAndScalarBounds() {
        Random rng = new Random(13);
        Sample a = sample(rng, DType.FLOAT32, -5, 5, 3, 4);
        Sample lo = sample(rng, DType.FLOAT32, -2, 0, 4);
        Array r = Mx.clip(a.array(), lo.array(), Mx.array(1.5f));
        double[] want = zipRef(a.values(), a.shape(), lo.values(), lo.shape(), (v, l) -> Math.min(Math.max(v, l), 1.5));
        assertExact(r, DType.FLOAT32, shape(3, 4), want);
        assertExact(Mx.clip(a.array(), null, Mx.array(0f)), DType.FLOAT32, shape(3, 4), mapRef(a.values(), v -> Math.min(v, 0)));
        assertExact(Mx.clip(a.array(), Mx.array(0f), null), DType.FLOAT32, shape(3, 4), mapRef(a.values(), v -> Math.max(v, 0)));
        assertExact(Mx.clip(a.array(), -1.0, 1.0), DType.FLOAT32, shape(3, 4), mapRef(a.values(), v -> Math.min(Math.max(v, -1), 1)));
        assertFailsWith(() -> Mx.clip(a.array(), null, null), "clip");
    }

    // ================================================================ broadcasting and shapes

    @Test
    void broadcastErrorNamesTheOpAndBothShapes() {
        Array a = Mx.zeros(2, 3), b = Mx.zeros(4, 3);
        assertFailsWith(() -> Mx.add(a, b), "add", "(2, 3)", "(4, 3)");
        assertFailsWith(() -> Mx.multiply(Mx.zeros(5), Mx.zeros(2, 4)), "multiply", "(5,)", "(2, 4)");
        assertFailsWith(() -> Mx.less(Mx.zeros(2, 1, 3), Mx.zeros(4, 2)), "less", "(2, 1, 3)", "(4, 2)");
    }

    @Test
    void broadcastingOfSizeOneZeroDimAndEmptyShapes() {
        assertShape(Mx.add(Mx.zeros(1, 3), Mx.zeros(4, 1)), DType.FLOAT32, 4, 3);
        assertShape(Mx.add(Mx.zeros(new int[0], DType.FLOAT32), Mx.zeros(2, 1, 5)), DType.FLOAT32, 2, 1, 5);
        assertShape(Mx.add(Mx.zeros(0, 3), Mx.zeros(3)), DType.FLOAT32, 0, 3);
        assertShape(Mx.add(Mx.zeros(0, 1), Mx.zeros(1, 4)), DType.FLOAT32, 0, 4);
        assertThat(Mx.add(Mx.zeros(0, 3), Mx.ones(3)).toFloatArray()).isEmpty();
        Array s = Mx.add(Mx.array(2.5f), Mx.array(1.0f));
        assertShape(s, DType.FLOAT32);
        assertThat(s.floatValue()).isEqualTo(3.5f);
    }

    @Test
    void oddLengthsExerciseVectorTails() {
        Random rng = new Random(21);
        for (int n : new int[] {1, 7, 15, 17, 33, 63, 65}) {
            Sample a = sample(rng, DType.FLOAT32, -2, 2, n), b = sample(rng, DType.FLOAT32, -2, 2, n);
            assertClose(Mx.multiply(a.array(), b.array()), DType.FLOAT32, shape(n),
                    storedAs(DType.FLOAT32, zipRef(a.values(), a.shape(), b.values(), b.shape(), (p, q) -> p * q)));
            assertClose(Mx.exp(a.array()), DType.FLOAT32, shape(n), storedAs(DType.FLOAT32, mapRef(a.values(), Math::exp)));
        }
    }
}
