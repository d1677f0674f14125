/**
 * Loading and saving arrays in NumPy's {@code .npy} and {@code .npz} formats, in {@code .safetensors} and in
 * GGUF ({@code .gguf}, quantized Q4_0/Q4_1/Q8_0 tensors dequantised or kept in MLX's affine form), as MLX's
 * {@code mx.load}, {@code mx.save}, {@code mx.savez}, {@code mx.save_safetensors} and {@code mx.save_gguf}:
 * {@link org.mlx4j.core.io.ArrayIO}. Failures are {@link org.mlx4j.core.io.ArrayFileException}s naming the
 * file and the problem.
 */
package org.mlx4j.core.io;
