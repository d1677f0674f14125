package org.mlx4j.spring.boot;

/**
 * How a generation ended, for OpenAI's {@code finish_reason} and {@code usage}.
 *
 * @param promptTokens the prompt's token count
 * @param completionTokens the generated token count
 * @param finishReason {@code stop} (end of sequence or stop string) or {@code length} (max tokens)
 */
public record FinishedGeneration(int promptTokens, int completionTokens, String finishReason) {}
