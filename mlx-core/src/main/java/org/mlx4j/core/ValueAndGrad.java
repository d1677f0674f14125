package org.mlx4j.core;

import java.util.List;

/**
 * The outputs of a function and the gradients of its first output, what {@link Mx#valueAndGrad} returns.
 *
 * @param values the function's outputs
 * @param grads one gradient per differentiated argument, of that argument's shape
 */
public record ValueAndGrad(List<Array> values, List<Array> grads) {
    /** Copies both lists (unmodifiable). */
    public ValueAndGrad {
        values = List.copyOf(values);
        grads = List.copyOf(grads);
    }

    /**
     * The first output (the value that was differentiated).
     *
     * @return the first output
     */
    public Array value() { return values.get(0); }

    /**
     * The gradient with respect to the first differentiated argument.
     *
     * @return the first gradient
     */
    public Array grad() { return grads.get(0); }
}
