package org.mlx4j.core;

/**
 * What {@link Mx#valueAndGrad(TreeFn, int[], String...)} returns: the function's result and the gradients
 * of its value.
 *
 * @param output what the function returned: the scalar value, or the list of it and the auxiliary outputs
 * @param grads the gradients of the value
 */
public record TreeValueAndGrad(Object output, TreeGrads grads) {
    /**
     * The value that was differentiated: the output itself, or the first element of the output list.
     *
     * @return the scalar value
     */
    public Array value() { return TreeAutodiff.scalar(output); }
}
