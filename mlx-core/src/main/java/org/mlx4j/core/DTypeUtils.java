package org.mlx4j.core;

import java.util.Objects;

/** Dtype queries: subtypes, safe casts, array API kinds and result types over arrays, dtypes and scalars. */
final class DTypeUtils {
    private DTypeUtils() {}

    static boolean issubdtype(DType a, DTypeCategory c) {
        Objects.requireNonNull(a, "issubdtype: dtype");
        Objects.requireNonNull(c, "issubdtype: category");
        return a == DType.BOOL ? c == DTypeCategory.GENERIC : DTypeCategory.of(a).isWithin(c);
    }

    /** MLX's {@code can_cast} as the array API defines it: promoting {@code from} with {@code to} gives {@code to}. */
    static boolean canCast(DType from, DType to) {
        Objects.requireNonNull(from, "canCast: from");
        Objects.requireNonNull(to, "canCast: to");
        return DType.promote(from, to) == to;
    }

    /** The array API's {@code isdtype}: a kind name or a dtype name. */
    static boolean isdtype(DType t, String kind) {
        Objects.requireNonNull(t, "isdtype: dtype");
        Objects.requireNonNull(kind, "isdtype: kind");
        return switch (kind) {
            case "bool" -> t == DType.BOOL;
            case "signed integer" -> t.isSignedInteger();
            case "unsigned integer" -> t.isUnsignedInteger();
            case "integral" -> t.isInteger();
            case "real floating" -> t.isFloating();
            case "complex floating" -> t.isComplex();
            case "numeric" -> t != DType.BOOL;
            default -> {
                for (DType d : DType.values()) if (d.mlxName().equals(kind)) yield d == t;
                throw new IllegalArgumentException("isdtype: unknown kind '" + kind + "'; valid: 'bool', 'signed integer',"
                        + " 'unsigned integer', 'integral', 'real floating', 'complex floating', 'numeric' or a dtype name");
            }
        };
    }

    /**
     * The dtype an op over {@code operands} gives, as MLX promotes: arrays and dtypes promote strongly; Java
     * scalars are weak (an integer takes the strong type, BOOL becoming INT32; a floating scalar takes it
     * when inexact, FLOAT32 otherwise; a boolean changes nothing). Scalars alone give BOOL, INT32 or FLOAT32.
     */
    static DType resultType(Object... operands) {
        if (operands == null || operands.length == 0) {
            throw new IllegalArgumentException("resultType: at least one array, dtype or scalar is needed");
        }
        DType strong = null;
        boolean anyInt = false, anyFloat = false;
        for (int i = 0; i < operands.length; i++) {
            switch (operands[i]) {
                case Array a -> strong = strong == null ? a.dtype() : DType.promote(strong, a.dtype());
                case DType d -> strong = strong == null ? d : DType.promote(strong, d);
                case Boolean b -> { } // a weak boolean never changes the type
                case Byte b -> anyInt = true;
                case Short s -> anyInt = true;
                case Integer n -> anyInt = true;
                case Long n -> anyInt = true;
                case Float f -> anyFloat = true;
                case Double d -> anyFloat = true;
                case null -> throw new IllegalArgumentException("resultType: operand " + i + " is null");
                default -> throw new IllegalArgumentException("resultType: operand " + i + " is a "
                        + operands[i].getClass().getName() + "; valid: Array, DType, Boolean, Byte, Short, Integer, Long, Float, Double");
            }
        }
        if (strong == null) return anyFloat ? DType.FLOAT32 : anyInt ? DType.INT32 : DType.BOOL;
        DType t = strong;
        if (anyInt) t = org.mlx4j.core.graph.DTypeRule.WeakScalar.ARRAY_DTYPE.ofInteger(t);
        if (anyFloat) t = org.mlx4j.core.graph.DTypeRule.WeakScalar.ARRAY_DTYPE.ofFloating(t);
        return t;
    }
}
