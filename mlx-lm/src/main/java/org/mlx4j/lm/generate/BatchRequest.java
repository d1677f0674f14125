package org.mlx4j.lm.generate;

import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One sequence of a {@link BatchGenerator}: its generated ids arrive in a buffer the caller drains with
 * {@link #poll()}; when the buffer holds {@code bufferBound} ids the sequence pauses (leaves the batch, keeping its
 * cache) until the caller drains it, so a slow reader never holds the others back. Thread-safe.
 */
public final class BatchRequest {
    final int[] prompt;
    final GenerationOptions options;
    final Set<Integer> eosTokenIds;
    final int bufferBound;
    private final BatchGenerator owner;
    private final ConcurrentLinkedQueue<Integer> buffer = new ConcurrentLinkedQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private volatile boolean done;
    private volatile boolean cancelled;
    private volatile Throwable error;
    private volatile Runnable listener = () -> {};

    BatchRequest(BatchGenerator owner, int[] prompt, GenerationOptions options, Set<Integer> eosTokenIds, int bufferBound) {
        this.owner = owner;
        this.prompt = prompt.clone();
        this.options = options;
        this.eosTokenIds = Set.copyOf(eosTokenIds);
        this.bufferBound = bufferBound;
    }

    /**
     * The next generated id, if one is buffered.
     *
     * @return the id, or null when none is buffered yet
     */
    public Integer poll() {
        Integer id = buffer.poll();
        if (id != null && buffered.getAndDecrement() == bufferBound) owner.wake(); // a paused sequence may resume
        return id;
    }

    /**
     * Ids generated and not yet polled.
     *
     * @return the buffered count
     */
    public int buffered() { return buffered.get(); }

    /**
     * Whether the sequence has ended (EOS, max tokens, a failure or a cancel); buffered ids may remain.
     *
     * @return true once no more ids will arrive
     */
    public boolean isDone() { return done; }

    /**
     * The failure that ended the sequence.
     *
     * @return the error, or null
     */
    public Throwable error() { return error; }

    /** Stops the sequence: it leaves the batch before the next step and its cache is freed. */
    public void cancel() {
        cancelled = true;
        owner.wake();
    }

    /**
     * Runs {@code r} (on the generator's thread) whenever ids arrive or the sequence ends; replaces any earlier one.
     *
     * @param r the callback, quick and non-blocking
     */
    public void onSignal(Runnable r) {
        listener = r;
        r.run();
    }

    boolean cancelled() { return cancelled; }

    boolean full() { return buffered.get() >= bufferBound; }

    void push(int id) {
        buffer.add(id);
        buffered.incrementAndGet();
    }

    void finish(Throwable failure) {
        error = failure;
        done = true;
        signal();
    }

    void signal() { listener.run(); }
}
