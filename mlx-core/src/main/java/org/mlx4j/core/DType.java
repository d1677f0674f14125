package org.mlx4j.core;

/**
 * The element types of an {@link Array}, with MLX's sizes and promotion table.
 * FLOAT64 exists on the CPU only, as in MLX.
 */
public enum DType {
    /** Booleans, one byte each ({@code mx.bool_}). */
    BOOL(1, Kind.BOOL),
    /** Unsigned 8-bit integers ({@code mx.uint8}). */
    UINT8(1, Kind.UNSIGNED),
    /** Unsigned 16-bit integers ({@code mx.uint16}). */
    UINT16(2, Kind.UNSIGNED),
    /** Unsigned 32-bit integers ({@code mx.uint32}). */
    UINT32(4, Kind.UNSIGNED),
    /** Unsigned 64-bit integers ({@code mx.uint64}). */
    UINT64(8, Kind.UNSIGNED),
    /** Signed 8-bit integers ({@code mx.int8}). */
    INT8(1, Kind.SIGNED),
    /** Signed 16-bit integers ({@code mx.int16}). */
    INT16(2, Kind.SIGNED),
    /** Signed 32-bit integers ({@code mx.int32}). */
    INT32(4, Kind.SIGNED),
    /** Signed 64-bit integers ({@code mx.int64}). */
    INT64(8, Kind.SIGNED),
    /** IEEE 754 half precision ({@code mx.float16}). */
    FLOAT16(2, Kind.FLOAT),
    /** Brain floating point: float32's exponent with an 8-bit significand ({@code mx.bfloat16}). */
    BFLOAT16(2, Kind.FLOAT),
    /** IEEE 754 single precision ({@code mx.float32}), the default floating type. */
    FLOAT32(4, Kind.FLOAT),
    /** IEEE 754 double precision ({@code mx.float64}); CPU only, as in MLX. */
    FLOAT64(8, Kind.FLOAT),
    /** Complex numbers of two float32 parts ({@code mx.complex64}). */
    COMPLEX64(8, Kind.COMPLEX);

    /** Categories of element types. */
    public enum Kind {
        /** {@link DType#BOOL}. */
        BOOL,
        /** Unsigned integers. */
        UNSIGNED,
        /** Signed integers. */
        SIGNED,
        /** Real floating types. */
        FLOAT,
        /** {@link DType#COMPLEX64}. */
        COMPLEX
    }

    private final int size;
    private final Kind kind;

    DType(int size, Kind kind) {
        this.size = size;
        this.kind = kind;
    }

    /**
     * Bytes per element.
     *
     * @return the element size in bytes
     */
    public int size() { return size; }

    /**
     * The category of this type.
     *
     * @return the category
     */
    public Kind kind() { return kind; }

    /**
     * Whether this is a real floating type.
     *
     * @return whether this is FLOAT16, BFLOAT16, FLOAT32 or FLOAT64
     */
    public boolean isFloating() { return kind == Kind.FLOAT; }

    /**
     * Whether this is a floating or complex type (NumPy's {@code inexact}).
     *
     * @return whether this is floating or complex
     */
    public boolean isInexact() { return kind == Kind.FLOAT || kind == Kind.COMPLEX; }

    /**
     * Whether this is an integer type.
     *
     * @return whether this is a signed or unsigned integer type (not BOOL)
     */
    public boolean isInteger() { return kind == Kind.SIGNED || kind == Kind.UNSIGNED; }

    /**
     * Whether this is a signed integer type.
     *
     * @return whether this is INT8, INT16, INT32 or INT64
     */
    public boolean isSignedInteger() { return kind == Kind.SIGNED; }

    /**
     * Whether this is an unsigned integer type.
     *
     * @return whether this is UINT8, UINT16, UINT32 or UINT64
     */
    public boolean isUnsignedInteger() { return kind == Kind.UNSIGNED; }

    /**
     * Whether this is the complex type.
     *
     * @return whether this is COMPLEX64
     */
    public boolean isComplex() { return kind == Kind.COMPLEX; }

    /**
     * Lower-case MLX name, e.g. {@code float32}, {@code bool}.
     *
     * @return the name as MLX prints it
     */
    public String mlxName() { return this == BOOL ? "bool" : name().toLowerCase(java.util.Locale.ROOT); }

    /**
     * MLX's type promotion: the smallest type both operands convert to.
     * FLOAT16 with BFLOAT16 gives FLOAT32, UINT64 with a signed integer gives FLOAT32,
     * any integer with a float gives that float, anything with COMPLEX64 gives COMPLEX64.
     *
     * @param a one operand dtype
     * @param b the other operand dtype
     * @return the promoted dtype
     */
    public static DType promote(DType a, DType b) {
        if (a == b) return a;
        if (a == BOOL) return b;
        if (b == BOOL) return a;
        if (a.kind == Kind.COMPLEX || b.kind == Kind.COMPLEX) return COMPLEX64;
        if (a.kind == Kind.FLOAT && b.kind == Kind.FLOAT) {
            if (a.size == 2 && b.size == 2) return FLOAT32; // float16 with bfloat16
            return a.size > b.size ? a : b;
        }
        if (a.kind == Kind.FLOAT) return a;
        if (b.kind == Kind.FLOAT) return b;
        if (a.kind == b.kind) return a.size >= b.size ? a : b;
        DType unsigned = a.kind == Kind.UNSIGNED ? a : b;
        DType signed = a.kind == Kind.SIGNED ? a : b;
        if (unsigned == UINT64) return FLOAT32;
        return signedOfSize(Math.max(2 * unsigned.size, signed.size));
    }

    private static DType signedOfSize(int bytes) {
        return switch (bytes) {
            case 1 -> INT8;
            case 2 -> INT16;
            case 4 -> INT32;
            default -> INT64;
        };
    }
}
