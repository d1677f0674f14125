package org.mlx4j.core;

/**
 * MLX's abstract dtype categories, the hierarchy {@link Mx#issubdtype} walks: {@code GENERIC} holds
 * {@code BOOL} and {@code NUMBER}; {@code NUMBER} holds {@code INTEGER} (signed and unsigned) and
 * {@code INEXACT} (floating and complex). MLX: {@code mx.generic}, {@code mx.number}, {@code mx.integer},
 * {@code mx.signedinteger}, {@code mx.unsignedinteger}, {@code mx.inexact}, {@code mx.floating},
 * {@code mx.complexfloating}.
 */
public enum DTypeCategory {
    /** Every dtype ({@code mx.generic}). */
    GENERIC(null),
    /** Every numeric dtype: all but BOOL ({@code mx.number}). */
    NUMBER(GENERIC),
    /** Signed and unsigned integers ({@code mx.integer}). */
    INTEGER(NUMBER),
    /** INT8 to INT64 ({@code mx.signedinteger}). */
    SIGNED_INTEGER(INTEGER),
    /** UINT8 to UINT64 ({@code mx.unsignedinteger}). */
    UNSIGNED_INTEGER(INTEGER),
    /** Floating and complex types ({@code mx.inexact}). */
    INEXACT(NUMBER),
    /** FLOAT16, BFLOAT16, FLOAT32, FLOAT64 ({@code mx.floating}). */
    FLOATING(INEXACT),
    /** COMPLEX64 ({@code mx.complexfloating}). */
    COMPLEX_FLOATING(INEXACT);

    private final DTypeCategory parent;

    DTypeCategory(DTypeCategory parent) { this.parent = parent; }

    /**
     * The category directly above this one.
     *
     * @return the parent category, or null for {@link #GENERIC}
     */
    public DTypeCategory parent() { return parent; }

    /**
     * Whether this category is {@code other} or lies below it.
     *
     * @param other the candidate ancestor
     * @return whether this category is {@code other} or one of its descendants
     */
    public boolean isWithin(DTypeCategory other) {
        for (DTypeCategory c = this; c != null; c = c.parent) if (c == other) return true;
        return false;
    }

    /**
     * The most specific category of a dtype (BOOL's is {@link #GENERIC}).
     *
     * @param t the dtype
     * @return its category
     */
    public static DTypeCategory of(DType t) {
        return switch (t.kind()) {
            case BOOL -> GENERIC;
            case SIGNED -> SIGNED_INTEGER;
            case UNSIGNED -> UNSIGNED_INTEGER;
            case FLOAT -> FLOATING;
            case COMPLEX -> COMPLEX_FLOATING;
        };
    }
}
