package org.mlx4j.spring.boot;

import java.util.ArrayDeque;
import java.util.Deque;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Admission control: at most {@code maxActive} generations at once whose reserved KV-cache bytes fit in
 * {@code memoryBudget}; up to {@code maxQueued} more wait in arrival order; beyond that a request is refused with
 * {@link Overloaded} 429, and after {@link #close()} with 503. A request whose reservation alone exceeds the
 * budget is refused at once (it could never run).
 */
public final class Admission {
    /** A granted reservation; {@link #release()} (idempotent) hands it back. */
    public final class Permit {
        private final long bytes;
        private boolean released;

        private Permit(long bytes) { this.bytes = bytes; }

        /** Hands the reservation back and admits the waiting requests that now fit. */
        public void release() {
            synchronized (Admission.this) {
                if (released) return;
                released = true;
                active--;
                reserved -= bytes;
            }
            drain();
        }
    }

    private record Waiting(long bytes, MonoSink<Permit> sink) {}

    private final int maxActive;
    private final int maxQueued;
    private final long memoryBudget;
    private final int retryAfterSeconds;
    private final Deque<Waiting> queue = new ArrayDeque<>();
    private int active;
    private long reserved;
    private boolean closed;

    /**
     * An admission controller.
     *
     * @param maxActive the most generations running at once (at least 1)
     * @param maxQueued the most requests waiting (0 or more)
     * @param memoryBudget the bytes that running generations may reserve together
     * @param retryAfterSeconds the {@code Retry-After} of a refusal
     */
    public Admission(int maxActive, int maxQueued, long memoryBudget, int retryAfterSeconds) {
        if (maxActive < 1 || maxQueued < 0 || memoryBudget <= 0)
            throw new IllegalArgumentException("Admission: maxActive must be >= 1, maxQueued >= 0 and memoryBudget > 0; got "
                    + maxActive + ", " + maxQueued + ", " + memoryBudget);
        this.maxActive = maxActive;
        this.maxQueued = maxQueued;
        this.memoryBudget = memoryBudget;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * A permit for {@code bytes}, at once when it fits, else after the requests ahead of it (a cancel leaves the
     * queue).
     *
     * @param bytes the KV-cache bytes the generation may use
     * @return a mono of the permit, or an {@link Overloaded} error
     */
    public Mono<Permit> admit(long bytes) {
        return Mono.create(sink -> {
            Overloaded refusal = null;
            Permit granted = null;
            Waiting waiting = null;
            synchronized (this) {
                if (closed) refusal = new Overloaded(503, retryAfterSeconds, "the service is shutting down");
                else if (bytes > memoryBudget)
                    refusal = new Overloaded(503, retryAfterSeconds, "the request needs " + bytes
                            + " bytes of KV cache, more than the budget of " + memoryBudget);
                else if (queue.isEmpty() && fits(bytes)) granted = grant(bytes);
                else if (queue.size() < maxQueued) queue.add(waiting = new Waiting(bytes, sink));
                else refusal = new Overloaded(429, retryAfterSeconds, "too many requests: " + active + " running, "
                            + queue.size() + " waiting");
            }
            if (refusal != null) sink.error(refusal);
            else if (granted != null) sink.success(granted);
            else {
                Waiting w = waiting;
                sink.onCancel(() -> { synchronized (this) { queue.remove(w); } });
            }
        });
    }

    /** Refuses new requests (503) and those waiting; running ones keep their permits. */
    public void close() {
        Deque<Waiting> refused;
        synchronized (this) {
            closed = true;
            refused = new ArrayDeque<>(queue);
            queue.clear();
        }
        refused.forEach(w -> w.sink().error(new Overloaded(503, retryAfterSeconds, "the service is shutting down")));
    }

    /**
     * The generations running now.
     *
     * @return the generations running now
     */
    public synchronized int active() { return active; }

    /**
     * The requests waiting now.
     *
     * @return the requests waiting now
     */
    public synchronized int queued() { return queue.size(); }

    /**
     * The KV-cache bytes reserved now.
     *
     * @return the KV-cache bytes reserved now
     */
    public synchronized long reserved() { return reserved; }

    private boolean fits(long bytes) { return active < maxActive && reserved + bytes <= memoryBudget; }

    private Permit grant(long bytes) {
        active++;
        reserved += bytes;
        return new Permit(bytes);
    }

    private void drain() {
        while (true) {
            Waiting next;
            Permit permit;
            synchronized (this) {
                next = queue.peek();
                if (next == null || !fits(next.bytes())) return;
                queue.poll();
                permit = grant(next.bytes());
            }
            next.sink().success(permit);
        }
    }
}
