package org.mlx4j.core.graph;

import static org.mlx4j.core.Mx.*;
import static org.mlx4j.core.graph.DTypeRule.Input.*;
import static org.mlx4j.core.graph.LaneFormula.*;

import java.util.Objects;
import org.mlx4j.core.Array;
import org.mlx4j.core.graph.DTypeRule.Result;

/**
 * Element-wise functions of two arrays (already broadcast and promoted), evaluated by the {@code Binary}
 * primitive. Each constant is the op's whole description, read by everything else: its MLX name, its
 * {@link DTypeRule dtype rule} (applied to the promoted dtype), its {@link Cost}, its partial derivatives
 * (from which the primitive's vjp and jvp are built), its {@link LaneFormula vector form} (from which
 * fused kernels are generated; null where the op has none) and its GPU {@link BackendSource source}.
 */
public enum BinaryOp {
    ADD("add", Rules.ARITHMETIC, Cost.CHEAP, (g, a, b, y) -> g, (g, a, b, y) -> g,
            bin("ADD", X, Y), BackendSource.both("x + y")),
    SUBTRACT("subtract", Rules.NUMERIC, Cost.CHEAP, (g, a, b, y) -> g, (g, a, b, y) -> negative(g),
            bin("SUB", X, Y), BackendSource.both("x - y")),
    MULTIPLY("multiply", Rules.ARITHMETIC, Cost.CHEAP, (g, a, b, y) -> multiply(g, b), (g, a, b, y) -> multiply(g, a),
            bin("MUL", X, Y), BackendSource.both("x * y")),
    DIVIDE("divide", DTypeRule.of(TO_FLOAT32, TO_FLOAT32, COMPUTE, COMPUTE, Result.SAME), Cost.DIVISION,
            (g, a, b, y) -> divide(g, b), (g, a, b, y) -> negative(divide(multiply(g, y), b)),
            bin("DIV", X, Y), BackendSource.both("x / y")),
    FLOOR_DIVIDE("floor_divide", Rules.REAL, Cost.TRANSCENDENTAL, Partial.ZERO, Partial.ZERO,
            null, new BackendSource("floor(x / y)", "metal::floor(x / y)")),
    REMAINDER("remainder", Rules.REAL, Cost.TRANSCENDENTAL,
            (g, a, b, y) -> g, (g, a, b, y) -> negative(multiply(g, floorDivide(a, b))),
            null, new BackendSource("(x - y * floor(x / y))", "(x - y * metal::floor(x / y))")),
    POWER("power", Rules.NUMERIC, Cost.TRANSCENDENTAL,
            (g, a, b, y) -> multiply(g, multiply(b, power(a, subtract(b, 1.0)))), (g, a, b, y) -> multiply(g, multiply(y, log(a))),
            bin("POW", X, Y), new BackendSource("pow(x, y)", "metal::pow(x, y)")),
    MAXIMUM("maximum", Rules.ORDERED, Cost.CHEAP,
            (g, a, b, y) -> multiply(g, greater(a, b)), (g, a, b, y) -> multiply(g, lessEqual(a, b)),
            bin("MAX", X, Y), new BackendSource("max(x, y)", "metal::max(x, y)")),
    MINIMUM("minimum", Rules.ORDERED, Cost.CHEAP,
            (g, a, b, y) -> multiply(g, less(a, b)), (g, a, b, y) -> multiply(g, greaterEqual(a, b)),
            bin("MIN", X, Y), new BackendSource("min(x, y)", "metal::min(x, y)")),
    EQUAL("equal", DTypeRule.all(Result.BOOL), Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            cmp("EQ", X, Y), BackendSource.both("x == y")),
    NOT_EQUAL("not_equal", DTypeRule.all(Result.BOOL), Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            cmp("NE", X, Y), BackendSource.both("x != y")),
    LESS("less", Rules.COMPARISON, Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            cmp("LT", X, Y), BackendSource.both("x < y")),
    LESS_EQUAL("less_equal", Rules.COMPARISON, Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            cmp("LE", X, Y), BackendSource.both("x <= y")),
    GREATER("greater", Rules.COMPARISON, Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            cmp("GT", X, Y), BackendSource.both("x > y")),
    GREATER_EQUAL("greater_equal", Rules.COMPARISON, Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            cmp("GE", X, Y), BackendSource.both("x >= y")),
    LOGICAL_AND("logical_and", Rules.LOGICAL, Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            and(X, Y), BackendSource.both("x && y")),
    LOGICAL_OR("logical_or", Rules.LOGICAL, Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            or(X, Y), BackendSource.both("x || y")),
    LOGICAL_XOR("logical_xor", Rules.LOGICAL, Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            null, BackendSource.both("(x != T(0)) != (y != T(0))")),
    BITWISE_AND("bitwise_and", Rules.BITWISE, Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            null, BackendSource.both("x & y")),
    BITWISE_OR("bitwise_or", Rules.BITWISE, Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            null, BackendSource.both("x | y")),
    BITWISE_XOR("bitwise_xor", Rules.BITWISE, Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            null, BackendSource.both("x ^ y")),
    LEFT_SHIFT("left_shift", Rules.BITWISE, Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            null, BackendSource.both("T(x << y)")),
    RIGHT_SHIFT("right_shift", Rules.BITWISE, Cost.CHEAP, Partial.ZERO, Partial.ZERO,
            null, BackendSource.both("T(x >> y)")),
    ARCTAN2("arctan2", Rules.REAL_MATH, Cost.TRANSCENDENTAL,
            (g, a, b, y) -> divide(multiply(g, b), add(square(a), square(b))),
            (g, a, b, y) -> negative(divide(multiply(g, a), add(square(a), square(b)))),
            bin("ATAN2", X, Y), new BackendSource("atan2(x, y)", "metal::precise::atan2(x, y)")),
    LOGADDEXP("logaddexp", Rules.REAL_MATH, Cost.TRANSCENDENTAL,
            (g, a, b, y) -> multiply(g, sigmoid(subtract(a, b))), (g, a, b, y) -> multiply(g, sigmoid(subtract(b, a))),
            Rules.logaddexp(),
            new BackendSource(
                    "(isinf(min(x, y)) && min(x, y) < T(0) || isinf(max(x, y)) && max(x, y) > T(0) ? max(x, y)"
                            + " : max(x, y) + log1p(exp(min(x, y) - max(x, y))))",
                    "(metal::isinf(metal::min(x, y)) && metal::min(x, y) < T(0) || metal::isinf(metal::max(x, y)) && metal::max(x, y) > T(0)"
                            + " ? metal::max(x, y) : metal::max(x, y) + metal::log(T(1) + metal::exp(metal::min(x, y) - metal::max(x, y))))"));

    /**
     * A partial derivative as a linear map of a (co)tangent: {@code g * df/da} (or {@code df/db}), given
     * the operands and the output {@code y}. Element-wise partials are diagonal, so the same map serves
     * forward mode (g a tangent) and reverse mode (g a cotangent).
     */
    @FunctionalInterface
    public interface Partial {
        Array apply(Array g, Array a, Array b, Array y);

        /** Piecewise constant (comparisons, integer ops): no gradient flows, zeros are returned. */
        Partial ZERO = (g, a, b, y) -> zerosLike(a);
    }

    private final String mlxName;
    private final DTypeRule rule;
    private final Cost cost;
    private final Partial first;
    private final Partial second;
    private final LaneFormula formula;
    private final BackendSource source;

    BinaryOp(String mlxName, DTypeRule rule, Cost cost, Partial first, Partial second, LaneFormula formula, BackendSource source) {
        this.mlxName = Objects.requireNonNull(mlxName);
        this.rule = Objects.requireNonNull(rule);
        this.cost = Objects.requireNonNull(cost);
        this.first = Objects.requireNonNull(first);
        this.second = Objects.requireNonNull(second);
        this.formula = formula;
        this.source = Objects.requireNonNull(source);
    }

    public String opName() { return OpNames.camel(name()); }

    /** The op's name in MLX (e.g. {@code logical_and}). */
    public String mlxName() { return mlxName; }

    public DTypeRule rule() { return rule; }

    public Cost cost() { return cost; }

    /** The partial derivative with respect to operand {@code index} (0 or 1). */
    public Partial partial(int index) { return index == 0 ? first : second; }

    /** True when gradients flow through the op to at least one operand. */
    public boolean differentiable() { return first != Partial.ZERO || second != Partial.ZERO; }

    /** The vector form fused kernels are generated from, or null when the op has none. */
    public LaneFormula formula() { return formula; }

    public BackendSource source() { return source; }

    /** Comparisons and logical ops produce BOOL. */
    public boolean producesBool() { return rule.producesBool(); }

    /** Ops defined only for integer and bool inputs (bitwise ops and shifts). */
    public boolean isBitwise() { return rule.integerOnly(); }

    /** The op that gives the same result with its operands exchanged, or null when there is none. */
    public BinaryOp swapped() {
        return switch (this) {
            case ADD, MULTIPLY, MAXIMUM, MINIMUM, EQUAL, NOT_EQUAL, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR,
                 BITWISE_AND, BITWISE_OR, BITWISE_XOR, LOGADDEXP -> this;
            case LESS -> GREATER;
            case GREATER -> LESS;
            case LESS_EQUAL -> GREATER_EQUAL;
            case GREATER_EQUAL -> LESS_EQUAL;
            case SUBTRACT, DIVIDE, FLOOR_DIVIDE, REMAINDER, POWER, LEFT_SHIFT, RIGHT_SHIFT, ARCTAN2 -> null;
        };
    }

    /**
     * The op on one pair of real values in float64 (float16, bfloat16 and float32 compute here and round,
     * which gives the correctly rounded result for the basic operations); predicates give 1 or 0. The
     * scalar semantics every kernel without a vector loop for the op uses; the vector loops agree with it.
     *
     * @throws IllegalStateException for the ops defined only on integers
     */
    public double applyReal(double x, double y) {
        return switch (this) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> x / y;
            case FLOOR_DIVIDE -> Math.floor(x / y);
            case REMAINDER -> remainder(x, y);
            case POWER -> Math.pow(x, y);
            case MAXIMUM -> Math.max(x, y);
            case MINIMUM -> Math.min(x, y);
            case EQUAL -> x == y ? 1 : 0;
            case NOT_EQUAL -> x != y ? 1 : 0;
            case LESS -> x < y ? 1 : 0;
            case LESS_EQUAL -> x <= y ? 1 : 0;
            case GREATER -> x > y ? 1 : 0;
            case GREATER_EQUAL -> x >= y ? 1 : 0;
            case LOGICAL_AND -> x != 0 && y != 0 ? 1 : 0;
            case LOGICAL_OR -> x != 0 || y != 0 ? 1 : 0;
            case LOGICAL_XOR -> (x != 0) != (y != 0) ? 1 : 0;
            case ARCTAN2 -> Math.atan2(x, y);
            case LOGADDEXP -> {
                if (Double.isNaN(x) || Double.isNaN(y)) yield Double.NaN;
                double hi = Math.max(x, y), lo = Math.min(x, y);
                yield lo == Double.NEGATIVE_INFINITY || hi == Double.POSITIVE_INFINITY ? hi : hi + Math.log1p(Math.exp(lo - hi));
            }
            case BITWISE_AND, BITWISE_OR, BITWISE_XOR, LEFT_SHIFT, RIGHT_SHIFT ->
                    throw new IllegalStateException(opName() + " is defined on integers only");
        };
    }

    /**
     * The op on one pair of integer values widened to long (zero-extended when {@code unsigned}; a uint64
     * holds its bits), for a dtype of {@code bits} bits; the result wraps when narrowed to the dtype, and
     * predicates give 0 or 1. Division by zero gives 0, shifts by {@code bits} or more give 0 (or -1 for a
     * negative value shifted right), as MLX's CPU backend does.
     *
     * @throws IllegalStateException for the ops that compute integers in float32
     */
    public long applyIntegral(long x, long y, int bits, boolean unsigned) {
        boolean u64 = unsigned && bits == 64;
        return switch (this) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> y == 0 ? 0 : u64 ? Long.divideUnsigned(x, y) : x / y;
            case FLOOR_DIVIDE -> y == 0 ? 0 : u64 ? Long.divideUnsigned(x, y) : Math.floorDiv(x, y);
            case REMAINDER -> y == 0 ? 0 : u64 ? Long.remainderUnsigned(x, y) : Math.floorMod(x, y);
            case POWER -> integerPower(x, y, !unsigned);
            case MAXIMUM -> compare(u64, x, y) >= 0 ? x : y;
            case MINIMUM -> compare(u64, x, y) <= 0 ? x : y;
            case EQUAL -> x == y ? 1 : 0;
            case NOT_EQUAL -> x != y ? 1 : 0;
            case LESS -> compare(u64, x, y) < 0 ? 1 : 0;
            case LESS_EQUAL -> compare(u64, x, y) <= 0 ? 1 : 0;
            case GREATER -> compare(u64, x, y) > 0 ? 1 : 0;
            case GREATER_EQUAL -> compare(u64, x, y) >= 0 ? 1 : 0;
            case LOGICAL_AND -> x != 0 && y != 0 ? 1 : 0;
            case LOGICAL_OR -> x != 0 || y != 0 ? 1 : 0;
            case LOGICAL_XOR -> (x != 0) != (y != 0) ? 1 : 0;
            case BITWISE_AND -> x & y;
            case BITWISE_OR -> x | y;
            case BITWISE_XOR -> x ^ y;
            // A uint64 count of 2^63 or more is negative here, and out of range either way.
            case LEFT_SHIFT -> y >= 0 && y < bits ? x << y : 0;
            case RIGHT_SHIFT -> y >= 0 && y < bits ? (u64 ? x >>> y : x >> y) : (!unsigned && x < 0 ? -1 : 0);
            case ARCTAN2, LOGADDEXP -> throw new IllegalStateException(opName() + " computes integers in float32");
        };
    }

    /** Python's {@code %} on floats: the result has the divisor's sign (or is a zero of the divisor's sign). */
    public static double remainder(double x, double y) {
        double r = x % y;
        if (r != 0) {
            if ((r < 0) != (y < 0)) r += y;
        } else {
            r = Math.copySign(0.0, y);
        }
        return r;
    }

    private static int compare(boolean u64, long x, long y) { return u64 ? Long.compareUnsigned(x, y) : Long.compare(x, y); }

    /** {@code base ** exp} by repeated squaring, wrapping; {@code exp} is unsigned unless {@code signed}. */
    private static long integerPower(long base, long exp, boolean signed) {
        if (signed && exp < 0) {
            if (base == 1) return 1;
            if (base == -1) return (exp & 1) == 0 ? 1 : -1;
            return 0;
        }
        long r = 1;
        while (exp != 0) {
            if ((exp & 1) != 0) r *= base;
            exp >>>= 1;
            base *= base;
        }
        return r;
    }

    /** Shared rules and formulas (an enum constant cannot refer to the enum's static fields). */
    private static final class Rules {
        /** Every kind, bool included (add is or, multiply is and, as in MLX). */
        static final DTypeRule ARITHMETIC = DTypeRule.all(Result.SAME);
        /** Every numeric kind, complex included; not bool. */
        static final DTypeRule NUMERIC = DTypeRule.of(REJECT, COMPUTE, COMPUTE, COMPUTE, Result.SAME);
        /** Integers and floats (no bool, no complex). */
        static final DTypeRule REAL = DTypeRule.of(REJECT, COMPUTE, COMPUTE, REJECT, Result.SAME);
        /** Ordered kinds: bool, integers and floats. */
        static final DTypeRule ORDERED = DTypeRule.of(COMPUTE, COMPUTE, COMPUTE, REJECT, Result.SAME);
        static final DTypeRule COMPARISON = DTypeRule.of(COMPUTE, COMPUTE, COMPUTE, REJECT, Result.BOOL);
        static final DTypeRule LOGICAL = DTypeRule.of(TO_BOOL, TO_BOOL, TO_BOOL, TO_BOOL, Result.BOOL);
        static final DTypeRule BITWISE = DTypeRule.of(COMPUTE, COMPUTE, REJECT, REJECT, Result.SAME);
        /** Real floating math; integers compute in float32. */
        static final DTypeRule REAL_MATH = DTypeRule.of(TO_FLOAT32, TO_FLOAT32, COMPUTE, REJECT, Result.SAME);

        /** {@code max + log1p(exp(min - max))}; the max itself where min is -inf or max is +inf (NaN stays NaN). */
        static LaneFormula logaddexp() {
            LaneFormula hi = bin("MAX", X, Y), lo = bin("MIN", X, Y);
            LaneFormula r = bin("ADD", hi, un("LOG1P", un("EXP", bin("SUB", lo, hi))));
            return blend(r, hi, new MaskOp("or", cmp("EQ", lo, k(Double.NEGATIVE_INFINITY)), cmp("EQ", hi, k(Double.POSITIVE_INFINITY))));
        }
    }
}
