package org.mlx4j.core;

/**
 * A Python slice {@code start:stop:step} for {@link Array#get(Object...)}; null bounds mean "from the
 * start" / "to the end" (in the step's direction), negative bounds count from the end.
 * Out-of-range bounds are clamped, as Python clamps them.
 *
 * @param start the first index, or null
 * @param stop the end (exclusive), or null
 * @param step the step (non-zero; negative runs backwards)
 */
public record Slice(Integer start, Integer stop, int step) {
    /**
     * Checks the step.
     *
     * @throws IllegalArgumentException if {@code step} is zero
     */
    public Slice {
        if (step == 0) throw new IllegalArgumentException("Slice: step cannot be zero");
    }

    /**
     * {@code :}
     *
     * @return the slice
     */
    public static Slice all() { return new Slice(null, null, 1); }

    /**
     * {@code start:stop}
     *
     * @param start the first index (negative counts from the end)
     * @param stop the end, exclusive (negative counts from the end)
     * @return the slice
     */
    public static Slice of(int start, int stop) { return new Slice(start, stop, 1); }

    /**
     * {@code start:stop:step}
     *
     * @param start the first index (negative counts from the end), or null for the start in the step's
     * direction
     * @param stop the end, exclusive (negative counts from the end), or null for the end in the step's
     * direction
     * @param step the step (non-zero)
     * @return the slice
     * @throws IllegalArgumentException if {@code step} is zero
     */
    public static Slice of(Integer start, Integer stop, int step) { return new Slice(start, stop, step); }

    /**
     * {@code start:}
     *
     * @param start the first index (negative counts from the end)
     * @return the slice
     */
    public static Slice from(int start) { return new Slice(start, null, 1); }

    /**
     * {@code :stop}
     *
     * @param stop the end, exclusive (negative counts from the end)
     * @return the slice
     */
    public static Slice to(int stop) { return new Slice(null, stop, 1); }

    /**
     * {@code ::step}
     *
     * @param step the step (non-zero)
     * @return the slice
     * @throws IllegalArgumentException if {@code step} is zero
     */
    public static Slice step(int step) { return new Slice(null, null, step); }

    /** {start, step, length} over an axis of extent {@code dim}, with Python's clamping. */
    int[] resolve(int dim) {
        int s = start != null ? start : (step > 0 ? 0 : dim - 1);
        int e = stop != null ? stop : (step > 0 ? dim : -dim - 1);
        return ShapeOps.pythonSlice("slice", dim, s, e, step);
    }

    /**
     * The slice as Python writes it.
     *
     * @return for example {@code 1:3} or {@code ::-1}
     */
    @Override
    public String toString() {
        return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == 1 ? "" : ":" + step);
    }
}
