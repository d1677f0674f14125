package org.mlx4j.reactive;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * A tiny recurrent "language model" on seeded random weights, built from Mx ops only:
 * x = E[token]; h' = tanh(x W + h V); token' = argmax(h' U). Counts the steps it builds.
 */
public final class ToyModel {
    /** The generation state: the last token (shape [1]) and the hidden vector (shape [1, H]). */
    public record State(Array token, Array hidden) {}

    public final int vocab;
    public final int hiddenSize;
    final float[] e;
    final float[] w;
    final float[] v;
    final float[] u;
    public final Array embedding;
    public final Array wIn;
    public final Array wRec;
    public final Array wOut;
    public final AtomicLong stepsBuilt = new AtomicLong();
    /**
     * Every array the model hands to the generator, kept reachable so that memory can only come back
     * through the generator closing them (not through garbage collection of forgotten handles).
     */
    public final java.util.List<Array> handedOut = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ToyModel(int vocab, int hiddenSize, long seed) {
        this.vocab = vocab;
        this.hiddenSize = hiddenSize;
        Random rnd = new Random(seed);
        e = random(rnd, vocab * hiddenSize, 1.0);
        w = random(rnd, hiddenSize * hiddenSize, 1.5 / Math.sqrt(hiddenSize));
        v = random(rnd, hiddenSize * hiddenSize, 0.8 / Math.sqrt(hiddenSize));
        u = random(rnd, hiddenSize * vocab, 2.0 / Math.sqrt(hiddenSize));
        embedding = Mx.array(e, vocab, hiddenSize);
        wIn = Mx.array(w, hiddenSize, hiddenSize);
        wRec = Mx.array(v, hiddenSize, hiddenSize);
        wOut = Mx.array(u, hiddenSize, vocab);
    }

    private static float[] random(Random rnd, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rnd.nextGaussian() * scale);
        return a;
    }

    /** A fresh initial state for a prompt token (builds nothing expensive). */
    public State initial(int promptToken) {
        State s = new State(Mx.array(new int[] {promptToken}, 1), Mx.zeros(new int[] {1, hiddenSize}, org.mlx4j.core.DType.FLOAT32));
        handedOut.add(s.token());
        handedOut.add(s.hidden());
        return s;
    }

    /** One step: a lazy graph only. */
    public Step<State, Array> step(State s) {
        stepsBuilt.incrementAndGet();
        Array x = Mx.take(embedding, s.token(), 0);                 // [1, H]
        Array h = Mx.tanh(x.matmul(wIn).add(s.hidden().matmul(wRec)));
        Array next = Mx.argmax(h.matmul(wOut), 1);                   // [1]
        handedOut.add(next);
        handedOut.add(h);
        return Step.of(next, new State(next, h));
    }

    /** Reference in float64: the token after {@code token} given hidden {@code h} (updated in place). */
    public int referenceStep(int token, double[] h, double[] logitsOut) {
        int hs = hiddenSize;
        double[] nh = new double[hs];
        for (int j = 0; j < hs; j++) {
            double acc = 0;
            for (int k = 0; k < hs; k++) acc += e[token * hs + k] * (double) w[k * hs + j] + h[k] * (double) v[k * hs + j];
            nh[j] = Math.tanh(acc);
        }
        System.arraycopy(nh, 0, h, 0, hs);
        int best = 0;
        for (int t = 0; t < vocab; t++) {
            double acc = 0;
            for (int k = 0; k < hs; k++) acc += h[k] * (double) u[k * vocab + t];
            logitsOut[t] = acc;
            if (acc > logitsOut[best]) best = t;
        }
        return best;
    }

    /** Checks a token sequence against the float64 reference, teacher-forced, allowing float32 near-ties. */
    public void checkSequence(int prompt, int[] tokens) {
        double[] h = new double[hiddenSize];
        double[] logits = new double[vocab];
        int prev = prompt;
        for (int i = 0; i < tokens.length; i++) {
            int best = referenceStep(prev, h, logits);
            if (tokens[i] != best && logits[best] - logits[tokens[i]] > 1e-4) {
                throw new AssertionError("token " + i + " is " + tokens[i] + " but the reference gives " + best
                        + " (logits " + logits[tokens[i]] + " vs " + logits[best] + ")");
            }
            prev = tokens[i];
        }
    }

    public Generation<State, Array> generation(int prompt) {
        return Generation.of(() -> initial(prompt), this::step);
    }

    public void close() {
        embedding.close();
        wIn.close();
        wRec.close();
        wOut.close();
    }
}
