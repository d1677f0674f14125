package org.mlx4j.lm.sample;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

class SamplerTest {
    // probabilities 0.5, 0.25, 0.15, 0.1 (as logits)
    private static final double[] P = {0.5, 0.25, 0.15, 0.1};

    private static Array logits(int rows) {
        double[] l = new double[rows * P.length];
        for (int r = 0; r < rows; r++) for (int i = 0; i < P.length; i++) l[r * P.length + i] = Math.log(P[(i + 1) % P.length]);
        return Mx.array(l, rows, P.length);
    }

    private static int[] counts(int[] tokens) {
        int[] c = new int[P.length];
        for (int t : tokens) c[t]++;
        return c;
    }

    @Test
    void greedyAndZeroTemperaturePickTheArgmax() {
        // row r is P rotated by r, so each row has its largest logit somewhere else: token (3 - r) mod 4
        int rows = 5;
        double[] l = new double[rows * P.length];
        for (int r = 0; r < rows; r++) for (int i = 0; i < P.length; i++) l[r * P.length + i] = Math.log(P[(i + 1 + r) % P.length]);
        Array logits = Mx.array(l, rows, P.length);
        assertThat(Sampler.greedy().sample(logits, null).toIntArray()).containsExactly(3, 2, 1, 0, 3);
        Array t = Sampler.of(0, 0, 1).sample(logits, Random.key(1));
        assertThat(t.shape()).containsExactly(rows);
        assertThat(t.toIntArray()).containsExactly(3, 2, 1, 0, 3);
        assertThat(t.dtype()).isEqualTo(DType.UINT32);
    }

    @Test
    void temperatureOneSamplesTheModelDistribution() {
        int n = 20_000;
        int[] c = counts(Sampler.of(1, 0, 1).sample(logits(n), Random.key(2)).toIntArray());
        for (int i = 0; i < P.length; i++) {
            assertThat(c[i] / (double) n).isCloseTo(P[(i + 1) % P.length], within(0.015));
        }
    }

    @Test
    void topKAndTopPKeepOnlyTheMostLikelyTokens() {
        int n = 20_000;
        int[] k2 = counts(Sampler.of(1, 2, 1).sample(logits(n), Random.key(3)).toIntArray());
        // only tokens 3 (p=.5) and 0 (p=.25) remain, renormalised to 2/3 and 1/3
        assertThat(k2[1] + k2[2]).isZero();
        assertThat(k2[3] / (double) n).isCloseTo(2.0 / 3, within(0.015));
        int[] p7 = counts(Sampler.of(1, 0, 0.7).sample(logits(n), Random.key(4)).toIntArray());
        // 0.5 alone is below 0.7, so the 0.25 token joins; nothing else does
        assertThat(p7[1] + p7[2]).isZero();
        assertThat(p7[0] / (double) n).isCloseTo(1.0 / 3, within(0.015));
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> Sampler.of(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
        assertThatThrownBy(() -> Sampler.of(1, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topP");
    }
}
