package org.mlx4j.lm.generate;

import java.util.Locale;

/**
 * What a generation cost, as Python mlx-lm's {@code GenerationResponse} reports it.
 *
 * @param promptTokens prompt tokens processed (those a prompt cache already held not counted)
 * @param promptTokensPerSecond prompt tokens over the time to the first token
 * @param generationTokens tokens generated
 * @param generationTokensPerSecond tokens after the first over the time since the first
 * @param timeToFirstTokenSeconds from the start (prefill included) to the first token
 * @param peakMemoryBytes the allocator's peak while generating
 */
public record GenerationStats(int promptTokens, double promptTokensPerSecond, int generationTokens,
        double generationTokensPerSecond, double timeToFirstTokenSeconds, long peakMemoryBytes) {
    /**
     * One line as mlx-lm prints it.
     *
     * @return e.g. {@code Prompt: 12 tokens, 340.1 tokens-per-sec | Generation: 64 tokens, 51.3 tokens-per-sec | ...}
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Prompt: %d tokens, %.1f tokens-per-sec | Generation: %d tokens, %.1f tokens-per-sec"
                + " | Time to first token: %.3f s | Peak memory: %.3f GB", promptTokens, promptTokensPerSecond, generationTokens,
                generationTokensPerSecond, timeToFirstTokenSeconds, peakMemoryBytes / 1e9);
    }

    /**
     * The statistics as a JSON object.
     *
     * @return {@code {"prompt_tokens": ..., ...}}
     */
    public String toJson() {
        return String.format(Locale.ROOT, "{\"prompt_tokens\": %d, \"prompt_tps\": %.3f, \"generation_tokens\": %d,"
                + " \"generation_tps\": %.3f, \"ttft_s\": %.6f, \"peak_memory_bytes\": %d}", promptTokens, promptTokensPerSecond,
                generationTokens, generationTokensPerSecond, timeToFirstTokenSeconds, peakMemoryBytes);
    }
}
