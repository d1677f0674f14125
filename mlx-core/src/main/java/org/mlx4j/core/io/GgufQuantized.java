package org.mlx4j.core.io;

/**
 * What loading a GGUF file makes of its block-quantized tensors (Q4_0, Q4_1, Q8_0, groups of 32 elements).
 * MLX: {@code mlx.core.load} of a {@code .gguf} file keeps them quantized ({@link #MLX_AFFINE}).
 */
public enum GgufQuantized {
    /** Dequantised to FLOAT32, as GGML dequantises them, in the tensor's shape. */
    DEQUANTIZE,
    /**
     * Kept quantized, in MLX's affine layout as MLX's GGUF loader gives them: a tensor {@code name.weight} of shape
     * {@code [..., n]} becomes {@code name.weight} (UINT32, {@code [..., n * bits / 32]}, values packed
     * little-endian from the low bits), {@code name.scales} and {@code name.biases} (FLOAT16,
     * {@code [..., n / 32]}), with {@code bits} 4 for Q4_0 and Q4_1 and 8 for Q8_0 and group size 32, ready for
     * {@code dequantize} and {@code quantizedMatmul}. A tensor whose name does not end in {@code .weight} gives
     * {@code name}, {@code name.scales} and {@code name.biases}.
     */
    MLX_AFFINE
}
