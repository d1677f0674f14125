package org.mlx4j.lm.cache;

import static org.assertj.core.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

class KVCacheTest {
    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }

    @Test
    void appendsStepsAcrossBufferGrowthAndReturnsEverythingCached() {
        Random r = new Random(5);
        int b = 2, h = 3, d = 4;
        KVCache cache = new KVCache();
        // reference: every step's keys and values, laid out [b, h, t, d]
        int total = 300; // crosses the 256-step growth boundary
        float[][] ks = new float[total][], vs = new float[total][];
        Array[] kv = null;
        int t = 0;
        while (t < total) {
            int n = t == 0 ? 7 : 1 + (t % 3); // a prompt, then small steps
            n = Math.min(n, total - t);
            float[] k = random(r, b * h * n * d), v = random(r, b * h * n * d);
            for (int s = 0; s < n; s++) {
                ks[t + s] = new float[b * h * d];
                vs[t + s] = new float[b * h * d];
                for (int i = 0; i < b * h; i++) {
                    System.arraycopy(k, (i * n + s) * d, ks[t + s], i * d, d);
                    System.arraycopy(v, (i * n + s) * d, vs[t + s], i * d, d);
                }
            }
            kv = cache.updateAndFetch(Mx.array(k, b, h, n, d), Mx.array(v, b, h, n, d));
            t += n;
            assertThat(cache.offset()).isEqualTo(t);
            assertThat(kv[0].shape()).containsExactly(b, h, t, d);
            Mx.eval(kv[0], kv[1]);
        }
        float[] keys = kv[0].toFloatArray(), values = kv[1].toFloatArray();
        for (int i = 0; i < b * h; i++) {
            for (int s = 0; s < total; s++) {
                for (int j = 0; j < d; j++) {
                    assertThat(keys[(i * total + s) * d + j]).isEqualTo(ks[s][i * d + j]);
                    assertThat(values[(i * total + s) * d + j]).isEqualTo(vs[s][i * d + j]);
                }
            }
        }
        assertThat(cache.state()[0].shape()).containsExactly(b, h, 512, d);
        assertThat(kv[0].dtype()).isEqualTo(DType.FLOAT32);
        cache.close();
        assertThat(cache.offset()).isZero();
    }

    @Test
    void rejectsMismatchedShapes() {
        KVCache cache = new KVCache();
        assertThatThrownBy(() -> cache.updateAndFetch(Mx.zeros(1, 2, 3), Mx.zeros(1, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KVCache.updateAndFetch");
        cache.updateAndFetch(Mx.zeros(1, 2, 1, 4), Mx.zeros(1, 2, 1, 4));
        assertThatThrownBy(() -> cache.updateAndFetch(Mx.zeros(1, 3, 1, 4), Mx.zeros(1, 3, 1, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not match");
    }
}
