package org.mlx4j.lm.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.lm.cache.QuantizedKVCache;
import org.mlx4j.lm.cache.RotatingKVCache;
import org.mlx4j.lm.models.LanguageModel;

/**
 * One sequence's decoding, as Python mlx-lm's {@code generate_step}: the prompt through the model in chunks, then
 * one token at a time, each next token sampled (after the logits processors) from the last position's logits. Every
 * method only builds the graph (nothing is evaluated), so a caller can schedule step {@code n + 1} before reading
 * token {@code n}: {@link TokenGenerator} does that synchronously, mlx-reactive's {@code Generation} reactively.
 *
 * <p>Holds the caches (one per layer) and the tokens so far (for the repetition penalty); {@link #close()} frees the
 * caches.
 */
public final class DecodeStep implements AutoCloseable {
    private final LanguageModel model;
    private final TokenSampler sampler;
    private final List<KVCache> cache;
    private final int prefillStepSize;

    /**
     * Decoding with {@code options}' sampler, processors, prefill chunks and cache kind, into fresh caches.
     *
     * @param model the model
     * @param options the options
     */
    public DecodeStep(LanguageModel model, GenerationOptions options) { this(model, options, newCache(model, options)); }

    /**
     * Decoding into the given caches (a prompt cache's, already holding a prefix).
     *
     * @param model the model
     * @param options the options
     * @param cache one cache per layer
     */
    public DecodeStep(LanguageModel model, GenerationOptions options, List<KVCache> cache) {
        this(model, options, cache, new TokenSampler(options, model.config().vocabSize()));
    }

    /** Decoding into the given caches with the given sampler (a batched row keeps sampling with it). */
    DecodeStep(LanguageModel model, GenerationOptions options, List<KVCache> cache, TokenSampler sampler) {
        this.model = model;
        this.sampler = sampler;
        this.cache = cache;
        this.prefillStepSize = options.prefillStepSize();
    }

    /**
     * Caches of the kind {@code options} asks for: growing, rotating ({@code maxKvSize}) or quantized ({@code kvBits}).
     *
     * @param model the model
     * @param options the options
     * @return one cache per layer
     */
    public static List<KVCache> newCache(LanguageModel model, GenerationOptions options) {
        if (options.maxKvSize() > 0) {
            List<KVCache> c = new ArrayList<>();
            for (int i = 0; i < model.config().numHiddenLayers(); i++) c.add(new RotatingKVCache(options.maxKvSize()));
            return c;
        }
        if (options.kvBits() > 0) {
            List<KVCache> c = new ArrayList<>();
            for (int i = 0; i < model.config().numHiddenLayers(); i++) c.add(new QuantizedKVCache(options.kvBits(), options.kvGroupSize()));
            return c;
        }
        return model.newCache();
    }

    /**
     * The caches, one per layer.
     *
     * @return the caches
     */
    public List<KVCache> cache() { return cache; }

    /**
     * Runs the prompt through the model in chunks of the prefill step size and samples the first token. With
     * {@code evalChunks} every chunk but the last is evaluated before the next is built (bounded memory, as
     * mlx-lm); without, the whole prefill stays one lazy graph (for a caller that must not evaluate).
     *
     * @param prompt the prompt ids (at least one)
     * @param evalChunks whether to evaluate between chunks
     * @return the first generated token, UINT32 {@code [1]}, lazily
     * @throws IllegalArgumentException if the prompt is empty or has an id outside the vocabulary
     */
    public Array prefill(int[] prompt, boolean evalChunks) {
        if (prompt.length == 0) throw new IllegalArgumentException("generate: the prompt is empty; give at least one token id");
        int vocab = model.config().vocabSize();
        for (int id : prompt) {
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("generate: prompt token id " + id + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
        sampler.start(prompt);
        int start = 0;
        while (prompt.length - start > prefillStepSize) {
            int end = start + prefillStepSize;
            model.forward(ids(Arrays.copyOfRange(prompt, start, end)), cache);
            if (evalChunks) Mx.eval(cache);
            start = end;
        }
        return next(model.forward(ids(Arrays.copyOfRange(prompt, start, prompt.length)), cache));
    }

    /**
     * The token after {@code token}, lazily: one position through the model, then sampling.
     *
     * @param token the last token, integer {@code [1]}
     * @return the next token, UINT32 {@code [1]}
     */
    public Array step(Array token) {
        sampler.accept(token);
        return next(model.forward(Mx.reshape(token.astype(DType.INT32), new int[] {1, 1}), cache));
    }

    private Array next(Array logits) { return sampler.sample(lastPosition(logits)); }

    /** The last position's logits {@code [B, vocab]} of {@code [B, L, vocab]}. */
    static Array lastPosition(Array logits) {
        int l = logits.shape(1);
        return Mx.reshape(Mx.slice(logits, new int[] {0, l - 1, 0}, logits.shape(), new int[] {1, 1, 1}),
                new int[] {logits.shape(0), logits.shape(2)});
    }

    private static Array ids(int[] ids) { return Mx.array(ids, 1, ids.length); }

    /** Frees the caches. */
    @Override
    public void close() { cache.forEach(KVCache::close); }
}
