package org.mlx4j.service;

import java.util.ArrayList;
import java.util.List;
import org.mlx4j.spring.boot.EmbeddingService;

/** A test embedding model (id hashing-64): hashed bag of lower-cased words, L2-normalized, 64 dimensions. */
final class HashingEmbeddings implements EmbeddingService {
    static final int DIMENSIONS = 64;

    @Override public String modelId() { return "hashing-64"; }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>();
        for (String text : texts) {
            float[] v = new float[DIMENSIONS];
            for (String w : words(text)) v[Math.floorMod(w.hashCode(), DIMENSIONS)] += 1;
            double norm = 0;
            for (float x : v) norm += x * x;
            for (int i = 0; i < v.length; i++) v[i] = norm == 0 ? 0 : (float) (v[i] / Math.sqrt(norm));
            out.add(v);
        }
        return out;
    }

    @Override public int countTokens(String text) { return words(text).length; }

    private static String[] words(String text) {
        String t = text.toLowerCase().trim();
        return t.isEmpty() ? new String[0] : t.split("\\W+");
    }
}
