package org.mlx4j.lm.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlx4j.lm.sample.LogitsProcessor;
import org.mlx4j.lm.sample.Sampler;

/**
 * What a generation does, as Python mlx-lm's {@code generate} arguments: how many tokens, how to sample them,
 * when to stop, and how to prefill and cache. Build from {@link #defaults()} with the {@code with...} methods.
 *
 * <pre>{@code
 * import org.mlx4j.lm.generate.GenerationOptions;
 *
 * GenerationOptions options = GenerationOptions.defaults().withMaxTokens(64).withTemperature(0.7).withTopP(0.9)
 *         .withSeed(42).withStopStrings(List.of("\n\n"));
 * assert options.maxTokens() == 64 && options.seed() == 42L;
 * }</pre>
 *
 * @param maxTokens the most tokens to generate
 * @param temperature the sampling temperature (0: greedy)
 * @param topP nucleus sampling mass in {@code (0, 1]} (1: off)
 * @param topK sample among the k most likely ({@code <= 0}: off)
 * @param minP drop tokens below this fraction of the most likely token's probability (0: off)
 * @param repetitionPenalty the CTRL repetition penalty (1: off)
 * @param repetitionContextSize how many recent tokens the penalty looks at
 * @param logitBias a bias added to the logits of some token ids
 * @param seed the random seed, or null for the global random state
 * @param stopStrings text that ends the generation (not included in the output)
 * @param ignoreEos whether end-of-sequence tokens are generated through instead of ending
 * @param prefillStepSize how many prompt tokens each prefill chunk processes
 * @param maxKvSize keep only this many positions in the KV cache (0: all; see
 *     {@link org.mlx4j.lm.cache.RotatingKVCache})
 * @param kvBits quantize the KV cache to 4 or 8 bits (0: off; see {@link org.mlx4j.lm.cache.QuantizedKVCache})
 * @param kvGroupSize the KV cache's quantization group size
 */
public record GenerationOptions(int maxTokens, double temperature, double topP, int topK, double minP,
        double repetitionPenalty, int repetitionContextSize, Map<Integer, Double> logitBias, Long seed,
        List<String> stopStrings, boolean ignoreEos, int prefillStepSize, int maxKvSize, int kvBits, int kvGroupSize) {

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException naming the option that is out of range
     */
    public GenerationOptions {
        if (maxTokens < 0) throw new IllegalArgumentException("GenerationOptions: maxTokens must be >= 0, got " + maxTokens);
        if (prefillStepSize < 1) throw new IllegalArgumentException("GenerationOptions: prefillStepSize must be >= 1, got " + prefillStepSize);
        if (maxKvSize < 0) throw new IllegalArgumentException("GenerationOptions: maxKvSize must be >= 0, got " + maxKvSize);
        if (kvBits != 0 && kvBits != 4 && kvBits != 8) throw new IllegalArgumentException("GenerationOptions: kvBits must be 0, 4 or 8, got " + kvBits);
        if (kvBits != 0 && maxKvSize != 0) throw new IllegalArgumentException("GenerationOptions: maxKvSize and kvBits do not combine");
        logitBias = Map.copyOf(logitBias);
        stopStrings = List.copyOf(stopStrings);
        for (String s : stopStrings) if (s.isEmpty()) throw new IllegalArgumentException("GenerationOptions: a stop string is empty");
        Sampler.of(temperature, topK, topP, minP); // checks the sampling parameters
        if (repetitionPenalty != 1) LogitsProcessor.repetitionPenalty(repetitionPenalty, repetitionContextSize);
    }

    /**
     * mlx-lm's defaults: 256 tokens, greedy, no filters or penalties, stop at EOS, prefill in chunks of 2048.
     *
     * @return the default options
     */
    public static GenerationOptions defaults() {
        return new GenerationOptions(256, 0, 1, 0, 0, 1, 20, Map.of(), null, List.of(), false, 2048, 0, 0, 64);
    }

    /**
     * These options with the most tokens to generate changed.
     *
     * @param n the most tokens to generate
     * @return new options
     */
    public GenerationOptions withMaxTokens(int n) { return new GenerationOptions(n, temperature, topP, topK, minP, repetitionPenalty, repetitionContextSize, logitBias, seed, stopStrings, ignoreEos, prefillStepSize, maxKvSize, kvBits, kvGroupSize); }

    /**
     * These options with the temperature (0: greedy) changed.
     *
     * @param t the temperature (0: greedy)
     * @return new options
     */
    public GenerationOptions withTemperature(double t) { return new GenerationOptions(maxTokens, t, topP, topK, minP, repetitionPenalty, repetitionContextSize, logitBias, seed, stopStrings, ignoreEos, prefillStepSize, maxKvSize, kvBits, kvGroupSize); }

    /**
     * These options with the nucleus mass changed.
     *
     * @param p the nucleus mass
     * @return new options
     */
    public GenerationOptions withTopP(double p) { return new GenerationOptions(maxTokens, temperature, p, topK, minP, repetitionPenalty, repetitionContextSize, logitBias, seed, stopStrings, ignoreEos, prefillStepSize, maxKvSize, kvBits, kvGroupSize); }

    /**
     * These options with how many of the most likely tokens may be drawn changed.
     *
     * @param k how many of the most likely tokens may be drawn
     * @return new options
     */
    public GenerationOptions withTopK(int k) { return new GenerationOptions(maxTokens, temperature, topP, k, minP, repetitionPenalty, repetitionContextSize, logitBias, seed, stopStrings, ignoreEos, prefillStepSize, maxKvSize, kvBits, kvGroupSize); }

    /**
     * These options with the min-p fraction changed.
     *
     * @param p the min-p fraction
     * @return new options
     */
    public GenerationOptions withMinP(double p) { return new GenerationOptions(maxTokens, temperature, topP, topK, p, repetitionPenalty, repetitionContextSize, logitBias, seed, stopStrings, ignoreEos, prefillStepSize, maxKvSize, kvBits, kvGroupSize); }

    /**
     * These options with the repetition penalty and the recent tokens it looks at changed.
     *
     * @param penalty the repetition penalty
     * @param contextSize the recent tokens it looks at
     * @return new options
     */
    public GenerationOptions withRepetitionPenalty(double penalty, int contextSize) { return new GenerationOptions(maxTokens, temperature, topP, topK, minP, penalty, contextSize, logitBias, seed, stopStrings, ignoreEos, prefillStepSize, maxKvSize, kvBits, kvGroupSize); }

    /**
     * These options with the bias by token id changed.
     *
     * @param bias the bias by token id
     * @return new options
     */
    public GenerationOptions withLogitBias(Map<Integer, Double> bias) { return new GenerationOptions(maxTokens, temperature, topP, topK, minP, repetitionPenalty, repetitionContextSize, bias, seed, stopStrings, ignoreEos, prefillStepSize, maxKvSize, kvBits, kvGroupSize); }

    /**
     * These options with the random seed changed.
     *
     * @param s the random seed
     * @return new options
     */
    public GenerationOptions withSeed(long s) { return new GenerationOptions(maxTokens, temperature, topP, topK, minP, repetitionPenalty, repetitionContextSize, logitBias, s, stopStrings, ignoreEos, prefillStepSize, maxKvSize, kvBits, kvGroupSize); }

    /**
     * These options with the stop strings changed.
     *
     * @param stops the stop strings
     * @return new options
     */
    public GenerationOptions withStopStrings(List<String> stops) { return new GenerationOptions(maxTokens, temperature, topP, topK, minP, repetitionPenalty, repetitionContextSize, logitBias, seed, new ArrayList<>(stops), ignoreEos, prefillStepSize, maxKvSize, kvBits, kvGroupSize); }

    /**
     * These options with whether EOS tokens are generated through changed.
     *
     * @param ignore whether EOS tokens are generated through
     * @return new options
     */
    public GenerationOptions withIgnoreEos(boolean ignore) { return new GenerationOptions(maxTokens, temperature, topP, topK, minP, repetitionPenalty, repetitionContextSize, logitBias, seed, stopStrings, ignore, prefillStepSize, maxKvSize, kvBits, kvGroupSize); }

    /**
     * These options with prompt tokens per prefill chunk changed.
     *
     * @param n prompt tokens per prefill chunk
     * @return new options
     */
    public GenerationOptions withPrefillStepSize(int n) { return new GenerationOptions(maxTokens, temperature, topP, topK, minP, repetitionPenalty, repetitionContextSize, logitBias, seed, stopStrings, ignoreEos, n, maxKvSize, kvBits, kvGroupSize); }

    /**
     * These options with positions the KV cache keeps (0: all) changed.
     *
     * @param n positions the KV cache keeps (0: all)
     * @return new options
     */
    public GenerationOptions withMaxKvSize(int n) { return new GenerationOptions(maxTokens, temperature, topP, topK, minP, repetitionPenalty, repetitionContextSize, logitBias, seed, stopStrings, ignoreEos, prefillStepSize, n, kvBits, kvGroupSize); }

    /**
     * These options with KV cache bits (0: off) and its group size changed.
     *
     * @param bits KV cache bits (0: off)
     * @param groupSize its group size
     * @return new options
     */
    public GenerationOptions withKvQuantization(int bits, int groupSize) { return new GenerationOptions(maxTokens, temperature, topP, topK, minP, repetitionPenalty, repetitionContextSize, logitBias, seed, stopStrings, ignoreEos, prefillStepSize, maxKvSize, bits, groupSize); }

    /**
     * The sampler these options describe.
     *
     * @return the sampler
     */
    public Sampler sampler() { return Sampler.of(temperature, topK, topP, minP); }
}
