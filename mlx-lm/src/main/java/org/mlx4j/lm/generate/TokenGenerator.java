package org.mlx4j.lm.generate;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * A prompt's continuation as token ids, synchronously, one step ahead as Python mlx-lm's {@code generate_step}: the
 * graph of token {@code n + 1} is built and scheduled ({@code Mx.asyncEval}) before token {@code n} is read, so the
 * model computes while the caller handles a token. Ends after {@code maxTokens}; the caller stops earlier (EOS, stop
 * strings) by not asking for more. Closing it frees the caches.
 */
public final class TokenGenerator implements Iterator<Integer>, AutoCloseable {
    private final DecodeStep decode;
    private final int maxTokens;
    private final long start = System.nanoTime();
    private long firstTokenNanos = -1;
    private Array pending;
    private int produced;

    /**
     * Prefills {@code prompt} (evaluating chunk by chunk) and schedules the first token.
     *
     * @param decode the decoding (model, sampler, caches)
     * @param prompt the prompt ids
     * @param maxTokens the most tokens to produce
     */
    public TokenGenerator(DecodeStep decode, int[] prompt, int maxTokens) {
        this.decode = decode;
        this.maxTokens = maxTokens;
        if (maxTokens > 0) {
            pending = decode.prefill(prompt, true);
            Mx.asyncEval(pending, decode.cache());
        }
    }

    @Override
    public boolean hasNext() { return produced < maxTokens; }

    /**
     * The next token id: schedules the one after it, then waits for this one.
     *
     * @return the token id
     * @throws NoSuchElementException after {@code maxTokens}
     */
    @Override
    public Integer next() {
        if (!hasNext()) throw new NoSuchElementException("TokenGenerator: all " + maxTokens + " tokens produced");
        Array current = pending;
        produced++;
        if (produced < maxTokens) {
            pending = decode.step(current);
            Mx.asyncEval(pending, decode.cache());
        }
        int id = current.intValue();
        if (firstTokenNanos < 0) firstTokenNanos = System.nanoTime() - start;
        return id;
    }

    /**
     * Nanoseconds from construction (prefill included) to the first token read, or -1 before it.
     *
     * @return the time to the first token
     */
    public long firstTokenNanos() { return firstTokenNanos; }

    /** Waits for the step in flight, if any: afterwards the caches hold every token fed to the model. */
    public void finish() {
        if (pending != null) Mx.eval(pending, decode.cache());
    }

    /** Frees the caches (once the step in flight, if any, has finished). */
    @Override
    public void close() {
        finish();
        decode.close();
    }
}
