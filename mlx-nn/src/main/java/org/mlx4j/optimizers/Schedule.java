package org.mlx4j.optimizers;

import org.mlx4j.core.Array;

/**
 * A hyper-parameter as a function of the optimizer's step count, as MLX's schedules are: pass one where an
 * optimizer takes a learning rate. See {@link Schedules}.
 */
@FunctionalInterface
public interface Schedule {
    /**
     * The value at {@code step}.
     *
     * @param step the number of updates made so far (a scalar)
     * @return the value, a scalar
     */
    Array at(Array step);
}
