package org.mlx4j.it.docs;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.reactive.Step;

/**
 * A bigram "language model" built from Mx ops: the logits of the next token are the one-hot row of the
 * last token times a transition matrix that maps each word of {@link ToyTokenizer} to the next one, so
 * from {@code "mlx4j"} it says "streams every token one step ahead of demand ." and starts over.
 * The generation state is the last token (shape [1]); the weights stay in the model.
 */
public final class ToyLanguageModel {
    private final int vocab;
    private final Array ids;
    private final Array transitions;

    public ToyLanguageModel(int vocab) {
        this.vocab = vocab;
        float[] t = new float[vocab * vocab];
        for (int i = 0; i < vocab; i++) t[i * vocab + (i + 1) % vocab] = 1;
        ids = Mx.arange(vocab);
        transitions = Mx.array(t, vocab, vocab);
        Mx.eval(ids, transitions);
    }

    /** The state after reading a prompt: its last token, as a lazy graph. */
    public Array prefill(int[] promptTokens) {
        return Mx.array(promptTokens, promptTokens.length).get("-1:");
    }

    /** One step, as a lazy graph: the next token, which is also the next state. */
    public Step<Array, Array> step(Array lastToken) {
        Array oneHot = Mx.equal(lastToken.reshape(1, 1), ids.reshape(1, vocab)).astype(DType.FLOAT32);
        Array next = Mx.argmax(oneHot.matmul(transitions), 1);
        return Step.of(next, next);
    }
}
