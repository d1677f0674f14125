package org.mlx4j.examples.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.io.ArrayIO;
import org.mlx4j.lm.embed.Embedder;
import org.mlx4j.lm.embed.Pooling;

/**
 * Top-k cosine neighbours of a query among embedded texts: {@code SemanticSearch --model M --vectors V.npy
 * --texts FILE --query Q [--k 5]}, where {@code V.npy} was written by {@code ./mlx4j embed --input FILE} with the
 * same model. Scores are one matrix product of the normalised vectors; the k best are found with
 * {@code argpartition} (no full sort), then ordered.
 */
public final class SemanticSearch {
    private SemanticSearch() {}

    /**
     * The k best rows of {@code vectors} for {@code query}, best first.
     *
     * @param vectors {@code [n, dim]}
     * @param query {@code [dim]}
     * @param k how many (at most n)
     * @return row indices, best first
     */
    public static int[] topK(Array vectors, Array query, int k) {
        Array scores = Mx.matmul(Pooling.normalize(vectors), Pooling.normalize(Mx.reshape(query, new int[] {-1, 1}).T()).T());
        scores = Mx.reshape(scores, new int[] {-1});
        int n = scores.shape(0);
        k = Math.min(k, n);
        Array negated = scores.multiply(-1.0);
        int[] candidates = Arrays.copyOf(Mx.argpartition(negated, k - 1, 0).toIntArray(), k);
        float[] s = scores.toFloatArray();
        return Arrays.stream(candidates).boxed().sorted(Comparator.comparingDouble(i -> -s[i])).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Runs the search.
     *
     * @param args the command line
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        String model = "minilm", query = null;
        Path vectors = null, texts = null;
        int k = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model" -> model = args[i + 1];
                case "--vectors" -> vectors = Path.of(args[i + 1]);
                case "--texts" -> texts = Path.of(args[i + 1]);
                case "--query" -> query = args[i + 1];
                case "--k" -> k = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("SemanticSearch: unknown argument " + args[i]);
            }
        }
        if (vectors == null || texts == null || query == null) {
            System.err.println("usage: SemanticSearch --model M --vectors V.npy --texts FILE --query Q [--k 5]");
            System.exit(2);
        }
        List<String> lines = new ArrayList<>(EmbedCommand.readTexts(texts));
        Array v = ArrayIO.load(vectors);
        if (v.shape(0) != lines.size()) {
            throw new IllegalArgumentException("SemanticSearch: " + vectors + " has " + v.shape(0) + " rows but " + texts
                    + " has " + lines.size() + " texts");
        }
        Embedder embedder = Embedder.load(model);
        Array q = embedder.embed(List.of(query));
        float[] scores = Mx.reshape(Mx.matmul(Pooling.normalize(v), Pooling.normalize(q).T()), new int[] {-1}).toFloatArray();
        for (int i : topK(v, Mx.reshape(q, new int[] {-1}), k)) {
            String text = lines.get(i);
            System.out.printf("%.4f  %s%n", scores[i], text.length() > 120 ? text.substring(0, 117) + "..." : text);
        }
    }
}
