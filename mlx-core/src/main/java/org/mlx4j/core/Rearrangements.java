package org.mlx4j.core;

import java.util.Arrays;
import java.util.List;

/** Ops that move or repeat elements: {@code flip}, {@code roll}, {@code repeat}, {@code tile}. */
final class Rearrangements {
    private Rearrangements() {}

    /** {@code a} reversed along {@code axes} (all axes when none are given): a strided view. */
    static Array flip(Array a, int... axes) {
        int[] s = a.node().shape;
        int[] ax = Shapes.reductionAxes("flip", axes, s.length);
        int[] start = new int[s.length], step = new int[s.length];
        Arrays.fill(step, 1);
        boolean any = false;
        for (int i : ax) {
            if (s[i] <= 1) continue;
            start[i] = s[i] - 1;
            step[i] = -1;
            any = true;
        }
        return any ? ShapeOps.stridedSlice(a, start, step, s.clone()) : a;
    }

    /** {@code a} rolled by {@code shift} along {@code axis}: element {@code i} moves to {@code (i + shift) mod n}. */
    static Array roll(Array a, int shift, int axis) {
        int[] s = a.node().shape;
        int ax = Shapes.axis("roll", axis, s.length);
        int n = s[ax];
        if (n == 0) return a;
        int k = Math.floorMod(shift, n);
        if (k == 0) return a;
        List<Array> parts = ShapeOps.split(a, new int[] {n - k}, ax);
        return ShapeOps.concatenate(List.of(parts.get(1), parts.get(0)), ax);
    }

    /** {@code a} rolled by {@code shifts[i]} along {@code axes[i]} for each i. */
    static Array roll(Array a, int[] shifts, int[] axes) {
        if (shifts.length != axes.length) {
            throw new IllegalArgumentException("roll: " + shifts.length + " shifts for " + axes.length + " axes (need one per axis)");
        }
        Array out = a;
        for (int i = 0; i < axes.length; i++) out = roll(out, shifts[i], axes[i]);
        return out;
    }

    /** The flattened {@code a} rolled by {@code shift}, reshaped back, as MLX's {@code roll} without an axis. */
    static Array roll(Array a, int shift) {
        int[] s = a.node().shape;
        return ShapeOps.reshape(roll(ShapeOps.reshape(a, -1), shift, 0), s.clone());
    }

    /** Each element of {@code a} repeated {@code repeats} times along {@code axis}, as MLX's {@code repeat}. */
    static Array repeat(Array a, int repeats, int axis) {
        if (repeats < 0) throw new IllegalArgumentException("repeat: repeats must be >= 0, got " + repeats);
        int[] s = a.node().shape;
        int ax = Shapes.axis("repeat", axis, s.length);
        Array e = ShapeOps.expandDims(a, ax + 1);
        int[] b = e.node().shape.clone();
        b[ax + 1] = repeats;
        int[] out = s.clone();
        out[ax] = Math.multiplyExact(s[ax], repeats);
        return ShapeOps.reshape(ShapeOps.broadcastTo(e, b), out);
    }

    /** The flattened {@code a} with each element repeated {@code repeats} times. */
    static Array repeat(Array a, int repeats) { return repeat(ShapeOps.reshape(a, -1), repeats, 0); }

    /** {@code a} repeated {@code reps[i]} times along each axis, as NumPy's and MLX's {@code tile}. */
    static Array tile(Array a, int... reps) {
        for (int r : reps) {
            if (r < 0) throw new IllegalArgumentException("tile: repetitions must be >= 0, got " + Arrays.toString(reps));
        }
        int[] s = a.node().shape;
        int nd = Math.max(s.length, reps.length);
        int[] shape = new int[nd], r = new int[nd];
        for (int i = 0; i < nd; i++) {
            shape[i] = i < nd - s.length ? 1 : s[i - (nd - s.length)];
            r[i] = i < nd - reps.length ? 1 : reps[i - (nd - reps.length)];
        }
        Array x = ShapeOps.reshape(a, shape);
        // interleave a unit axis before each axis, broadcast it to the repetitions, merge the pairs
        int[] expanded = new int[2 * nd], target = new int[2 * nd], out = new int[nd];
        for (int i = 0; i < nd; i++) {
            expanded[2 * i] = 1;
            expanded[2 * i + 1] = shape[i];
            target[2 * i] = r[i];
            target[2 * i + 1] = shape[i];
            out[i] = Math.multiplyExact(r[i], shape[i]);
        }
        return ShapeOps.reshape(ShapeOps.broadcastTo(ShapeOps.reshape(x, expanded), target), out);
    }
}
