package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The log_sigmoid activation as a layer; see {@link Activations}. MLX: {@code nn.LogSigmoid}. */
public class LogSigmoid extends Module implements UnaryLayer {
    /** The layer. */
    public LogSigmoid() {}

    @Override
    public Array forward(Array x) { return Activations.logSigmoid(x); }
}
