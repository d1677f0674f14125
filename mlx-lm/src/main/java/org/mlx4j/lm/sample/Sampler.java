package org.mlx4j.lm.sample;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

/**
 * Picks the next token from logits {@code [..., vocab]}, lazily (no evaluation), as mlx-lm's
 * samplers: greedy argmax, or a categorical draw at a temperature restricted to the top-k tokens
 * and/or the smallest set whose probability reaches top-p. Returns UINT32 token ids {@code [...]}.
 */
@FunctionalInterface
public interface Sampler {
    /**
     * Picks one token per row of {@code logits}, lazily.
     *
     * @param logits the unnormalised log-probabilities, {@code [..., vocab]}
     * @param key the random key ({@link org.mlx4j.core.Random}), or null for the global state
     * @return UINT32 token ids, {@code logits}' shape without the last axis
     */
    Array sample(Array logits, Array key);

    /**
     * The most likely token: {@code argmax(logits, -1)}.
     *
     * @return the greedy sampler
     */
    static Sampler greedy() {
        return (logits, key) -> Mx.argmax(logits, -1);
    }

    /**
     * Samples at {@code temperature} (0 means greedy); {@code topK <= 0} and {@code topP >= 1} disable
     * those filters. Python mlx-lm: {@code make_sampler(temp, top_p, top_k=...)}.
     *
     * @param temperature the temperature, 0 or more
     * @param topK how many of the most likely tokens may be drawn ({@code <= 0}: all)
     * @param topP the probability mass the drawn token must lie in, in {@code (0, 1]}
     * @return the sampler
     * @throws IllegalArgumentException if {@code temperature} is negative or NaN, or {@code topP} is not positive
     */
    static Sampler of(double temperature, int topK, double topP) { return of(temperature, topK, topP, 0); }

    /**
     * Samples at {@code temperature} (0 means greedy) after the top-k, top-p and min-p filters; {@code topK <= 0},
     * {@code topP >= 1} and {@code minP <= 0} disable them. Min-p keeps the tokens whose probability is at least
     * {@code minP} times the most likely token's. Python mlx-lm: {@code make_sampler(temp, top_p, min_p, top_k=...)}.
     *
     * @param temperature the temperature, 0 or more
     * @param topK how many of the most likely tokens may be drawn ({@code <= 0}: all)
     * @param topP the probability mass the drawn token must lie in, in {@code (0, 1]}
     * @param minP the smallest probability relative to the most likely token's, in {@code [0, 1]}
     * @return the sampler
     * @throws IllegalArgumentException if {@code temperature} is negative or NaN, {@code topP} is not positive, or
     *     {@code minP} is outside {@code [0, 1]}
     */
    static Sampler of(double temperature, int topK, double topP, double minP) {
        if (temperature < 0 || Double.isNaN(temperature)) {
            throw new IllegalArgumentException("Sampler: temperature must be >= 0, got " + temperature);
        }
        if (!(topP > 0)) throw new IllegalArgumentException("Sampler: topP must be in (0, 1], got " + topP);
        if (!(minP >= 0 && minP <= 1)) throw new IllegalArgumentException("Sampler: minP must be in [0, 1], got " + minP);
        if (temperature == 0) return greedy();
        return (logits, key) -> {
            Array scaled = Mx.multiply(logits.astype(DType.FLOAT32), 1.0 / temperature);
            if (topK > 0 && topK < logits.shape(-1)) scaled = keepTopK(scaled, topK);
            if (topP < 1) scaled = keepTopP(scaled, topP);
            if (minP > 0) scaled = keepMinP(scaled, minP);
            return Random.categorical(scaled, -1, key).astype(DType.UINT32);
        };
    }

    /** Logits whose probability is below {@code p} times the largest become -inf. */
    private static Array keepMinP(Array logits, double p) {
        Array max = Mx.max(logits, new int[] {-1}, true);
        return Mx.where(Mx.less(logits, max.add(Math.log(p))), Double.NEGATIVE_INFINITY, logits);
    }

    /** Logits below the k-th largest become -inf. */
    private static Array keepTopK(Array logits, int k) {
        Array kth = Mx.min(Mx.topk(logits, k, -1), new int[] {-1}, true);
        return Mx.where(Mx.less(logits, kth), Double.NEGATIVE_INFINITY, logits);
    }

    /** Keeps the most likely tokens whose cumulative probability first reaches {@code p}. */
    private static Array keepTopP(Array logits, double p) {
        Array probs = Mx.softmax(logits, -1);
        Array order = Mx.argsort(Mx.negative(probs), -1);
        Array sorted = Mx.takeAlongAxis(probs, order, -1);
        // exclusive cumulative sum: a token stays if the mass before it is still below p
        Array before = Mx.cumsum(sorted, -1, false, false);
        Array keepSorted = Mx.less(before, p);
        Array keep = Mx.putAlongAxis(Mx.zerosLike(keepSorted), order, keepSorted, -1);
        return Mx.where(keep, logits, Double.NEGATIVE_INFINITY);
    }
}
