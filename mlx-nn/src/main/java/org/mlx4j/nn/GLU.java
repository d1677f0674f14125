package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The glu activation as a layer; see {@link Activations}. MLX: {@code nn.GLU}. */
public class GLU extends Module implements UnaryLayer {
    private final int axis;

    /**
     * The layer.
     *
     * @param axis the axis to split (MLX's default -1)
     */
    public GLU(int axis) {
        this.axis = axis;
    }

    /** The layer with MLX's defaults. */
    public GLU() { this(-1); }

    @Override
    public Array forward(Array x) { return Activations.glu(x, axis); }

    @Override
    protected String describe() { return "axis=" + axis; }
}
