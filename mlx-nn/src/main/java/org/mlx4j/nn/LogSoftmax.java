package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The log_softmax activation as a layer; see {@link Activations}. MLX: {@code nn.LogSoftmax}. */
public class LogSoftmax extends Module implements UnaryLayer {
    /** The layer. */
    public LogSoftmax() {}

    @Override
    public Array forward(Array x) { return Activations.logSoftmax(x, -1); }
}
