package org.mlx4j.nn;

import java.util.Arrays;
import org.mlx4j.core.Array;

/**
 * Merges the axes {@code startAxis..endAxis} (negative values count from the end) into one; by default every axis
 * after the batch axis, which turns images {@code [N, H, W, C]} into vectors {@code [N, H * W * C]}. No parameters.
 */
public class Flatten extends Module implements UnaryLayer {
    private final int startAxis;
    private final int endAxis;

    /** Flattens every axis but the first. */
    public Flatten() { this(1, -1); }

    /**
     * Flattens the axes from {@code startAxis} to {@code endAxis}, both included.
     *
     * @param startAxis the first axis
     * @param endAxis the last axis
     */
    public Flatten(int startAxis, int endAxis) {
        this.startAxis = startAxis;
        this.endAxis = endAxis;
    }

    @Override
    public Array forward(Array x) {
        int[] s = x.shape();
        int start = startAxis < 0 ? startAxis + s.length : startAxis, end = endAxis < 0 ? endAxis + s.length : endAxis;
        if (start < 0 || end >= s.length || start > end) {
            throw new IllegalArgumentException("Flatten: axes " + startAxis + ".." + endAxis + " do not fit the shape "
                    + Arrays.toString(s));
        }
        int[] out = new int[s.length - (end - start)];
        System.arraycopy(s, 0, out, 0, start);
        long merged = 1;
        for (int i = start; i <= end; i++) merged *= s[i];
        out[start] = Math.toIntExact(merged);
        System.arraycopy(s, end + 1, out, start + 1, s.length - end - 1);
        return x.reshape(out);
    }

    @Override
    protected String describe() { return "start_axis=" + startAxis + ", end_axis=" + endAxis; }
}
