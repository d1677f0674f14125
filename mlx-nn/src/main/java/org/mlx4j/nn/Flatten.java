package org.mlx4j.nn;

import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

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
    public Array forward(Array x) { return Mx.flatten(x, startAxis, endAxis); }

    @Override
    protected String describe() { return "start_axis=" + startAxis + ", end_axis=" + endAxis; }
}
