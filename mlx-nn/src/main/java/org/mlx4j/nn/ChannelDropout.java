package org.mlx4j.nn;

import org.mlx4j.core.Array;

/**
 * Dropout of whole channels of channels-last input with {@code spatialAxes} spatial axes, with or without a batch
 * axis: the mask is 1 along the spatial axes.
 */
abstract class ChannelDropout extends Dropout {
    private final int spatialAxes;

    ChannelDropout(double p, int spatialAxes) {
        super(p);
        this.spatialAxes = spatialAxes;
    }

    @Override
    protected void checkInput(Array x) {
        if (x.ndim() != spatialAxes + 1 && x.ndim() != spatialAxes + 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected [N, " + spatialAxes
                    + " spatial axes, C] or the same without N, got " + java.util.Arrays.toString(x.shape()));
        }
    }

    @Override
    protected int[] maskShape(Array x) {
        int[] s = x.shape();
        for (int i = 2; i <= spatialAxes + 1; i++) s[s.length - i] = 1;
        return s;
    }
}
