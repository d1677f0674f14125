package org.mlx4j.lm.generate;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Consumer;
import org.mlx4j.core.Memory;
import org.mlx4j.lm.load.LoadedModel;
import org.mlx4j.lm.models.LanguageModel;
import org.mlx4j.lm.tokenizer.Tokenizer;

/**
 * Generates a continuation with text, as Python mlx-lm's {@code stream_generate}: tokens from a
 * {@link TokenGenerator}, decoded by the tokenizer's streaming detokenizer, until an end-of-sequence token, a stop
 * string or {@code maxTokens}; the text reaches {@code onText} as it is decoded (never the start of a stop string
 * that might complete), and the result carries the ids, the text and the statistics.
 *
 * <pre>{@code
 * import org.mlx4j.lm.generate.*;
 * import org.mlx4j.lm.models.*;
 *
 * LanguageModel model = new Llama(ModelConfig.llama(64, 32, 1, 4, 2, 64));
 * GenerationResult r = TextGenerator.generate(model, null, Set.of(), new int[] {1, 2, 3},
 *         GenerationOptions.defaults().withMaxTokens(5), null, text -> {});
 * assert r.ids().length == 5 && r.finishReason().equals("length");
 * }</pre>
 */
public final class TextGenerator {
    private TextGenerator() {}

    /**
     * Generates from a loaded model with its tokenizer (when it has one) and end-of-sequence ids.
     *
     * @param loaded the model, tokenizer and EOS ids
     * @param prompt the prompt ids
     * @param options what to generate
     * @param onText receives the text as it is decoded (may be null)
     * @return the generated ids, text and statistics
     * @throws IllegalArgumentException for an empty prompt, ids outside the vocabulary, or stop strings without a
     *     tokenizer
     */
    public static GenerationResult generate(LoadedModel loaded, int[] prompt, GenerationOptions options, Consumer<String> onText) {
        return generate(loaded.model(), loaded.hasTokenizer() ? loaded.tokenizer() : null, loaded.eosTokenIds(), prompt, options,
                null, onText);
    }

    /**
     * Generates from a model, optionally decoding text and reusing a prompt cache.
     *
     * @param model the model
     * @param tokenizer the tokenizer, or null for ids only
     * @param eosTokenIds the ids that end the generation (unless {@code options.ignoreEos()})
     * @param prompt the prompt ids
     * @param options what to generate
     * @param promptCache the cache of the previous request to reuse and update, or null for fresh caches
     * @param onText receives the text as it is decoded (may be null)
     * @return the generated ids, text and statistics
     * @throws IllegalArgumentException for an empty prompt, ids outside the vocabulary, or stop strings without a
     *     tokenizer
     */
    public static GenerationResult generate(LanguageModel model, Tokenizer tokenizer, Set<Integer> eosTokenIds, int[] prompt,
            GenerationOptions options, PromptCache promptCache, Consumer<String> onText) {
        if (tokenizer == null && !options.stopStrings().isEmpty()) {
            throw new IllegalArgumentException("generate: stop strings need a tokenizer (the model directory has no tokenizer.json)");
        }
        if (prompt.length == 0) throw new IllegalArgumentException("generate: the prompt is empty; give at least one token id");
        Memory.resetPeakMemory();
        long start = System.nanoTime();
        int reused = 0;
        DecodeStep decode;
        if (promptCache != null) {
            decode = new DecodeStep(model, options, promptCache.prepare(model, options, prompt));
            reused = promptCache.reused();
        } else {
            decode = new DecodeStep(model, options);
        }
        decode.recordCached(Arrays.copyOf(prompt, reused));
        int[] toRun = Arrays.copyOfRange(prompt, reused, prompt.length);
        TokenGenerator tokens = new TokenGenerator(decode, toRun, options.maxTokens());
        TextAssembler assembler = tokenizer == null ? null : new TextAssembler(tokenizer, options.stopStrings());
        int[] ids = new int[Math.max(options.maxTokens(), 1)];
        int n = 0;
        int[] all = new int[0];
        String finish = "length";
        long firstToken = 0;
        try {
            while (tokens.hasNext()) {
                int id = tokens.next();
                if (n == 0) firstToken = System.nanoTime();
                all = append(all, id);
                if (!options.ignoreEos() && eosTokenIds.contains(id)) {
                    finish = "stop";
                    break;
                }
                ids[n++] = id;
                if (assembler == null) continue;
                String shown = assembler.add(id);
                if (onText != null && !shown.isEmpty()) onText.accept(shown);
                if (assembler.stopped()) {
                    finish = "stop";
                    break;
                }
            }
            if (assembler != null) {
                String rest = assembler.finish();
                if (onText != null && !rest.isEmpty()) onText.accept(rest);
            }
        } finally {
            if (promptCache != null) {
                tokens.finish();
                int[] sequence = Arrays.copyOf(prompt, prompt.length + all.length);
                System.arraycopy(all, 0, sequence, prompt.length, all.length);
                promptCache.record(sequence);
            } else {
                tokens.close();
            }
        }
        long end = System.nanoTime();
        double ttft = (firstToken == 0 ? end - start : firstToken - start) / 1e9;
        int generated = all.length;
        double genTps = generated > 1 ? (generated - 1) / ((end - firstToken) / 1e9) : 0;
        GenerationStats stats = new GenerationStats(toRun.length, toRun.length / ttft, generated, genTps, ttft, Memory.peakMemory());
        return new GenerationResult(Arrays.copyOf(ids, n), assembler == null ? "" : assembler.text(), stats, finish);
    }

    private static int[] append(int[] a, int v) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }
}
