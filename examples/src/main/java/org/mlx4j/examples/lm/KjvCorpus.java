package org.mlx4j.examples.lm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.lm.tokenizer.Tokenizer;

/**
 * The King James Bible (public domain; see {@code KJV.md} beside the text) as one stream of tokens: every verse
 * followed by a newline, with the offset where each verse starts. Training windows start at a verse and begin with
 * the tokenizer's BOS token, as an encoded prompt does.
 *
 * @param tokens the ids of every verse, in order
 * @param verseStarts the offset in {@code tokens} of each verse's first token
 * @param bos the BOS id put in front of every window
 */
public record KjvCorpus(int[] tokens, int[] verseStarts, int bos) {
    /** The text's resource, beside this class. */
    public static final String RESOURCE = "kjv.txt.gz";

    /**
     * Reads the verses of the bundled text.
     *
     * @return the 31,102 verses, without their newlines
     */
    public static List<String> verses() {
        try (InputStream in = KjvCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("KjvCorpus: resource " + RESOURCE + " is missing from the classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("KjvCorpus: reading " + RESOURCE, e);
        }
    }

    /**
     * Encodes every verse (with its newline, no special tokens) with {@code tokenizer}.
     *
     * @param tokenizer the model's tokenizer; it must have a BOS token
     * @return the corpus
     */
    public static KjvCorpus encode(Tokenizer tokenizer) {
        int bos = tokenizer.bosTokenId().orElseThrow(() -> new IllegalArgumentException("KjvCorpus: the tokenizer has no BOS token"));
        List<String> verses = verses();
        List<int[]> encoded = new ArrayList<>(verses.size());
        int total = 0;
        for (String verse : verses) {
            int[] ids = tokenizer.encode(verse + "\n", false);
            encoded.add(ids);
            total += ids.length;
        }
        int[] tokens = new int[total], starts = new int[verses.size()];
        int at = 0;
        for (int v = 0; v < starts.length; v++) {
            starts[v] = at;
            int[] ids = encoded.get(v);
            System.arraycopy(ids, 0, tokens, at, ids.length);
            at += ids.length;
        }
        return new KjvCorpus(tokens, starts, bos);
    }

    /**
     * The first verse of the held-out part: the last {@code fraction} of the verses (the end of the New
     * Testament) is never trained on.
     *
     * @param fraction the held-out share of the verses
     * @return the index of the first held-out verse
     */
    public int heldOutFrom(double fraction) {
        return (int) Math.round(verseStarts.length * (1 - fraction));
    }

    /**
     * A batch of windows, each the BOS token and then {@code context} tokens from a verse start drawn uniformly
     * from {@code [firstVerse, endVerse)}; windows may run past {@code endVerse} but not past the text.
     *
     * @param random the source of the verse draws
     * @param batch the windows
     * @param context the tokens after BOS in each window
     * @param firstVerse the first verse a window may start at
     * @param endVerse the verse no window may start at or after
     * @return inputs {@code [batch, context]} (BOS and the first {@code context - 1} tokens) and targets
     *     {@code [batch, context]} (the tokens that follow each input), both int32
     */
    public Array[] batch(java.util.Random random, int batch, int context, int firstVerse, int endVerse) {
        int lastStart = tokens.length - context;
        int[] inputs = new int[batch * context], targets = new int[batch * context];
        for (int b = 0; b < batch; b++) {
            int start;
            do {
                start = verseStarts[firstVerse + random.nextInt(endVerse - firstVerse)];
            } while (start > lastStart);
            inputs[b * context] = bos;
            System.arraycopy(tokens, start, inputs, b * context + 1, context - 1);
            System.arraycopy(tokens, start, targets, b * context, context);
        }
        return new Array[] {Mx.array(inputs, batch, context), Mx.array(targets, batch, context)};
    }
}
