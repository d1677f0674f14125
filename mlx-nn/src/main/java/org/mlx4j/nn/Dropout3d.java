package org.mlx4j.nn;

import org.mlx4j.core.Array;

/**
 * Channel dropout for {@code [N, D, H, W, C]} or {@code [D, H, W, C]} input, as MLX's {@code nn.Dropout3d}: in
 * training mode each channel of each sample is zeroed as a whole with probability {@code p}, the rest scaled by
 * {@code 1 / (1 - p)}.
 */
public class Dropout3d extends Dropout {
    /**
     * The layer.
     *
     * @param p the probability of zeroing a channel, in {@code [0, 1)}
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1)}
     */
    public Dropout3d(double p) { super(p); }

    /** The layer with MLX's default probability, 0.5. */
    public Dropout3d() { this(0.5); }

    @Override
    protected void checkInput(Array x) {
        if (x.ndim() != 4 && x.ndim() != 5) {
            throw new IllegalArgumentException("Dropout3d: expected [N, D, H, W, C] or [D, H, W, C], got "
                    + java.util.Arrays.toString(x.shape()));
        }
    }

    @Override
    protected int[] maskShape(Array x) {
        int[] s = x.shape();
        s[s.length - 2] = 1;
        s[s.length - 3] = 1;
        s[s.length - 4] = 1;
        return s;
    }
}
