/**
 * Hugging Face tokenizers in plain Java: {@link org.mlx4j.lm.tokenizer.Tokenizer} reads tokenizer.json
 * (byte-level BPE, metaspace BPE with byte fallback, WordPiece, WordLevel) and renders chat templates with Jinjava;
 * {@link org.mlx4j.lm.tokenizer.StreamingDetokenizer} turns generated ids into text as they come.
 */
package org.mlx4j.lm.tokenizer;
