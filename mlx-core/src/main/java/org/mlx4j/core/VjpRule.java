package org.mlx4j.core;

import java.util.List;

/**
 * The backward pass of {@link Mx#customVjp}: the gradients of a function's arguments, given the
 * arguments, the cotangents of its outputs and the outputs themselves (MLX's {@code custom_function.vjp}).
 */
@FunctionalInterface
public interface VjpRule {
    /**
     * The gradients of the arguments.
     *
     * @param args the function's arguments
     * @param cotangents the cotangents of its outputs, one per output
     * @param outputs its outputs
     * @return one gradient per argument, in argument order (null for an argument without one)
     */
    List<Array> vjp(List<Array> args, List<Array> cotangents, List<Array> outputs);
}
