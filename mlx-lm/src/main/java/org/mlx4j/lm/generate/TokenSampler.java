package org.mlx4j.lm.generate;

import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.lm.sample.LogitsProcessor;
import org.mlx4j.lm.sample.Sampler;

/**
 * One sequence's choice of the next token, lazily: the logits processors of {@link GenerationOptions} (repetition
 * penalty over the tokens so far, logit bias), then its sampler with a key split off the seeded key per token (or
 * the global random state without a seed). Python mlx-lm: the {@code sampler} and {@code logits_processors} of
 * {@code generate_step}.
 */
public final class TokenSampler {
    private final Sampler sampler;
    private final List<LogitsProcessor> processors = new ArrayList<>();
    private Array key;
    /** Prompt and generated ids so far (INT32 [n]), for the processors. */
    private Array history = Mx.zeros(new int[] {0}, DType.INT32);

    /**
     * A sampler for {@code options}.
     *
     * @param options the sampling options
     * @param vocab the vocabulary size (for the logit bias)
     */
    public TokenSampler(GenerationOptions options, int vocab) {
        this.sampler = options.sampler();
        this.key = options.seed() == null ? null : Random.key(options.seed());
        if (options.repetitionPenalty() != 1) {
            processors.add(LogitsProcessor.repetitionPenalty(options.repetitionPenalty(), options.repetitionContextSize()));
        }
        if (!options.logitBias().isEmpty()) processors.add(LogitsProcessor.logitBias(options.logitBias(), vocab));
    }

    /**
     * Records the prompt (the repetition penalty looks at it).
     *
     * @param prompt the prompt ids
     */
    public void start(int[] prompt) {
        if (!processors.isEmpty()) history = Mx.array(prompt, prompt.length);
    }

    /**
     * Records a token fed back to the model.
     *
     * @param token integer {@code [1]}
     */
    public void accept(Array token) {
        if (!processors.isEmpty()) history = Mx.concatenate(List.of(history, token.astype(DType.INT32)), 0);
    }

    /**
     * The next token from the last position's logits.
     *
     * @param logits {@code [1, vocab]}
     * @return UINT32 {@code [1]}
     */
    public Array sample(Array logits) {
        for (LogitsProcessor p : processors) logits = p.apply(history, logits);
        Array k = null;
        if (key != null) {
            Array keys = Random.split(key);
            key = Mx.take(keys, Mx.array(0), 0);
            k = Mx.take(keys, Mx.array(1), 0);
        }
        return sampler.sample(logits, k);
    }
}
