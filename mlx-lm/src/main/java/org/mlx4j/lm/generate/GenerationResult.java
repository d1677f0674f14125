package org.mlx4j.lm.generate;

/**
 * A finished generation.
 *
 * @param ids the generated token ids (an end-of-sequence token that ended it not included)
 * @param text the generated text (up to, not including, a stop string that ended it); empty without a tokenizer
 * @param stats the statistics
 * @param finishReason {@code "stop"} (an end-of-sequence token or a stop string) or {@code "length"} (max tokens)
 */
public record GenerationResult(int[] ids, String text, GenerationStats stats, String finishReason) {}
