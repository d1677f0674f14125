package org.mlx4j.core.graph;

import static org.mlx4j.core.Mx.*;
import static org.mlx4j.core.graph.DTypeRule.Input.*;
import static org.mlx4j.core.graph.LaneFormula.*;

import java.util.Objects;
import org.mlx4j.core.Array;
import org.mlx4j.core.graph.DTypeRule.Result;

/**
 * Element-wise functions of one array, evaluated by the {@code Unary} primitive. Each constant is the
 * op's whole description, read by everything else: its MLX name, its {@link DTypeRule dtype rule}
 * (promotion, validity, result dtype), its {@link Cost}, its derivative (from which the primitive's vjp
 * and jvp are built), its {@link LaneFormula vector form} (from which fused kernels are generated; null
 * where the op has none and fused chains run it through the ordinary kernels) and its GPU
 * {@link BackendSource source expression}.
 */
public enum UnaryOp {
    ABS("abs", DTypeRule.all(Result.MAGNITUDE), Cost.CHEAP, (g, x, y) -> multiply(g, sign(x)),
            un("ABS", X), new BackendSource("abs(x)", "metal::abs(x)")),
    NEGATIVE("negative", DTypeRule.of(REJECT, COMPUTE, COMPUTE, COMPUTE, Result.SAME), Cost.CHEAP, (g, x, y) -> negative(g),
            un("NEG", X), BackendSource.both("-x")),
    SIGN("sign", DTypeRule.all(Result.SAME), Cost.CHEAP, Derivative.ZERO, // MLX's (x > 0) - (x < 0): NaN gives 0
            blend(blend(k(0), k(1), cmp("GT", X, k(0))), k(-1), cmp("LT", X, k(0))),
            BackendSource.both("T((x > T(0)) - (x < T(0)))")),
    SQRT("sqrt", Rules.FLOAT_MATH, Cost.CHEAP, (g, x, y) -> divide(g, multiply(y, 2.0)),
            un("SQRT", X), new BackendSource("sqrt(x)", "metal::sqrt(x)")),
    RSQRT("rsqrt", Rules.FLOAT_MATH, Cost.CHEAP, (g, x, y) -> multiply(multiply(g, -0.5), divide(y, x)),
            bin("DIV", k(1), un("SQRT", X)), new BackendSource("rsqrt(x)", "metal::rsqrt(x)")),
    SQUARE("square", DTypeRule.all(Result.SAME), Cost.CHEAP, (g, x, y) -> multiply(g, multiply(x, 2.0)),
            bin("MUL", X, X), BackendSource.both("x * x")),
    RECIPROCAL("reciprocal", Rules.FLOAT_MATH, Cost.CHEAP, (g, x, y) -> negative(multiply(g, square(y))),
            bin("DIV", k(1), X), BackendSource.both("T(1) / x")),
    EXP("exp", Rules.FLOAT_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> multiply(g, y),
            un("EXP", X), new BackendSource("exp(x)", "metal::exp(x)")),
    EXPM1("expm1", Rules.REAL_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> multiply(g, add(y, 1.0)),
            un("EXPM1", X), new BackendSource("expm1(x)", "(metal::abs(x) < T(1e-5) ? x + T(0.5) * x * x : metal::exp(x) - T(1))")),
    LOG("log", Rules.FLOAT_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> divide(g, x),
            un("LOG", X), new BackendSource("log(x)", "metal::log(x)")),
    LOG2("log2", Rules.FLOAT_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> divide(g, multiply(x, Math.log(2))),
            null, new BackendSource("log2(x)", "metal::log2(x)")),
    LOG10("log10", Rules.FLOAT_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> divide(g, multiply(x, Math.log(10))),
            un("LOG10", X), new BackendSource("log10(x)", "metal::log10(x)")),
    LOG1P("log1p", Rules.REAL_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> divide(g, add(x, 1.0)),
            un("LOG1P", X), new BackendSource("log1p(x)", "(metal::abs(x) < T(1e-4) ? x - T(0.5) * x * x : metal::log(T(1) + x))")),
    SIN("sin", Rules.FLOAT_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> multiply(g, cos(x)),
            un("SIN", X), new BackendSource("sin(x)", "metal::sin(x)")),
    COS("cos", Rules.FLOAT_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> negative(multiply(g, sin(x))),
            un("COS", X), new BackendSource("cos(x)", "metal::cos(x)")),
    TAN("tan", Rules.FLOAT_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> multiply(g, add(square(y), 1.0)),
            un("TAN", X), new BackendSource("tan(x)", "metal::tan(x)")),
    ARCSIN("arcsin", Rules.REAL_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> multiply(g, rsqrt(subtract(1.0, square(x)))),
            un("ASIN", X), new BackendSource("asin(x)", "metal::asin(x)")),
    ARCCOS("arccos", Rules.REAL_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> negative(multiply(g, rsqrt(subtract(1.0, square(x))))),
            un("ACOS", X), new BackendSource("acos(x)", "metal::acos(x)")),
    ARCTAN("arctan", Rules.REAL_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> divide(g, add(square(x), 1.0)),
            un("ATAN", X), new BackendSource("atan(x)", "metal::atan(x)")),
    SINH("sinh", Rules.FLOAT_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> multiply(g, cosh(x)),
            un("SINH", X), new BackendSource("sinh(x)", "metal::sinh(x)")),
    COSH("cosh", Rules.FLOAT_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> multiply(g, sinh(x)),
            un("COSH", X), new BackendSource("cosh(x)", "metal::cosh(x)")),
    TANH("tanh", Rules.FLOAT_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> multiply(g, subtract(1.0, square(y))),
            un("TANH", X), new BackendSource("tanh(x)", "metal::tanh(x)")),
    ARCSINH("arcsinh", Rules.REAL_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> multiply(g, rsqrt(add(square(x), 1.0))),
            null, new BackendSource("asinh(x)", "metal::asinh(x)")),
    ARCCOSH("arccosh", Rules.REAL_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> multiply(g, rsqrt(subtract(square(x), 1.0))),
            null, new BackendSource("acosh(x)", "metal::acosh(x)")),
    ARCTANH("arctanh", Rules.REAL_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> divide(g, subtract(1.0, square(x))),
            null, new BackendSource("atanh(x)", "metal::atanh(x)")),
    FLOOR("floor", Rules.ROUNDING, Cost.CHEAP, Derivative.ZERO,
            null, new BackendSource("floor(x)", "metal::floor(x)")),
    CEIL("ceil", Rules.ROUNDING, Cost.CHEAP, Derivative.ZERO,
            null, new BackendSource("ceil(x)", "metal::ceil(x)")),
    ROUND("round", DTypeRule.of(IDENTITY, IDENTITY, COMPUTE, COMPUTE, Result.SAME), Cost.CHEAP, Derivative.ZERO,
            null, new BackendSource("rint(x)", "metal::rint(x)")),
    ERF("erf", Rules.REAL_MATH, Cost.TRANSCENDENTAL,
            (g, x, y) -> multiply(g, multiply(exp(negative(square(x))), 2.0 / Math.sqrt(Math.PI))),
            null, new BackendSource("erf(x)", "erf(x)")),
    ERFINV("erfinv", Rules.REAL_MATH, Cost.TRANSCENDENTAL,
            (g, x, y) -> multiply(g, multiply(exp(square(y)), Math.sqrt(Math.PI) / 2.0)),
            null, new BackendSource("erfinv(x)", "erfinv(x)")),
    SIGMOID("sigmoid", Rules.REAL_MATH, Cost.TRANSCENDENTAL, (g, x, y) -> multiply(g, multiply(y, subtract(1.0, y))),
            Rules.sigmoid(), // e = exp(-|x|), q = 1/(1+e), x < 0 ? e*q : q: nothing overflows
            new BackendSource("(x < T(0) ? exp(x) / (T(1) + exp(x)) : T(1) / (T(1) + exp(-x)))",
                    "(x < T(0) ? metal::exp(x) / (T(1) + metal::exp(x)) : T(1) / (T(1) + metal::exp(-x)))")),
    LOGICAL_NOT("logical_not", DTypeRule.all(Result.BOOL), Cost.CHEAP, Derivative.ZERO,
            not(X), BackendSource.both("!x")),
    BITWISE_INVERT("bitwise_invert", DTypeRule.of(COMPUTE, COMPUTE, REJECT, REJECT, Result.SAME), Cost.CHEAP, Derivative.ZERO,
            null, BackendSource.both("T(~x)")),
    ISNAN("isnan", DTypeRule.all(Result.BOOL), Cost.CHEAP, Derivative.ZERO,
            test("IS_NAN", X), new BackendSource("isnan(x)", "metal::isnan(x)")),
    ISINF("isinf", DTypeRule.all(Result.BOOL), Cost.CHEAP, Derivative.ZERO,
            test("IS_INFINITE", X), new BackendSource("isinf(x)", "metal::isinf(x)")),
    ISFINITE("isfinite", DTypeRule.all(Result.BOOL), Cost.CHEAP, Derivative.ZERO,
            test("IS_FINITE", X), new BackendSource("isfinite(x)", "metal::isfinite(x)")),
    REAL("real", DTypeRule.of(IDENTITY, IDENTITY, IDENTITY, COMPUTE, Result.REAL), Cost.CHEAP, Derivative.UNDEFINED,
            null, BackendSource.both("x.real()")),
    IMAG("imag", DTypeRule.of(ZEROS, ZEROS, ZEROS, COMPUTE, Result.REAL), Cost.CHEAP, Derivative.UNDEFINED,
            null, BackendSource.both("x.imag()")),
    CONJUGATE("conjugate", DTypeRule.of(IDENTITY, IDENTITY, IDENTITY, COMPUTE, Result.SAME), Cost.CHEAP, Derivative.UNDEFINED,
            null, BackendSource.both("conj(x)")),
    TRUNC("trunc", Rules.ROUNDING, Cost.CHEAP, Derivative.ZERO, // rounds toward zero; the identity on integers
            null, new BackendSource("trunc(x)", "metal::trunc(x)"));

    /**
     * The derivative of an op as a linear map of a (co)tangent: {@code g * f'(x)}, given the input
     * {@code x} and the output {@code y = f(x)}. Element-wise derivatives are diagonal, so the same map
     * serves forward mode (g a tangent) and reverse mode (g a cotangent). Built from ordinary ops, so it
     * is differentiable again.
     */
    @FunctionalInterface
    public interface Derivative {
        Array apply(Array g, Array x, Array y);

        /** Piecewise constant (or integer-valued): no gradient flows, zeros are returned. */
        Derivative ZERO = (g, x, y) -> zerosLike(x);
        /** A function of a complex argument: gradients are not supported. */
        Derivative UNDEFINED = (g, x, y) -> { throw new UnsupportedOperationException("gradient undefined"); };
    }

    private final String mlxName;
    private final DTypeRule rule;
    private final Cost cost;
    private final Derivative derivative;
    private final LaneFormula formula;
    private final BackendSource source;

    UnaryOp(String mlxName, DTypeRule rule, Cost cost, Derivative derivative, LaneFormula formula, BackendSource source) {
        this.mlxName = Objects.requireNonNull(mlxName);
        this.rule = Objects.requireNonNull(rule);
        this.cost = Objects.requireNonNull(cost);
        this.derivative = Objects.requireNonNull(derivative);
        this.formula = formula;
        this.source = Objects.requireNonNull(source);
    }

    /** Lower camel-case op name as in {@code Mx} (e.g. {@code arcsinh}, {@code logicalNot}). */
    public String opName() { return OpNames.camel(name()); }

    /** The op's name in MLX (e.g. {@code logical_not}). */
    public String mlxName() { return mlxName; }

    public DTypeRule rule() { return rule; }

    public Cost cost() { return cost; }

    public Derivative derivative() { return derivative; }

    /** True when gradients flow through the op (its derivative is neither zero nor undefined). */
    public boolean differentiable() { return derivative != Derivative.ZERO && derivative != Derivative.UNDEFINED; }

    /** The vector form fused kernels are generated from, or null when the op has none. */
    public LaneFormula formula() { return formula; }

    public BackendSource source() { return source; }

    /** True for ops whose output is BOOL whatever the input. */
    public boolean isPredicate() { return rule.producesBool(); }

    /**
     * The op on one integer value widened to long (zero-extended when {@code unsigned}; a uint64 holds its
     * bits, on which every op here agrees); the result wraps when narrowed to the dtype. The integer
     * semantics of the ops whose dtype rule computes integers in their own dtype (the class tests and
     * logical not are computed by the kernels directly, the identities never reach a kernel).
     *
     * @throws IllegalStateException for the ops that compute integers in float32, or never see them
     */
    public long applyIntegral(long x, boolean unsigned) {
        return switch (this) {
            case NEGATIVE -> -x;
            case ABS -> unsigned ? x : Math.abs(x);
            case SIGN -> unsigned ? (x != 0 ? 1 : 0) : Long.signum(x);
            case SQUARE -> x * x;
            case BITWISE_INVERT -> ~x;
            case SQRT, RSQRT, RECIPROCAL, EXP, EXPM1, LOG, LOG2, LOG10, LOG1P, SIN, COS, TAN, ARCSIN, ARCCOS, ARCTAN,
                 SINH, COSH, TANH, ARCSINH, ARCCOSH, ARCTANH, FLOOR, CEIL, ROUND, TRUNC, ERF, ERFINV, SIGMOID, LOGICAL_NOT,
                 ISNAN, ISINF, ISFINITE, REAL, IMAG, CONJUGATE ->
                    throw new IllegalStateException(opName() + " has no integer form");
        };
    }

    /** Shared rules and formulas (an enum constant cannot refer to the enum's static fields). */
    private static final class Rules {
        /** Floating math that MLX also defines on complex64; integers compute in float32. */
        static final DTypeRule FLOAT_MATH = DTypeRule.of(TO_FLOAT32, TO_FLOAT32, COMPUTE, COMPUTE, Result.SAME);
        /** Floating math on real numbers only; integers compute in float32. */
        static final DTypeRule REAL_MATH = DTypeRule.of(TO_FLOAT32, TO_FLOAT32, COMPUTE, REJECT, Result.SAME);
        /** Floor and ceil: the identity on integers, undefined on complex numbers. */
        static final DTypeRule ROUNDING = DTypeRule.of(IDENTITY, IDENTITY, COMPUTE, REJECT, Result.SAME);

        static LaneFormula sigmoid() {
            LaneFormula e = un("EXP", un("NEG", un("ABS", X)));
            LaneFormula q = bin("DIV", k(1), bin("ADD", e, k(1)));
            return blend(q, bin("MUL", e, q), cmp("LT", X, k(0)));
        }
    }
}
