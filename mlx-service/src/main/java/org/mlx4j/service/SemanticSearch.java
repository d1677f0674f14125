package org.mlx4j.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mlx4j.spring.boot.EmbeddingService;

/** Cosine-similarity search over the example corpus ({@code corpus.txt}, one text a line), embedded once. */
final class SemanticSearch {
    record Hit(String text, double score) {}

    private final EmbeddingService embeddings;
    private final List<String> corpus;
    private List<float[]> vectors;

    SemanticSearch(EmbeddingService embeddings) {
        this.embeddings = embeddings;
        try (InputStream in = SemanticSearch.class.getResourceAsStream("/corpus.txt")) {
            corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read corpus.txt", e);
        }
    }

    List<Hit> search(String query, int k) {
        synchronized (this) {
            if (vectors == null) vectors = embeddings.embed(corpus);
        }
        float[] q = embeddings.embed(List.of(query)).get(0);
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            float[] v = vectors.get(i);
            double dot = 0;
            for (int j = 0; j < q.length; j++) dot += q[j] * v[j];
            hits.add(new Hit(corpus.get(i), dot));
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return hits.subList(0, Math.min(k, hits.size()));
    }
}
