package org.mlx4j.lm.sample;

import static org.assertj.core.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

class LogitsProcessorTest {
    private static final float[] LOGITS = {2.0f, -1.0f, 0.5f, -3.0f, 1.0f, 0.0f};

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogitsOfRecentTokens() {
        Array tokens = Mx.array(new int[] {0, 3, 0, 2}, 4);
        float[] got = LogitsProcessor.repetitionPenalty(2.0, 3).apply(tokens, Mx.array(LOGITS, 1, 6)).toFloatArray();
        // the last 3 tokens are 3, 0, 2
        float[] expected = {1.0f, -1.0f, 0.25f, -6.0f, 1.0f, 0.0f};
        assertThat(got).containsExactly(expected);
        assertThat(LogitsProcessor.repetitionPenalty(2.0, 3).apply(Mx.array(new int[0], 0), Mx.array(LOGITS, 1, 6)).toFloatArray())
                .containsExactly(LOGITS);
    }

    @Test
    void logitBiasAddsToTheGivenIds() {
        float[] got = LogitsProcessor.logitBias(Map.of(1, 5.0, 4, -2.5), 6).apply(Mx.array(new int[0], 0), Mx.array(LOGITS, 1, 6)).toFloatArray();
        assertThat(got).containsExactly(2.0f, 4.0f, 0.5f, -3.0f, -1.5f, 0.0f);
        assertThatThrownBy(() -> LogitsProcessor.logitBias(Map.of(6, 1.0), 6)).hasMessageContaining("[0, 6)");
    }

    @Test
    void minPKeepsOnlyTokensNearTheMostLikely() {
        // probabilities proportional to exp(logits): with min-p 0.3, only tokens with p >= 0.3 p_max survive:
        // exp(2) * 0.3 = 2.22 -> tokens 0 (7.39) and 4 (2.72) stay
        Array logits = Mx.array(LOGITS, 1, 6);
        int[] counts = new int[6];
        Array draws = Sampler.of(1.0, 0, 1.0, 0.3).sample(Mx.broadcastTo(logits, 2000, 6), Random.key(3));
        for (int t : draws.toIntArray()) counts[t]++;
        assertThat(counts[1] + counts[2] + counts[3] + counts[5]).isZero();
        // the two survivors in the ratio exp(2) : exp(1) = 0.731 : 0.269
        assertThat(counts[0] / 2000.0).isCloseTo(Math.exp(2) / (Math.exp(2) + Math.exp(1)), within(0.04));
        assertThatThrownBy(() -> Sampler.of(1.0, 0, 1.0, 1.5)).hasMessageContaining("minP");
    }
}
