package org.mlx4j.core;

/**
 * How {@link Array#toString()} prints: significant digits of floating elements, and when and how much to
 * summarise large arrays. {@link #defaults()} are MLX's (six digits, arrays over 1000 elements summarised to
 * three items at each edge). Set with {@link Mx#setPrintOptions}; scope with {@link Mx#withPrintOptions}.
 * MLX: {@code mx.set_printoptions}.
 *
 * @param precision significant digits of floating elements (1 to 17)
 * @param threshold arrays with more elements than this are summarised
 * @param edgeItems items kept at each edge of a summarised axis (at least 1)
 */
public record PrintOptions(int precision, int threshold, int edgeItems) {
    /**
     * Checks the options.
     *
     * @param precision significant digits (1 to 17)
     * @param threshold the summarising threshold (at least 0)
     * @param edgeItems items at each edge (at least 1)
     * @throws IllegalArgumentException if a value is out of range
     */
    public PrintOptions {
        if (precision < 1 || precision > 17) {
            throw new IllegalArgumentException("PrintOptions: precision must be in [1, 17] significant digits, got " + precision);
        }
        if (threshold < 0) throw new IllegalArgumentException("PrintOptions: threshold must be at least 0, got " + threshold);
        if (edgeItems < 1) throw new IllegalArgumentException("PrintOptions: edgeItems must be at least 1, got " + edgeItems);
    }

    /**
     * MLX's defaults: 6 significant digits, threshold 1000, 3 edge items.
     *
     * @return the default options
     */
    public static PrintOptions defaults() { return new PrintOptions(6, 1000, 3); }

    /**
     * These options with another precision.
     *
     * @param digits significant digits (1 to 17)
     * @return the changed copy
     */
    public PrintOptions withPrecision(int digits) { return new PrintOptions(digits, threshold, edgeItems); }

    /**
     * These options with another threshold.
     *
     * @param elements arrays with more elements are summarised
     * @return the changed copy
     */
    public PrintOptions withThreshold(int elements) { return new PrintOptions(precision, elements, edgeItems); }

    /**
     * These options with another number of edge items.
     *
     * @param items items kept at each edge of a summarised axis
     * @return the changed copy
     */
    public PrintOptions withEdgeItems(int items) { return new PrintOptions(precision, threshold, items); }
}
