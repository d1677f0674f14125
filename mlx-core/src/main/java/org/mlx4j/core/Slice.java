package org.mlx4j.core;

/**
 * A Python slice {@code start:stop:step} for {@link Array#get(Object...)}; null bounds mean "from the
 * start" / "to the end" (in the step's direction), negative bounds count from the end.
 */
public record Slice(Integer start, Integer stop, int step) {
    public Slice {
        if (step == 0) throw new IllegalArgumentException("Slice: step cannot be zero");
    }

    /** {@code :} */
    public static Slice all() { return new Slice(null, null, 1); }

    /** {@code start:stop} */
    public static Slice of(int start, int stop) { return new Slice(start, stop, 1); }

    /** {@code start:stop:step} */
    public static Slice of(Integer start, Integer stop, int step) { return new Slice(start, stop, step); }

    /** {@code start:} */
    public static Slice from(int start) { return new Slice(start, null, 1); }

    /** {@code :stop} */
    public static Slice to(int stop) { return new Slice(null, stop, 1); }

    /** {@code ::step} */
    public static Slice step(int step) { return new Slice(null, null, step); }

    /** {start, step, length} over an axis of extent {@code dim}, with Python's clamping. */
    int[] resolve(int dim) {
        int s = start != null ? start : (step > 0 ? 0 : dim - 1);
        int e = stop != null ? stop : (step > 0 ? dim : -dim - 1);
        return ShapeOps.pythonSlice("slice", dim, s, e, step);
    }

    @Override
    public String toString() {
        return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == 1 ? "" : ":" + step);
    }
}
