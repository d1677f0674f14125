/**
 * Loading models from disk: Hugging Face and mlx-community directories (sharded, memory-mapped safetensors,
 * quantized checkpoints, quantization on load) and llama.cpp GGUF files ({@link org.mlx4j.lm.load.ModelDirectory}).
 */
package org.mlx4j.lm.load;
