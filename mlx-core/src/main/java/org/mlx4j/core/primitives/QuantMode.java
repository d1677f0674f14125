package org.mlx4j.core.primitives;

/**
 * MLX's quantization modes: {@code affine} (integer codes with a scale and a bias per group), and the
 * microscaling float formats {@code mxfp4} (FP4 E2M1 codes, an E8M0 power-of-two scale per 32),
 * {@code nvfp4} (FP4 E2M1 codes, an FP8 E4M3 scale per 16) and {@code mxfp8} (FP8 E4M3 codes, an E8M0
 * scale per 32).
 */
public enum QuantMode {
    AFFINE("affine", 64, 4),
    MXFP4("mxfp4", 32, 4),
    NVFP4("nvfp4", 16, 4),
    MXFP8("mxfp8", 32, 8);

    private final String mlxName;
    private final int defaultGroupSize;
    private final int defaultBits;

    QuantMode(String mlxName, int defaultGroupSize, int defaultBits) {
        this.mlxName = mlxName;
        this.defaultGroupSize = defaultGroupSize;
        this.defaultBits = defaultBits;
    }

    /** MLX's name of the mode, e.g. {@code affine}. */
    public String mlxName() { return mlxName; }

    /** The group size MLX uses when none is given (for the float modes, the only one allowed). */
    public int defaultGroupSize() { return defaultGroupSize; }

    /** The bits MLX uses when none are given (for the float modes, the only value allowed). */
    public int defaultBits() { return defaultBits; }

    /** Whether the mode has a bias per group (only {@code affine}). */
    public boolean hasBiases() { return this == AFFINE; }

    /** The mode MLX calls {@code name}; {@code op} names the operation in the error. */
    public static QuantMode of(String name, String op) {
        for (QuantMode m : values()) if (m.mlxName.equals(name)) return m;
        throw new IllegalArgumentException(op + ": unknown quantization mode '" + name
                + "'; valid modes are affine, mxfp4, nvfp4 and mxfp8");
    }

    /**
     * Checks group size and bits for this mode: affine takes groups of 32, 64 or 128 and 2, 3, 4, 5, 6 or 8
     * bits; each float mode takes only its own group size and bits.
     */
    public void check(String op, int groupSize, int bits) {
        if (this == AFFINE) {
            if (groupSize != 32 && groupSize != 64 && groupSize != 128) {
                throw new IllegalArgumentException(op + ": group size " + groupSize
                        + " is not supported; affine quantization takes group sizes 32, 64 and 128");
            }
            if (bits < 2 || bits > 8 || bits == 7) {
                throw new IllegalArgumentException(op + ": " + bits
                        + " bits are not supported; affine quantization takes 2, 3, 4, 5, 6 and 8 bits");
            }
            return;
        }
        if (groupSize != defaultGroupSize) {
            throw new IllegalArgumentException(op + ": " + mlxName + " quantization requires group size "
                    + defaultGroupSize + " but got " + groupSize);
        }
        if (bits != defaultBits) {
            throw new IllegalArgumentException(op + ": " + mlxName + " quantization requires bits to be "
                    + defaultBits + " but got " + bits);
        }
    }
}
