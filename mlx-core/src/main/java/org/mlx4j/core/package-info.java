/**
 * The MLX programming model on the JVM: lazy n-dimensional {@link org.mlx4j.core.Array}s, the op facade
 * {@link org.mlx4j.core.Mx} (MLX's {@code mlx.core}, names in lowerCamelCase), evaluation with
 * {@link org.mlx4j.core.Mx#eval} and {@link org.mlx4j.core.Mx#asyncEval} on {@link org.mlx4j.core.Stream}s,
 * {@link org.mlx4j.core.Memory} statistics and limits, {@link org.mlx4j.core.Random} (MLX's
 * {@code mlx.core.random}, bit for bit), and the function transformations (grad, vjp, jvp, vmap, checkpoint,
 * compile).
 *
 * <p>Ops build a graph and validate their arguments when called; nothing is computed until an array is
 * evaluated. The rules every op shares (broadcasting, dtype promotion, weak scalars, errors) are in the
 * class comment of {@link org.mlx4j.core.Mx}.
 */
package org.mlx4j.core;
