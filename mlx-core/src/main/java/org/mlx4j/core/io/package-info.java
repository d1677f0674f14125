/**
 * Loading and saving arrays in NumPy's {@code .npy} and {@code .npz} formats and in {@code .safetensors},
 * as MLX's {@code mx.load}, {@code mx.save}, {@code mx.savez} and {@code mx.save_safetensors}:
 * {@link org.mlx4j.core.io.ArrayIO}. Failures are {@link org.mlx4j.core.io.ArrayFileException}s naming the
 * file and the problem.
 */
package org.mlx4j.core.io;
