/**
 * Generation: chunked prefill and one-step-ahead decoding ({@link org.mlx4j.lm.generate.DecodeStep},
 * {@link org.mlx4j.lm.generate.TokenGenerator}), text with stop strings and statistics
 * ({@link org.mlx4j.lm.generate.TextGenerator}), prompt-prefix reuse ({@link org.mlx4j.lm.generate.PromptCache}).
 */
package org.mlx4j.lm.generate;
