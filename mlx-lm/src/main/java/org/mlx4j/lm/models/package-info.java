/**
 * Hugging Face causal language models on mlx-nn, with transformers' parameter names (so that weights move
 * between a hub directory and a model unchanged) and configurations read from {@code config.json}
 * ({@link org.mlx4j.lm.models.ModelConfig}). Each architecture implements
 * {@link org.mlx4j.lm.models.LanguageModel}.
 */
package org.mlx4j.lm.models;
