package org.mlx4j.examples.reactive;

import java.util.Random;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.reactive.Step;

/**
 * A tiny recurrent "language model" on seeded random weights, built from Mx ops only: embedding lookup
 * by matmul of a one-hot row, a tanh recurrent layer, and a greedy argmax over the vocabulary.
 * It talks nonsense, fluently.
 */
public final class ToyLanguageModel {
    /** The state between steps: the last token id (shape [1]) and the hidden vector (shape [1, H]). */
    public record State(Array token, Array hidden) {}

    static final String[] WORDS = ("the a reactive stream of lazy arrays flows through every stage while tokens "
            + "arrive one step ahead and memory stays flat so the server never blocks its event loop "
            + "graphs compile kernels fuse buffers return to the cache quickly and quietly").split(" ");

    public final int vocab = WORDS.length;
    final int hidden;
    private final Array vocabIds;
    private final Array embedding;
    private final Array wIn;
    private final Array wRec;
    private final Array wOut;

    public ToyLanguageModel(int hidden, long seed) {
        this.hidden = hidden;
        Random rnd = new Random(seed);
        vocabIds = Mx.arange(vocab);
        embedding = Mx.array(gaussian(rnd, vocab * hidden, 1.0), vocab, hidden);
        wIn = Mx.array(gaussian(rnd, hidden * hidden, 1.2 / Math.sqrt(hidden)), hidden, hidden);
        wRec = Mx.array(gaussian(rnd, hidden * hidden, 0.9 / Math.sqrt(hidden)), hidden, hidden);
        wOut = Mx.array(gaussian(rnd, hidden * vocab, 2.5 / Math.sqrt(hidden)), hidden, vocab);
        Mx.eval(vocabIds, embedding, wIn, wRec, wOut);
    }

    private static float[] gaussian(Random rnd, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rnd.nextGaussian() * scale);
        return a;
    }

    /** The state after reading a prompt token. */
    public State initial(int promptToken) {
        return new State(Mx.array(new int[] {promptToken}, 1), Mx.zeros(new int[] {1, hidden}, DType.FLOAT32));
    }

    /** One generation step, as a lazy graph. */
    public Step<State, Array> step(State s) {
        Array oneHot = Mx.equal(s.token().reshape(1, 1), vocabIds.reshape(1, vocab)).astype(DType.FLOAT32); // [1, V]
        Array x = oneHot.matmul(embedding);                                                                 // [1, H]
        Array h = Mx.tanh(x.matmul(wIn).add(s.hidden().matmul(wRec)));
        Array next = Mx.argmax(h.matmul(wOut), 1);                                                          // [1]
        return Step.of(next, new State(next, h));
    }
}
