package org.mlx4j.core.graph;

import java.util.Objects;
import org.mlx4j.core.DType;

/**
 * Which input dtypes an element-wise op accepts and what it produces, as MLX defines them. Binary ops
 * first promote both operands to one dtype ({@link DType#promote}); the rule then says, for each kind of
 * that dtype (bool, integer, floating, complex), what the op does with it, and what the result dtype is.
 *
 * @param bool     the action on bool inputs
 * @param integer  the action on signed and unsigned integer inputs
 * @param floating the action on float16, bfloat16, float32 and float64 inputs
 * @param complex  the action on complex64 inputs
 * @param result   the result dtype given the dtype the op computes in
 * @param weakScalar how a Java scalar operand takes its dtype beside an array
 */
public record DTypeRule(Input bool, Input integer, Input floating, Input complex, Result result, WeakScalar weakScalar) {

    /** What an op does with inputs of one kind of dtype. */
    public enum Input {
        /** Computed in the input's own dtype. */
        COMPUTE,
        /** Converted to float32 first, as MLX's {@code divide} or {@code exp} on integers. */
        TO_FLOAT32,
        /** Converted to bool first (logical ops). */
        TO_BOOL,
        /** The op is the identity for this kind (floor of an integer, real part of a real number). */
        IDENTITY,
        /** The op is zero for this kind, in the input's inexact dtype (imaginary part of a real number). */
        ZEROS,
        /** Not defined: the op throws when called. */
        REJECT
    }

    /** The result dtype, given the dtype the op computes in. */
    public enum Result {
        /** The computed dtype. */
        SAME,
        /** Always bool (comparisons, logical ops, class tests). */
        BOOL,
        /** float32 for a complex64 input, else the computed dtype (real and imaginary parts). */
        REAL,
        /**
         * float32 for a complex64 input, else the computed dtype; the kernel writes the magnitude as a
         * complex number with imaginary part 0 and the op converts it ({@code abs}).
         */
        MAGNITUDE
    }

    /** How a Java {@code long} or {@code double} operand beside an array gets its dtype (MLX's weak scalars). */
    public enum WeakScalar {
        /**
         * The scalar takes the array's dtype, so it never promotes the array: an integer scalar beside a
         * bool array becomes int32, a floating scalar beside a bool or integer array becomes float32.
         */
        ARRAY_DTYPE;

        /** The dtype of an integer scalar beside an array of {@code array}. */
        public DType ofInteger(DType array) { return array == DType.BOOL ? DType.INT32 : array; }

        /** The dtype of a floating scalar beside an array of {@code array}. */
        public DType ofFloating(DType array) { return array.isInexact() ? array : DType.FLOAT32; }
    }

    public DTypeRule {
        Objects.requireNonNull(bool, "bool");
        Objects.requireNonNull(integer, "integer");
        Objects.requireNonNull(floating, "floating");
        Objects.requireNonNull(complex, "complex");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(weakScalar, "weakScalar");
    }

    /** Every kind computed in its own dtype, result as given. */
    static DTypeRule all(Result result) {
        return new DTypeRule(Input.COMPUTE, Input.COMPUTE, Input.COMPUTE, Input.COMPUTE, result, WeakScalar.ARRAY_DTYPE);
    }

    static DTypeRule of(Input bool, Input integer, Input floating, Input complex, Result result) {
        return new DTypeRule(bool, integer, floating, complex, result, WeakScalar.ARRAY_DTYPE);
    }

    /** The action for inputs of {@code t}; a conversion to {@code t} itself is {@link Input#COMPUTE}. */
    public Input action(DType t) {
        Input a = switch (t.kind()) {
            case BOOL -> bool;
            case SIGNED, UNSIGNED -> integer;
            case FLOAT -> floating;
            case COMPLEX -> complex;
        };
        if (a == Input.TO_FLOAT32 && t == DType.FLOAT32 || a == Input.TO_BOOL && t == DType.BOOL) return Input.COMPUTE;
        return a;
    }

    /** True when the op takes inputs of {@code t} as they are (computed, identity or zero), with no conversion. */
    public boolean takesAsIs(DType t) {
        return switch (action(t)) {
            case COMPUTE, IDENTITY, ZEROS -> true;
            case TO_FLOAT32, TO_BOOL, REJECT -> false;
        };
    }

    /** True when the op is defined for inputs of {@code t}, converting them if it must. */
    public boolean accepts(DType t) { return action(t) != Input.REJECT; }

    /** True when the op accepts no floating inputs (bitwise ops and shifts). */
    public boolean integerOnly() { return floating == Input.REJECT && complex == Input.REJECT; }

    /** True when the result is always bool. */
    public boolean producesBool() { return result == Result.BOOL; }

    /**
     * The dtype the op computes in for (promoted) inputs of {@code t}; call {@link #accepts} first (a
     * rejected dtype is a caller's bug here).
     */
    public DType computeType(DType t) {
        return switch (action(t)) {
            case COMPUTE, IDENTITY, ZEROS -> t;
            case TO_FLOAT32 -> DType.FLOAT32;
            case TO_BOOL -> DType.BOOL;
            case REJECT -> throw new IllegalStateException("computeType of a rejected dtype: " + t.mlxName());
        };
    }

    /** The message for an op called on dtypes it does not accept: the op, the inputs and what is valid. */
    public String rejection(String op, String inputs) {
        return op + ": not defined for " + inputs + "; valid: " + validKinds();
    }

    /** The result dtype when the op computes in {@code t}. */
    public DType resultType(DType t) {
        return switch (result) {
            case SAME -> t;
            case BOOL -> DType.BOOL;
            case REAL, MAGNITUDE -> t.isComplex() ? DType.FLOAT32 : t;
        };
    }

    /** The kinds of dtype accepted, in words, for error messages. */
    public String validKinds() {
        StringBuilder sb = new StringBuilder();
        if (bool != Input.REJECT) sb.append("bool, ");
        if (integer != Input.REJECT) sb.append("integer, ");
        if (floating != Input.REJECT) sb.append("floating, ");
        if (complex != Input.REJECT) sb.append("complex64, ");
        return sb.isEmpty() ? "none" : sb.substring(0, sb.length() - 2) + " inputs";
    }
}
