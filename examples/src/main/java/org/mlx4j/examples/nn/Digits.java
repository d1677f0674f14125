package org.mlx4j.examples.nn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * The handwritten-digits data set bundled with the examples (see {@code DIGITS.md} beside it): 1,797 images of
 * 8x8 pixels in 0..16 with their labels, split at random into a training and a test part.
 *
 * @param trainImages the training images, {@code [n, 8, 8, 1]} FLOAT32 scaled to {@code [0, 1]}
 * @param trainLabels the training labels, INT32
 * @param testImages the test images
 * @param testLabels the test labels
 */
public record Digits(Array trainImages, Array trainLabels, Array testImages, Array testLabels) {
    /** The number of images in the file. */
    public static final int COUNT = 1797;

    /**
     * Loads the data set and splits it.
     *
     * @param testFraction the share of images kept for testing
     * @param seed the seed of the shuffle
     * @return the two parts
     */
    public static Digits load(double testFraction, long seed) {
        List<float[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream raw = Digits.class.getResourceAsStream("digits.csv.gz")) {
            if (raw == null) throw new IllegalStateException("digits.csv.gz is missing from the examples' resources");
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(",");
                if (f.length != 65) throw new IllegalStateException("digits.csv.gz: line " + (labels.size() + 1) + " has " + f.length + " fields, not 65");
                float[] pixels = new float[64];
                for (int i = 0; i < 64; i++) pixels[i] = Integer.parseInt(f[i]) / 16f;
                images.add(pixels);
                labels.add(Integer.parseInt(f[64]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading digits.csv.gz", e);
        }
        int n = images.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int test = (int) Math.round(n * testFraction);
        return new Digits(images(images, order, test, n), labels(labels, order, test, n),
                images(images, order, 0, test), labels(labels, order, 0, test));
    }

    private static Array images(List<float[]> images, int[] order, int from, int to) {
        float[] flat = new float[(to - from) * 64];
        for (int i = from; i < to; i++) System.arraycopy(images.get(order[i]), 0, flat, (i - from) * 64, 64);
        return Mx.array(flat, to - from, 8, 8, 1);
    }

    private static Array labels(List<Integer> labels, int[] order, int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) out[i - from] = labels.get(order[i]);
        return Mx.array(out, to - from);
    }

    /**
     * The share of {@code predictions} (logits {@code [n, 10]}) whose argmax is the label.
     *
     * @param logits the model's outputs
     * @param labels the labels
     * @return the accuracy in {@code [0, 1]}
     */
    public static double accuracy(Array logits, Array labels) {
        return Mx.mean(Mx.equal(Mx.argmax(logits, -1), labels).astype(DType.FLOAT32)).doubleValue();
    }
}
