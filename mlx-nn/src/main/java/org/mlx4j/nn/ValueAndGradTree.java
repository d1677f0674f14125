package org.mlx4j.nn;

import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;

/**
 * What {@link Nn#valueAndGrad} gives: the loss function's outputs and the gradient of the first one with respect
 * to the model's trainable parameters, shaped like {@link Module#trainableParameters()}.
 *
 * @param values the loss function's outputs
 * @param grads the gradient tree
 */
public record ValueAndGradTree(List<Array> values, Map<String, Object> grads) {
    /**
     * The first output: the loss.
     *
     * @return {@code values().get(0)}
     */
    public Array value() { return values.get(0); }
}
