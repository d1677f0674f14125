package org.mlx4j.nn;

/**
 * Channel dropout for {@code [N, H, W, C]} or {@code [H, W, C]} input, as MLX's {@code nn.Dropout2d}: in training
 * mode each channel of each sample is zeroed as a whole with probability {@code p}, the rest scaled by
 * {@code 1 / (1 - p)}.
 */
public class Dropout2d extends ChannelDropout {
    /**
     * The layer.
     *
     * @param p the probability of zeroing a channel, in {@code [0, 1)}
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1)}
     */
    public Dropout2d(double p) { super(p, 2); }

    /** The layer with MLX's default probability, 0.5. */
    public Dropout2d() { this(0.5); }
}
