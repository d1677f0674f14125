package org.mlx4j.core;

import java.util.List;

/** The outputs of a function and the gradients of its first output. */
public record ValueAndGrad(List<Array> values, List<Array> grads) {
    public ValueAndGrad {
        values = List.copyOf(values);
        grads = List.copyOf(grads);
    }

    /** The first output (the value that was differentiated). */
    public Array value() { return values.get(0); }

    /** The gradient with respect to the first differentiated argument. */
    public Array grad() { return grads.get(0); }
}
