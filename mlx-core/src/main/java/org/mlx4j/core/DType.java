package org.mlx4j.core;

/**
 * The element types of an {@link Array}, with MLX's sizes and promotion table.
 * FLOAT64 exists on the CPU only, as in MLX.
 */
public enum DType {
    BOOL(1, Kind.BOOL),
    UINT8(1, Kind.UNSIGNED), UINT16(2, Kind.UNSIGNED), UINT32(4, Kind.UNSIGNED), UINT64(8, Kind.UNSIGNED),
    INT8(1, Kind.SIGNED), INT16(2, Kind.SIGNED), INT32(4, Kind.SIGNED), INT64(8, Kind.SIGNED),
    FLOAT16(2, Kind.FLOAT), BFLOAT16(2, Kind.FLOAT), FLOAT32(4, Kind.FLOAT), FLOAT64(8, Kind.FLOAT),
    COMPLEX64(8, Kind.COMPLEX);

    /** Categories of element types. */
    public enum Kind { BOOL, UNSIGNED, SIGNED, FLOAT, COMPLEX }

    private final int size;
    private final Kind kind;

    DType(int size, Kind kind) {
        this.size = size;
        this.kind = kind;
    }

    /** Bytes per element. */
    public int size() { return size; }

    public Kind kind() { return kind; }

    public boolean isFloating() { return kind == Kind.FLOAT; }

    public boolean isInexact() { return kind == Kind.FLOAT || kind == Kind.COMPLEX; }

    public boolean isInteger() { return kind == Kind.SIGNED || kind == Kind.UNSIGNED; }

    public boolean isSignedInteger() { return kind == Kind.SIGNED; }

    public boolean isUnsignedInteger() { return kind == Kind.UNSIGNED; }

    public boolean isComplex() { return kind == Kind.COMPLEX; }

    /** Lower-case MLX name, e.g. {@code float32}, {@code bool}. */
    public String mlxName() { return this == BOOL ? "bool" : name().toLowerCase(java.util.Locale.ROOT); }

    /**
     * MLX's type promotion: the smallest type both operands convert to.
     * FLOAT16 with BFLOAT16 gives FLOAT32, UINT64 with a signed integer gives FLOAT32,
     * any integer with a float gives that float, anything with COMPLEX64 gives COMPLEX64.
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
