package org.mlx4j.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/** top-k by matmul + argpartition against a float64 cosine and a full sort. */
class SemanticSearchTest {
    @Test
    void topKMatchesAFullSortOfFloat64Cosines() {
        java.util.Random random = new java.util.Random(11);
        int n = 200, dim = 24, k = 7;
        float[] v = new float[n * dim], q = new float[dim];
        for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
        for (int i = 0; i < dim; i++) q[i] = (float) random.nextGaussian();
        double[] cosine = new double[n];
        for (int i = 0; i < n; i++) {
            double dot = 0, a = 0, b = 0;
            for (int d = 0; d < dim; d++) {
                dot += v[i * dim + d] * q[d];
                a += v[i * dim + d] * v[i * dim + d];
                b += q[d] * q[d];
            }
            cosine[i] = dot / Math.sqrt(a * b);
        }
        int[] expected = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> -cosine[i])).limit(k)
                .mapToInt(Integer::intValue).toArray();
        Array vectors = Mx.array(v, n, dim);
        assertThat(SemanticSearch.topK(vectors, Mx.array(q, dim), k)).containsExactly(expected);
        assertThat(SemanticSearch.topK(vectors, Mx.array(q, dim), 1000)).hasSize(n);
        assertThat(Arrays.stream(SemanticSearch.topK(vectors, Mx.array(q, dim), n)).sorted().toArray())
                .containsExactly(IntStream.range(0, n).toArray());
    }
}
