package org.mlx4j.lm.generate;

import java.util.Arrays;
import java.util.List;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.lm.models.LanguageModel;

/**
 * The KV caches of the last request, kept for the next one, as Python mlx-lm's server prompt cache: a request whose
 * prompt starts with tokens already cached reuses their keys and values, trimming what follows the common prefix,
 * and prefills only the rest (a chat that grows turn by turn prefills only the new turn). One sequence at a time;
 * not thread-safe.
 */
public final class PromptCache implements AutoCloseable {
    private LanguageModel model;
    private String kind;
    private List<KVCache> cache;
    private int[] tokens = new int[0];

    /** An empty prompt cache. */
    public PromptCache() {}

    /**
     * How many tokens the cache holds.
     *
     * @return the cached token count
     */
    public int cachedTokens() { return tokens.length; }

    /** The caches to continue {@code prompt} from, trimmed to the common prefix; {@link #reused()} tells how much. */
    List<KVCache> prepare(LanguageModel model, GenerationOptions options, int[] prompt) {
        String k = options.maxKvSize() + "/" + options.kvBits() + "/" + options.kvGroupSize();
        int common = 0;
        if (cache != null && this.model == model && k.equals(kind)) {
            while (common < tokens.length && common < prompt.length && tokens[common] == prompt[common]) common++;
            if (common == prompt.length) common--; // the last prompt token must run to give the next token's logits
            int drop = tokens.length - common;
            if (drop > 0 && !cache.get(0).isTrimmable()) common = 0;
            else if (drop > 0) for (KVCache c : cache) c.trim(drop);
        }
        if (common <= 0) {
            if (cache != null) cache.forEach(KVCache::close);
            cache = DecodeStep.newCache(model, options);
            common = 0;
        }
        this.model = model;
        this.kind = k;
        this.tokens = Arrays.copyOf(prompt, common);
        return cache;
    }

    /** How many prompt tokens {@link #prepare} found cached. */
    int reused() { return tokens.length; }

    /** Records the tokens whose keys and values the caches now hold: the first {@code offset} of {@code sequence}. */
    void record(int[] sequence) {
        int offset = cache.get(0).offset();
        tokens = Arrays.copyOf(sequence, Math.min(offset, sequence.length));
    }

    /** Frees the caches. */
    @Override
    public void close() {
        if (cache != null) cache.forEach(KVCache::close);
        cache = null;
        tokens = new int[0];
    }
}
