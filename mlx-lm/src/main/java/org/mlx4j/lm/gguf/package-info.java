/** GGUF export of Hugging Face Llama checkpoints for llama.cpp: {@link org.mlx4j.lm.gguf.LlamaGgufExport}. */
package org.mlx4j.lm.gguf;
